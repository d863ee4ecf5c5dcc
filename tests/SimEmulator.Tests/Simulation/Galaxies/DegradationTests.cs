using SimEmulator.Simulation.Galaxies;
using SimEmulator.Data.Randomness;

namespace SimEmulator.Tests.Simulation.Galaxies;

public class DegradationTests
{
    [Fact]
    public void Blur_sigma_is_fwhm_over_pixel_scale_over_2_355()
    {
        // GalaxyGAN (roou.py): σ_px = FWHM / 0.396 / 2.355. We use 2√(2 ln 2) = 2.35482 (0.008% apart). A noiseless point
        // source measures the kernel: its second moment is σ² up to aliasing terms ~e^(−2π²σ²) and the 6σ cut (~1e-8).
        const double scale = 0.396, fwhm = 1.4;
        var point = new double[63 * 63];
        point[31 * 63 + 31] = 1;
        var result = new GalaxyGanDegradation(fwhm, 1.2).Apply(new Image(63, 63, scale, point), new Xoshiro256StarStar(1));
        Assert.Equal(0, result.SigmaAdded); // no noise in the original, none to match
        var (ixx, iyy, ixy) = ImageMeasure.Moments(result.Degraded);
        var expected = fwhm / scale / 2.355;
        Assert.Equal(expected, result.BlurSigmaPixels, 1e-3 * expected);
        Assert.Equal(result.BlurSigmaPixels, Math.Sqrt(ixx), 1e-6);
        Assert.Equal(result.BlurSigmaPixels, Math.Sqrt(iyy), 1e-6);
        Assert.Equal(0, ixy, 1e-9);
        Assert.Equal(1, result.Degraded.Sum(), 1e-12);
    }

    [Fact]
    public void Final_background_sigma_is_sig_times_the_original()
    {
        // A blank 256² field of white noise σ0 = 2, degraded with FWHM 1.4" and sig = 1.5, σ measured on the whole stamp.
        // The blur alone leaves σ0/(2√π σ_px) ≈ 0.19σ0, so adding σ0·√(sig² − 1) would overshoot; GalaxyGAN adds
        // (sig·σ_orig)² − σ_blur².
        // Sampling errors (N = 65536): the MAD estimate of σ_orig has relative error 1.17/√N = 0.46%; the sample standard
        // deviation of the final image 1/√(2N) = 0.28%. Tolerances are 4 of those.
        const double sigma0 = 2, sig = 1.5;
        const int size = 256;
        var original = new GaussianNoise(sigma0).AddTo(new Image(size, size, 0.396), new Xoshiro256StarStar(5));
        var result = new GalaxyGanDegradation(1.4, sig, borderPixels: size / 2).Apply(original, new Xoshiro256StarStar(6));
        var n = (double)size * size;
        Assert.Equal(sigma0, result.SigmaOriginal, 4 * 1.17 / Math.Sqrt(n) * sigma0);
        Assert.InRange(result.SigmaBlurred, 0.15 * sigma0, 0.25 * sigma0);
        Assert.Equal(result.SigmaTarget * result.SigmaTarget, result.SigmaAdded * result.SigmaAdded + result.SigmaBlurred * result.SigmaBlurred, 1e-9);
        var finalSigma = Math.Sqrt(NoiseTests.MeanVariance(result.Degraded.Pixels).Variance);
        var originalSigma = Math.Sqrt(NoiseTests.MeanVariance(original.Pixels).Variance);
        // Against the σ the algorithm aimed at (its own MAD estimate × sig): the final sample σ and the blurred part's MAD.
        Assert.Equal(sig * result.SigmaOriginal, finalSigma, 4 * 0.003 * sig * sigma0);
        // Against sig × the original's sample σ: both estimators' errors combined, √(0.46² + 0.28²)% ≈ 0.54%.
        Assert.Equal(sig * originalSigma, finalSigma, 4 * 0.0054 * sig * sigma0);
    }

    [Fact]
    public void Galaxy_light_in_the_centre_does_not_bias_the_border_noise_estimate()
    {
        // MAD of the border (default: an eighth of the side) ignores a bright galaxy in the middle.
        var galaxy = Profile.Convolve(new Sersic(1.5, 1.5, 2e5), new Moffat(3.5, 1.3)).DrawImage(128, 128, 0.396);
        var noisy = new GaussianNoise(5).AddTo(galaxy, new Xoshiro256StarStar(11));
        // 128² − 96² = 7168 border pixels: relative error 1.17/√7168 = 1.4%; allow 4 of it.
        Assert.Equal(5, NoiseEstimate.BorderMadSigma(noisy), 4 * 0.014 * 5);
    }
}
