using System.Numerics;
using MathNet.Numerics;

namespace SimEmulator.Simulation.Galaxies;

/// <summary>
/// Sérsic profile I(r) ∝ exp(−b_n·(r/r_e)^(1/n)), 0.5 ≤ n ≤ 6, with r_e the half-light radius and b_n exact
/// (γ(2n, b_n) = Γ(2n)/2 by the inverse regularised incomplete gamma function), untruncated.
/// </summary>
public class Sersic : Profile
{
    public const double MinN = 0.5, MaxN = 6;

    private readonly SersicInfo info;
    private readonly double xNorm;

    public Sersic(double n, double halfLightRadiusArcsec, double flux = 1)
    {
        if (!(n >= MinN && n <= MaxN)) throw new ArgumentOutOfRangeException(nameof(n), n, $"Sérsic index must be in [{MinN}, {MaxN}]");
        if (!(halfLightRadiusArcsec > 0 && double.IsFinite(halfLightRadiusArcsec)))
            throw new ArgumentOutOfRangeException(nameof(halfLightRadiusArcsec), halfLightRadiusArcsec, "half-light radius must be positive (arcsec)");
        if (!double.IsFinite(flux)) throw new ArgumentOutOfRangeException(nameof(flux), flux, "flux must be finite");
        N = n;
        HalfLightRadiusArcsec = halfLightRadiusArcsec;
        Flux = flux;
        info = SersicInfo.For(n);
        ScaleRadiusArcsec = halfLightRadiusArcsec / info.ReOverR0;
        // I0 = flux / (2π n Γ(2n) r0²)
        xNorm = flux / (2 * Math.PI * n * Math.Exp(info.LnGamma2n) * ScaleRadiusArcsec * ScaleRadiusArcsec);
    }

    /// <summary>Sérsic index.</summary>
    public double N { get; }
    public double HalfLightRadiusArcsec { get; }
    /// <summary>r0 = r_e / b_n^n, so that I ∝ exp(−(r/r0)^(1/n)).</summary>
    public double ScaleRadiusArcsec { get; }
    /// <summary>b_n of this profile.</summary>
    public double Bn => info.B;
    public override double Flux { get; }

    /// <summary>The exact b_n: γ(2n, b_n) = Γ(2n)/2.</summary>
    public static double ComputeBn(double n) => SpecialFunctions.GammaLowerRegularizedInv(2 * n, 0.5);

    public override double XValue(double xArcsec, double yArcsec)
    {
        var r = Math.Sqrt(xArcsec * xArcsec + yArcsec * yArcsec) / ScaleRadiusArcsec;
        return xNorm * Math.Exp(-Math.Pow(r, 1 / N));
    }

    public override Complex KValue(double kx, double ky) =>
        Flux * info.Fourier(Math.Sqrt(kx * kx + ky * ky) * HalfLightRadiusArcsec);

    public override double MaxK(GSParams? gsparams = null) =>
        info.MaxQ((gsparams ?? GSParams.Default).MaxKThreshold) / HalfLightRadiusArcsec;

    public override double StepK(GSParams? gsparams = null)
    {
        var g = gsparams ?? GSParams.Default;
        return Math.PI / (Math.Max(info.FoldingRadius(g.FoldingThreshold), g.StepKMinimumHlr) * HalfLightRadiusArcsec);
    }

    public override Sersic WithFlux(double flux) => new(N, HalfLightRadiusArcsec, flux);
}
