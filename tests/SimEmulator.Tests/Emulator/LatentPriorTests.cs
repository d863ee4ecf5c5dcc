using MathNet.Numerics.Distributions;
using SimEmulator.Emulator.Models;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Emulator;

public class LatentPriorTests
{
    private static double[] Draw(ModelConfig config, long batch, long seed)
    {
        using var rng = new Generator(seed);
        using var z = LatentPrior.Sample(config, batch, rng);
        Assert.Equal([batch, config.LatentDim], z.shape);
        Assert.Equal(float32, z.dtype);
        return z.data<float>().Select(v => (double)v).ToArray();
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(10.0)]
    public void Student_t_latents_have_variance_nu_over_nu_minus_two(double nu)
    {
        var z = Draw(new ModelConfig { LatentPrior = "student_t", StudentTDof = nu }, 4096, 31);
        var n = z.Length; // 2¹⁸
        var variance = z.Sum(v => v * v) / n; // the mean is 0 by symmetry
        // Student-t: E t² = ν/(ν−2), E t⁴ = 3ν²/((ν−2)(ν−4)); the standard error of the mean of t² is √((E t⁴ − (E t²)²)/n).
        var expected = nu / (nu - 2);
        var se = Math.Sqrt((3 * nu * nu / ((nu - 2) * (nu - 4)) - expected * expected) / n);
        Assert.Equal(expected, variance, 5 * se);
        Assert.True(Math.Abs(variance - 1) > 20 * se); // clearly not the Gaussian prior
    }

    [Fact]
    public void Gaussian_latents_have_unit_variance()
    {
        var z = Draw(new ModelConfig(), 4096, 32);
        // Var of the mean of z² for N(0,1) is 2/n.
        Assert.Equal(1.0, z.Sum(v => v * v) / z.Length, 5 * Math.Sqrt(2.0 / z.Length));
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(1.5)] // ν/2 < 1: the Gamma(a + 1)·U^(1/a) branch of the χ² sampler
    public void Student_t_latents_follow_the_student_t_cdf(double nu)
    {
        var z = Draw(new ModelConfig { LatentPrior = "student_t", StudentTDof = nu, LatentDim = 16 }, 4096, 33);
        Array.Sort(z);
        var n = z.Length;
        // Kolmogorov–Smirnov distance to MathNet's Student-t CDF; 1.63/√n is the 1 % critical value.
        var dmax = 0.0;
        for (var i = 0; i < n; i++)
        {
            var f = StudentT.CDF(0, 1, nu, z[i]);
            dmax = Math.Max(dmax, Math.Max(Math.Abs(f - (double)i / n), Math.Abs((double)(i + 1) / n - f)));
        }
        Assert.True(dmax < 1.63 / Math.Sqrt(n), $"KS distance {dmax:G4} ≥ {1.63 / Math.Sqrt(n):G4}");
    }

    [Fact]
    public void The_same_generator_seed_reproduces_student_t_latents_and_another_seed_does_not()
    {
        var config = new ModelConfig { LatentPrior = "student_t", LatentDim = 16 };
        var a = Draw(config, 64, 34);
        var b = Draw(config, 64, 34);
        var c = Draw(config, 64, 35);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }
}
