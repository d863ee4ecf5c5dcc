using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using SimEmulator.Validation.Ensembles;

namespace SimEmulator.Tests.Validation.Ensembles;

public class ProbabilityIntegralTransformTests
{
    private static double[] Draw(int n, double mean, double sigma, int seed)
    {
        var rng = new MersenneTwister(seed);
        return Enumerable.Range(0, n).Select(_ => Normal.Sample(rng, mean, sigma)).ToArray();
    }

    [Fact]
    public void PIT_of_samples_from_the_prediction_is_uniform_and_of_shifted_ones_is_not()
    {
        var uniform = new ContinuousUniform(0, 1).CumulativeDistribution;
        var pit = ProbabilityIntegralTransform.Gaussian(Draw(1000, 2.0, 0.5, seed: 11), 2.0, 0.5);
        Assert.True(KolmogorovSmirnov.OneSample(pit, uniform, "U(0,1)").PValue > 0.01);

        // Shifted by half a σ the PIT piles up towards 1: D ≈ Φ(0.25)−Φ(−0.25) ≈ 0.2, p ≪ 1e-6 at n = 1000.
        var shifted = ProbabilityIntegralTransform.Gaussian(Draw(1000, 2.25, 0.5, seed: 11), 2.0, 0.5);
        Assert.True(KolmogorovSmirnov.OneSample(shifted, uniform, "U(0,1)").PValue < 1e-6);
    }

    [Fact]
    public void PIT_is_the_normal_cdf_and_the_histogram_counts_every_value()
    {
        // Φ(0) = 0.5, Φ(1) = 0.8413447460685429 (scipy.stats.norm.cdf(1)).
        var u = ProbabilityIntegralTransform.Gaussian(new[] { 3.0, 5.0 }, 3.0, 2.0);
        Assert.Equal(0.5, u[0], 1e-15);
        Assert.Equal(0.8413447460685429, u[1], 1e-14);
        // Quarters of [0, 1]: 0 → first, 0.6 → third, 0.9 and 1 (closed last bin) → fourth.
        Assert.Equal(new long[] { 1, 0, 1, 2 }, ProbabilityIntegralTransform.Histogram(new[] { 0.0, 0.6, 0.9, 1.0 }, 4));
    }

    [Fact]
    public void Nonpositive_sigma_is_rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ProbabilityIntegralTransform.Gaussian(new[] { 1.0 }, 0, 0));
        Assert.Equal("sigma", ex.ParamName);
    }
}
