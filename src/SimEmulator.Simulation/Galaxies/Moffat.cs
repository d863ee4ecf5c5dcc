using System.Numerics;

namespace SimEmulator.Simulation.Galaxies;

/// <summary>
/// Moffat PSF I(r) ∝ (1 + (r/r_d)²)^(−β) with FWHM = 2·r_d·√(2^(1/β) − 1), optionally truncated at truncArcsec
/// (then the flux is the light inside the truncation radius, and β &gt; 0; untruncated needs β &gt; 1).
/// </summary>
public sealed class Moffat : Profile
{
    private readonly MoffatInfo info;
    private readonly double xNorm;

    public Moffat(double beta, double fwhmArcsec, double flux = 1, double truncArcsec = 0)
    {
        if (!(fwhmArcsec > 0 && double.IsFinite(fwhmArcsec))) throw new ArgumentOutOfRangeException(nameof(fwhmArcsec), fwhmArcsec, "FWHM must be positive (arcsec)");
        if (!(truncArcsec >= 0)) throw new ArgumentOutOfRangeException(nameof(truncArcsec), truncArcsec, "truncation radius must be ≥ 0 arcsec (0 = none)");
        if (truncArcsec == 0 && !(beta > 1)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "an untruncated Moffat needs β > 1 (its flux diverges otherwise)");
        if (!(beta > 0 && beta < 100)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be in (0, 100)");
        if (!double.IsFinite(flux)) throw new ArgumentOutOfRangeException(nameof(flux), flux, "flux must be finite");
        Beta = beta;
        FwhmArcsec = fwhmArcsec;
        Flux = flux;
        TruncArcsec = truncArcsec;
        ScaleRadiusArcsec = fwhmArcsec / (2 * Math.Sqrt(Math.Pow(2, 1 / beta) - 1));
        if (truncArcsec > 0 && truncArcsec <= 0.5 * fwhmArcsec)
            throw new ArgumentOutOfRangeException(nameof(truncArcsec), truncArcsec, $"truncation radius must exceed FWHM/2 = {0.5 * fwhmArcsec:G4} arcsec");
        info = MoffatInfo.For(beta, truncArcsec / ScaleRadiusArcsec);
        xNorm = flux / (2 * Math.PI * ScaleRadiusArcsec * ScaleRadiusArcsec * info.Norm);
    }

    public double Beta { get; }
    public double FwhmArcsec { get; }
    /// <summary>r_d = FWHM / (2√(2^(1/β) − 1)).</summary>
    public double ScaleRadiusArcsec { get; }
    /// <summary>0 when untruncated.</summary>
    public double TruncArcsec { get; }
    public double HalfLightRadiusArcsec => info.HalfLightRadius() * ScaleRadiusArcsec;
    public override double Flux { get; }

    public override double XValue(double xArcsec, double yArcsec)
    {
        var r2 = xArcsec * xArcsec + yArcsec * yArcsec;
        if (TruncArcsec > 0 && r2 > TruncArcsec * TruncArcsec) return 0;
        return xNorm * Math.Pow(1 + r2 / (ScaleRadiusArcsec * ScaleRadiusArcsec), -Beta);
    }

    public override Complex KValue(double kx, double ky) =>
        Flux * info.Fourier(Math.Sqrt(kx * kx + ky * ky) * ScaleRadiusArcsec);

    public override double MaxK(GSParams? gsparams = null) =>
        info.MaxK((gsparams ?? GSParams.Default).MaxKThreshold) / ScaleRadiusArcsec;

    public override double StepK(GSParams? gsparams = null)
    {
        var g = gsparams ?? GSParams.Default;
        var r = Math.Max(info.FoldingRadius(g.FoldingThreshold) * ScaleRadiusArcsec, g.StepKMinimumHlr * HalfLightRadiusArcsec);
        return Math.PI / r;
    }

    public override Moffat WithFlux(double flux) => new(Beta, FwhmArcsec, flux, TruncArcsec);
}
