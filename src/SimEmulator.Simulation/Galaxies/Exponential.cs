using System.Numerics;

namespace SimEmulator.Simulation.Galaxies;

/// <summary>
/// Exponential disk I(r) ∝ exp(−r/r0), the Sérsic n = 1 profile in closed form: r_e = b_1·r0 (b_1 = 1.6783469900166605)
/// and F(k) = flux·(1 + k²r0²)^(−3/2).
/// </summary>
public sealed class Exponential : Profile
{
    /// <summary>b_1: γ(2, b_1) = Γ(2)/2, i.e. (1 + b)e^(−b) = ½.</summary>
    public const double B1 = 1.6783469900166605;

    public Exponential(double halfLightRadiusArcsec, double flux = 1)
    {
        if (!(halfLightRadiusArcsec > 0 && double.IsFinite(halfLightRadiusArcsec)))
            throw new ArgumentOutOfRangeException(nameof(halfLightRadiusArcsec), halfLightRadiusArcsec, "half-light radius must be positive (arcsec)");
        if (!double.IsFinite(flux)) throw new ArgumentOutOfRangeException(nameof(flux), flux, "flux must be finite");
        HalfLightRadiusArcsec = halfLightRadiusArcsec;
        ScaleRadiusArcsec = halfLightRadiusArcsec / B1;
        Flux = flux;
    }

    public double HalfLightRadiusArcsec { get; }
    public double ScaleRadiusArcsec { get; }
    public override double Flux { get; }

    public override double XValue(double xArcsec, double yArcsec)
    {
        var r0 = ScaleRadiusArcsec;
        return Flux / (2 * Math.PI * r0 * r0) * Math.Exp(-Math.Sqrt(xArcsec * xArcsec + yArcsec * yArcsec) / r0);
    }

    public override Complex KValue(double kx, double ky)
    {
        var k2 = (kx * kx + ky * ky) * ScaleRadiusArcsec * ScaleRadiusArcsec;
        var s = 1 + k2;
        return Flux / (s * Math.Sqrt(s));
    }

    public override double MaxK(GSParams? gsparams = null) =>
        Math.Sqrt(Math.Pow((gsparams ?? GSParams.Default).MaxKThreshold, -2.0 / 3) - 1) / ScaleRadiusArcsec;

    public override double StepK(GSParams? gsparams = null)
    {
        var g = gsparams ?? GSParams.Default;
        // (1 + x)e^(−x) = folding threshold, by Newton from a large start.
        var lnT = Math.Log(g.FoldingThreshold);
        var x = 10.0;
        for (var i = 0; i < 50; i++)
        {
            var f = Math.Log(1 + x) - x - lnT;
            var step = f / (1 / (1 + x) - 1);
            x -= step;
            if (Math.Abs(step) < 1e-12) break;
        }
        return Math.PI / Math.Max(x * ScaleRadiusArcsec, g.StepKMinimumHlr * HalfLightRadiusArcsec);
    }

    public override Exponential WithFlux(double flux) => new(HalfLightRadiusArcsec, flux);
}
