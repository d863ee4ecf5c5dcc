using SimEmulator.Simulation.Galaxies;
using SimEmulator.Data.Randomness;

namespace SimEmulator.Tests.Simulation.Galaxies;

public class NoiseTests
{
    [Fact]
    public void Generators_reproduce_the_reference_vectors()
    {
        // xoshiro256** from state {1, 2, 3, 4} and SplitMix64 from 1234567: the outputs of Vigna's reference C code.
        var g = Xoshiro256StarStar.FromState(1, 2, 3, 4);
        Assert.Equal([11520UL, 0UL, 1509978240UL, 1215971899390074240UL, 1216172134540287360UL, 607988272756665600UL],
            Enumerable.Range(0, 6).Select(_ => g.NextUInt64()).ToArray());
        var x = 1234567UL;
        Assert.Equal([6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL, 16408922859458223821UL],
            Enumerable.Range(0, 5).Select(_ => Xoshiro256StarStar.SplitMix64(ref x)).ToArray());
    }

    [Fact]
    public void Gaussian_noise_has_the_specified_variance_within_its_sampling_error()
    {
        // For N independent normal deviates, Var(s²) = 2σ⁴/(N − 1): allow 4 standard errors; the mean has error σ/√N.
        const double sigma = 3.0;
        var image = new GaussianNoise(sigma).AddTo(new Image(256, 256, 0.2), new Xoshiro256StarStar(42));
        var (mean, variance) = MeanVariance(image.Pixels);
        var n = image.Pixels.Length;
        Assert.Equal(sigma * sigma, variance, 4 * sigma * sigma * Math.Sqrt(2.0 / (n - 1)));
        Assert.Equal(0, mean, 4 * sigma / Math.Sqrt(n));
    }

    [Fact]
    public void Ccd_noise_has_Poisson_sky_plus_read_noise_variance()
    {
        // Background variance sky/gain + (read/gain)² ADU² (GalSim's CCDNoise): 500/2 + (4/2)² = 254; the sky is taken as
        // already subtracted, so the background averages zero. The Poisson deviates are nearly normal at 1000 e⁻, so the
        // normal sampling error 2σ⁴/(N − 1) of s² applies (the excess kurtosis 1/λ adds 0.05%).
        var noise = new CcdNoise(skyLevel: 500, gain: 2, readNoise: 4);
        Assert.Equal(254, noise.BackgroundVariance, 12);
        var image = noise.AddTo(new Image(256, 256, 0.2), new Xoshiro256StarStar(7));
        var (mean, variance) = MeanVariance(image.Pixels);
        var n = image.Pixels.Length;
        Assert.Equal(254, variance, 4 * 254 * Math.Sqrt(2.0 / (n - 1)));
        Assert.Equal(0, mean, 4 * Math.Sqrt(254.0 / n));
    }

    [Theory]
    [InlineData(3.7)]  // inversion
    [InlineData(250)]  // PTRS
    public void Poisson_deviates_have_mean_and_variance_lambda(double lambda)
    {
        // Standard errors: √(λ/N) for the mean; √((2λ² + λ)/N) for the variance (fourth cumulant λ).
        var rng = new Xoshiro256StarStar(99);
        const int n = 200_000;
        var values = new double[n];
        for (var i = 0; i < n; i++) values[i] = rng.NextPoisson(lambda);
        var (mean, variance) = MeanVariance(values);
        Assert.Equal(lambda, mean, 4 * Math.Sqrt(lambda / n));
        Assert.Equal(lambda, variance, 4 * Math.Sqrt((2 * lambda * lambda + lambda) / n));
    }

    [Fact]
    public void Target_signal_to_noise_is_met_exactly_by_the_matched_filter_definition()
    {
        // GalSim: (S/N)² = Σ I²/σ² for white noise σ (the optimal, matched-filter S/N of a known profile).
        var noiseless = Profile.Convolve(new Sersic(2.0, 0.8, 5000), new Moffat(3.5, 1.0)).DrawImage(48, 48, 0.2);
        foreach (var snr in new[] { 10.0, 37.5, 200 })
        {
            var noise = GaussianNoise.ForSignalToNoise(noiseless, snr);
            var sumSq = noiseless.Pixels.ToArray().Sum(v => v * v);
            Assert.Equal(snr, Math.Sqrt(sumSq / (noise.Sigma * noise.Sigma)), 1e-12 * snr);
            Assert.Equal(snr, GaussianNoise.MatchedFilterSnr(noiseless, noise.Sigma), 1e-12 * snr);
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_noise_bytes()
    {
        var a = new CcdNoise(100, 1.5, 3).AddTo(new Image(16, 16, 0.2), new Xoshiro256StarStar(123));
        var b = new CcdNoise(100, 1.5, 3).AddTo(new Image(16, 16, 0.2), new Xoshiro256StarStar(123));
        var c = new CcdNoise(100, 1.5, 3).AddTo(new Image(16, 16, 0.2), new Xoshiro256StarStar(124));
        Assert.Equal(a.Pixels.ToArray(), b.Pixels.ToArray());
        Assert.NotEqual(a.Pixels.ToArray(), c.Pixels.ToArray());
    }

    internal static (double Mean, double Variance) MeanVariance(ReadOnlySpan<double> v)
    {
        double s = 0;
        foreach (var x in v) s += x;
        var mean = s / v.Length;
        double ss = 0;
        foreach (var x in v) ss += (x - mean) * (x - mean);
        return (mean, ss / (v.Length - 1));
    }
}
