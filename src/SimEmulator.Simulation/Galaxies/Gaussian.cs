using System.Numerics;

namespace SimEmulator.Simulation.Galaxies;

/// <summary>Circular Gaussian I(r) ∝ exp(−r²/2σ²): FWHM = 2√(2 ln 2)·σ ≈ 2.35482σ, r_e = √(2 ln 2)·σ.</summary>
public sealed class Gaussian : Profile
{
    /// <summary>FWHM/σ = 2√(2 ln 2).</summary>
    public static readonly double FwhmPerSigma = 2 * Math.Sqrt(2 * Math.Log(2));

    private Gaussian(double sigmaArcsec, double flux)
    {
        if (!(sigmaArcsec > 0 && double.IsFinite(sigmaArcsec))) throw new ArgumentOutOfRangeException(nameof(sigmaArcsec), sigmaArcsec, "σ must be positive (arcsec)");
        if (!double.IsFinite(flux)) throw new ArgumentOutOfRangeException(nameof(flux), flux, "flux must be finite");
        SigmaArcsec = sigmaArcsec;
        Flux = flux;
    }

    public static Gaussian FromFwhm(double fwhmArcsec, double flux = 1) => new(fwhmArcsec / FwhmPerSigma, flux);
    public static Gaussian FromSigma(double sigmaArcsec, double flux = 1) => new(sigmaArcsec, flux);
    public static Gaussian FromHalfLightRadius(double halfLightRadiusArcsec, double flux = 1) => new(halfLightRadiusArcsec / Math.Sqrt(2 * Math.Log(2)), flux);

    public double SigmaArcsec { get; }
    public double FwhmArcsec => SigmaArcsec * FwhmPerSigma;
    public double HalfLightRadiusArcsec => SigmaArcsec * Math.Sqrt(2 * Math.Log(2));
    public override double Flux { get; }

    public override double XValue(double xArcsec, double yArcsec)
    {
        var s2 = SigmaArcsec * SigmaArcsec;
        return Flux / (2 * Math.PI * s2) * Math.Exp(-(xArcsec * xArcsec + yArcsec * yArcsec) / (2 * s2));
    }

    public override Complex KValue(double kx, double ky) =>
        Flux * Math.Exp(-0.5 * (kx * kx + ky * ky) * SigmaArcsec * SigmaArcsec);

    public override double MaxK(GSParams? gsparams = null) =>
        Math.Sqrt(-2 * Math.Log((gsparams ?? GSParams.Default).MaxKThreshold)) / SigmaArcsec;

    public override double StepK(GSParams? gsparams = null)
    {
        var g = gsparams ?? GSParams.Default;
        var r = Math.Max(Math.Sqrt(-2 * Math.Log(g.FoldingThreshold)) * SigmaArcsec, g.StepKMinimumHlr * HalfLightRadiusArcsec);
        return Math.PI / r;
    }

    public override Gaussian WithFlux(double flux) => new(SigmaArcsec, flux);
}
