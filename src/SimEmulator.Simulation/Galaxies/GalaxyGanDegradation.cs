using SimEmulator.Data.Randomness;
namespace SimEmulator.Simulation.Galaxies;

/// <summary>
/// The degradation of GalaxyGAN's PSF-recovery experiments (Schawinski et al. 2017, tools/roou.py): blur with a Gaussian of
/// σ_px = FWHM / pixel scale / 2.3548, then add white noise of variance (sig·σ_orig)² − σ_blur², where σ_orig and σ_blur are
/// the background σ of the original and of the blurred image, so that the degraded background σ is sig × the original's.
/// (The blur itself lowers the noise; roou.py measures both, and so do we, robustly, by the MAD of the border pixels.)
/// </summary>
public sealed record GalaxyGanDegradation
{
    /// <param name="fwhmArcsec">FWHM of the Gaussian blur (GalaxyGAN's --fwhm), arcsec.</param>
    /// <param name="sig">Final over original background σ (GalaxyGAN's --sig); below what the blur leaves, no noise is added.</param>
    /// <param name="borderPixels">Width of the stamp edge used to measure σ; 0 = NoiseEstimate.DefaultBorder.</param>
    public GalaxyGanDegradation(double fwhmArcsec, double sig, int borderPixels = 0)
    {
        if (!(fwhmArcsec >= 0 && double.IsFinite(fwhmArcsec))) throw new ArgumentOutOfRangeException(nameof(fwhmArcsec), fwhmArcsec, "blur FWHM must be ≥ 0 arcsec");
        if (!(sig > 0 && double.IsFinite(sig))) throw new ArgumentOutOfRangeException(nameof(sig), sig, "sig (final / original noise σ) must be positive");
        if (borderPixels < 0) throw new ArgumentOutOfRangeException(nameof(borderPixels), borderPixels, "border must be ≥ 0 pixels");
        FwhmArcsec = fwhmArcsec;
        Sig = sig;
        BorderPixels = borderPixels;
    }

    public double FwhmArcsec { get; }
    public double Sig { get; }
    public int BorderPixels { get; }

    public double BlurSigmaPixels(double pixelScaleArcsec) => FwhmArcsec / pixelScaleArcsec / Gaussian.FwhmPerSigma;

    public DegradationResult Apply(Image original, Xoshiro256StarStar rng)
    {
        var sigmaPx = BlurSigmaPixels(original.PixelScaleArcsec);
        var blurred = GaussianBlur.Apply(original, sigmaPx);
        var sigmaOriginal = NoiseEstimate.BorderMadSigma(original, BorderPixels);
        var sigmaBlurred = NoiseEstimate.BorderMadSigma(blurred, BorderPixels);
        var target = Sig * sigmaOriginal;
        var sigmaAdded = Math.Sqrt(Math.Max(0, target * target - sigmaBlurred * sigmaBlurred));
        var degraded = new GaussianNoise(sigmaAdded).AddTo(blurred, rng);
        return new DegradationResult(degraded, sigmaPx, sigmaOriginal, sigmaBlurred, sigmaAdded, target);
    }
}
