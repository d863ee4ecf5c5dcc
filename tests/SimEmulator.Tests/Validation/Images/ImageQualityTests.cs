using System.Text.Json;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using SimEmulator.Validation.Images;

namespace SimEmulator.Tests.Validation.Images;

public class ImageQualityTests
{
    private static float[] Noise(int n, int seed, double sigma = 1)
    {
        var rng = new MersenneTwister(seed);
        return Enumerable.Range(0, n).Select(_ => (float)Normal.Sample(rng, 0, sigma)).ToArray();
    }

    [Fact]
    public void Identical_images_have_infinite_PSNR_and_unit_SSIM()
    {
        var a = Noise(24 * 30, seed: 1);
        Assert.Equal(double.PositiveInfinity, ImageQuality.PeakSignalToNoiseRatio(a, a, 4.0));
        // Numerator and denominator of SSIM coincide when a = b.
        Assert.Equal(1.0, ImageQuality.StructuralSimilarity(a, a, 24, 30, 4.0), 1e-12);
    }

    [Fact]
    public void PSNR_of_a_constant_offset_is_ten_log10_of_range_squared_over_offset_squared()
    {
        // MSE = 0.1², range 1: PSNR = 10 log10(1/0.01) = 20 dB (0.1 in float32 is 0.1 to 1.5e-9 relative, hence 1e-6 dB).
        var a = Enumerable.Range(0, 100).Select(i => i / 100f).ToArray();
        var b = a.Select(v => v + 0.1f).ToArray();
        Assert.Equal(20.0, ImageQuality.PeakSignalToNoiseRatio(a, b, 1.0), 1e-5);
    }

    [Fact]
    public void SSIM_matches_a_scipy_transcription_of_scikit_image()
    {
        // skimage.metrics.structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
        // data_range=R) transcribed with scipy.ndimage.gaussian_filter (truncate=3.5, mode='reflect'), cropping
        // (win_size − 1)//2 = 5 pixels, in float64 (scikit-image itself is not installed here).
        const string script = """
            import json, sys
            import numpy as np
            from scipy.ndimage import gaussian_filter
            d = json.load(open(sys.argv[1]))
            a = np.array(d['a'], dtype=np.float64).reshape(d['h'], d['w'])
            b = np.array(d['b'], dtype=np.float64).reshape(d['h'], d['w'])
            R = d['range']
            f = lambda z: gaussian_filter(z, sigma=1.5, truncate=3.5, mode='reflect')
            ux, uy = f(a), f(b)
            vx, vy, vxy = f(a * a) - ux * ux, f(b * b) - uy * uy, f(a * b) - ux * uy
            C1, C2 = (0.01 * R) ** 2, (0.03 * R) ** 2
            S = ((2 * ux * uy + C1) * (2 * vxy + C2)) / ((ux ** 2 + uy ** 2 + C1) * (vx + vy + C2))
            pad = (11 - 1) // 2
            print(json.dumps(float(S[pad:-pad, pad:-pad].mean(dtype=np.float64))))
            """;
        const int h = 37, w = 29;
        // A smooth blob plus noise against the same blob with different noise: SSIM well inside (0, 1).
        var blob = Enumerable.Range(0, h * w).Select(i => (float)(3 * Math.Exp(-0.5 * (Math.Pow(i / w - 18, 2) + Math.Pow(i % w - 14, 2)) / 25))).ToArray();
        var n1 = Noise(h * w, seed: 2, sigma: 0.3);
        var n2 = Noise(h * w, seed: 3, sigma: 0.3);
        var a = blob.Select((v, i) => v + n1[i]).ToArray();
        var b = blob.Select((v, i) => v + n2[i]).ToArray();
        const double range = 4.0;

        var path = Path.Combine(Path.GetTempPath(), $"ssim-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { a, b, h, w, range }));
        try
        {
            var (code, stdout, stderr) = PythonPeer.Run("-c", script, path);
            Assert.True(code == 0, stderr);
            double expected = double.Parse(stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
            double ssim = ImageQuality.StructuralSimilarity(a, b, h, w, range);
            Assert.InRange(expected, 0.2, 0.95);
            Assert.Equal(expected, ssim, 1e-6);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Bad_sizes_and_ranges_are_rejected()
    {
        var a = new float[20 * 20];
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageQuality.PeakSignalToNoiseRatio(a, a, 0));
        Assert.Throws<ArgumentException>(() => ImageQuality.StructuralSimilarity(new float[10 * 10], new float[10 * 10], 10, 10, 1));
        Assert.Throws<ArgumentException>(() => ImageQuality.PeakSignalToNoiseRatio(a, new float[3], 1));
    }
}
