using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using SimEmulator.Validation.Ensembles;

namespace SimEmulator.Tests.Validation.Ensembles;

public class KolmogorovSmirnovTests
{
    [Theory]
    // scipy.special.kolmogorov(0.5), (1.0), and the asymptotic KS critical values λ_0.10 = 1.22385,
    // λ_0.05 = 1.35810, λ_0.01 = 1.62762 (e.g. Smirnov 1948 table; the same numbers in every KS table).
    [InlineData(0.5, 0.9639452436648751, 1e-12)]
    [InlineData(1.0, 0.26999967167735456, 1e-12)]
    [InlineData(1.2238478, 0.10, 1e-6)]
    [InlineData(1.3580986, 0.05, 1e-6)]
    [InlineData(1.6276236, 0.01, 1e-6)]
    public void Kolmogorov_survival_function_matches_tabulated_values(double lambda, double expected, double tolerance)
    {
        Assert.Equal(expected, KolmogorovSmirnov.KolmogorovQ(lambda), tolerance);
    }

    [Fact]
    public void Both_series_agree_at_the_switch_point()
    {
        Assert.Equal(KolmogorovSmirnov.KolmogorovQ(1.18 - 1e-12), KolmogorovSmirnov.KolmogorovQ(1.18), 1e-10);
    }

    [Fact]
    public void Uniform_sample_is_accepted_and_shifted_sample_rejected()
    {
        var rng = new MersenneTwister(1);
        var u = Enumerable.Range(0, 1000).Select(_ => rng.NextDouble()).ToArray();
        var cdf = new ContinuousUniform(0, 1).CumulativeDistribution;
        Assert.True(KolmogorovSmirnov.OneSample(u, cdf, "U(0,1)").PValue > 0.01);
        var shifted = u.Select(x => Math.Min(1, x + 0.1)).ToArray();
        Assert.True(KolmogorovSmirnov.OneSample(shifted, cdf, "U(0,1)").PValue < 1e-6);
    }
}
