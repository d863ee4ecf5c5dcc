using SimEmulator.Simulation.Cosmology;

namespace SimEmulator.Tests.Simulation.Cosmology;

public class SigmaTests
{
    private sealed class PowerLaw(double amplitude, double index) : ILinearPower
    {
        public double P(double kHMpc) => amplitude * Math.Pow(kHMpc, index);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(8.0)]
    [InlineData(150.0)]
    public void Sigma_of_k_to_the_minus_two_is_analytic(double r)
    {
        // σ² = R⁻¹/(2π²)·∫ W²(x) dx and ∫_0^∞ W² dx = 9·(π/2)·∫ J_{3/2}²(x) x⁻³ dx = 9·(π/2)·(2/15) = 3π/5
        // (Weber–Schafheitlin, Gradshteyn & Ryzhik 6.574.2), so σ² = 3/(10πR).
        var sigma2 = new PowerLaw(1, -2).SigmaSquared(r);
        var expected = 3 / (10 * Math.PI * r);
        Assert.True(Math.Abs(sigma2 / expected - 1) < 1e-8, $"σ²({r}) = {sigma2:R}, expected {expected:R}");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(8.0)]
    public void Sigma_of_white_noise_is_P_over_the_sphere_volume(double r)
    {
        // P = const: σ² = P·∫ d³k W²/(2π)³ = P/V with V = 4πR³/3 (Parseval). The W² tail falls only as x⁻², so this
        // exercises the period-averaged tail beyond kR = 2000; 1e-6.
        const double p = 3.7e4;
        var sigma2 = new PowerLaw(p, 0).SigmaSquared(r);
        var expected = p / (4 * Math.PI * r * r * r / 3);
        Assert.True(Math.Abs(sigma2 / expected - 1) < 1e-6, $"σ²({r}) = {sigma2:R}, expected {expected:R}");
    }

    [Fact]
    public void Sigma_scales_as_the_square_root_of_the_amplitude_and_as_R_for_a_power_law()
    {
        // For P ∝ k^n, σ(R) ∝ R^−(3+n)/2 exactly; n = −1.5 here.
        var p = new PowerLaw(2.0, -1.5);
        var ratio = p.Sigma(4) / p.Sigma(16);
        Assert.True(Math.Abs(ratio / Math.Pow(4, 0.75) - 1) < 1e-8, $"σ(4)/σ(16) = {ratio:R}");
        Assert.True(Math.Abs(new PowerLaw(8.0, -1.5).Sigma(4) / p.Sigma(4) - 2) < 1e-12);
    }

    [Fact]
    public void Top_hat_window_is_continuous_where_the_series_takes_over()
    {
        // Closed form 3(sin x − x cos x)/x³ from x = 0.1, Taylor series through x⁸ below (truncation < 1e-18); the closed
        // form's cancellation error at 0.1 is ~1e-14. W(0) = 1; W(x) ≈ 1 − x²/10 for tiny x.
        Assert.Equal(1.0, LinearPowerExtensions.TopHatWindow(0));
        var below = LinearPowerExtensions.TopHatWindow(0.1 * (1 - 1e-15));
        var above = LinearPowerExtensions.TopHatWindow(0.1);
        Assert.True(Math.Abs(below - above) < 1e-13, $"{below:R} vs {above:R}");
        Assert.Equal(1 - 1e-8 / 10, LinearPowerExtensions.TopHatWindow(1e-4), 15);
        Assert.Equal(3 * (Math.Sin(2.0) - 2 * Math.Cos(2.0)) / 8, LinearPowerExtensions.TopHatWindow(2.0), 15);
    }

    [Fact]
    public void Bad_radius_is_refused()
    {
        var p = new PowerLaw(1, -2);
        Assert.Equal("radiusMpcH", Assert.Throws<ArgumentOutOfRangeException>(() => p.Sigma(0)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => p.Sigma(double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => new PowerLaw(-1, 0).Sigma(8));
    }
}
