namespace SimEmulator.Simulation.Cosmology;

/// <summary>Top-hat variance σ(R) of any linear power spectrum: σ²(R) = ∫ dk k² P(k) W²(kR) / (2π²).</summary>
public static class LinearPowerExtensions
{
    private const double RelativeTolerance = 1e-10;

    // The integral runs over x = kR. Below OscillationStart it is smooth in ln x; from there to TailStart W² oscillates
    // with period π and is integrated panel by panel in x; beyond TailStart the oscillation is replaced by its period
    // average, W² → 9(1 + x²)/(2x⁶), which changes the result by a relative O(1/TailStart) of a tail that is itself
    // ~ (Δ²(k) ratio)·TailStart⁻⁴ of the total for a CDM-like spectrum.
    private const double XMin = 1e-10, OscillationStart = 2, TailStart = 2000, XMax = 2000e12;

    /// <summary>σ(R): the rms linear overdensity in a top-hat sphere of radius <paramref name="radiusMpcH"/> (Mpc/h).</summary>
    public static double Sigma(this ILinearPower power, double radiusMpcH) => Math.Sqrt(SigmaSquared(power, radiusMpcH));

    /// <summary>σ²(R) = ∫ dk k² P(k) W²(kR) / (2π²), R in Mpc/h, to ~1e-10 relative (adaptive Gauss–Legendre in ln k, then k).</summary>
    public static double SigmaSquared(this ILinearPower power, double radiusMpcH)
    {
        ArgumentNullException.ThrowIfNull(power);
        if (!(radiusMpcH > 0) || double.IsInfinity(radiusMpcH))
            throw new ArgumentOutOfRangeException(nameof(radiusMpcH), radiusMpcH, "the top-hat radius must be a positive, finite length in Mpc/h");
        var r = radiusMpcH;

        // d ln k: x³ P W²
        double Smooth(double u)
        {
            var x = Math.Exp(u);
            var w = TopHatWindow(x);
            return x * x * x * power.P(x / r) * w * w;
        }

        // dk: x² P W²
        double Oscillating(double x)
        {
            var w = TopHatWindow(x);
            return x * x * power.P(x / r) * w * w;
        }

        // d ln k with the period-averaged window
        double Tail(double u)
        {
            var x = Math.Exp(u);
            var x2 = x * x;
            return x * x2 * power.P(x / r) * 4.5 * (1 + x2) / (x2 * x2 * x2);
        }

        var sum = Quadrature.Integrate(Smooth, Quadrature.Uniform(Math.Log(XMin), Math.Log(OscillationStart), 0.5), RelativeTolerance)
                + Quadrature.Integrate(Oscillating, Quadrature.Uniform(OscillationStart, TailStart, 0.5 * Math.PI), RelativeTolerance)
                + Quadrature.Integrate(Tail, Quadrature.Uniform(Math.Log(TailStart), Math.Log(XMax), 0.5), RelativeTolerance);
        var sigma2 = sum / (2 * Math.PI * Math.PI * r * r * r);
        if (!(sigma2 >= 0) || double.IsInfinity(sigma2))
            throw new ArgumentException($"σ²(R = {r} Mpc/h) came out as {sigma2}: P(k) must be finite and non-negative for all k > 0", nameof(power));
        return sigma2;
    }

    /// <summary>The Fourier transform of a unit top-hat sphere, W(x) = 3(sin x − x cos x)/x³, with W(0) = 1.</summary>
    public static double TopHatWindow(double x)
    {
        x = Math.Abs(x);
        if (x < 0.1)
        {
            // Taylor series 3 Σ (−1)ⁿ (2n+2) x²ⁿ/(2n+3)!, truncation < 1e-18 here; the closed form would lose ~1e-11 to
            // cancellation at x = 0.01.
            var x2 = x * x;
            return 1 - x2 / 10 * (1 - x2 / 28 * (1 - x2 / 54 * (1 - x2 / 88)));
        }
        return 3 * (Math.Sin(x) - x * Math.Cos(x)) / (x * x * x);
    }
}
