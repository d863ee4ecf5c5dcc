using MathNet.Numerics;
using SimEmulator.Simulation.Galaxies;

namespace SimEmulator.Tests.Simulation.Galaxies;

public class SersicTests
{
    /// <summary>Unconvolved cusps: fold k out to twice the pixel Nyquist frequency only, enough for sums and radii.</summary>
    private static readonly GSParams Fast = new(MaxKNyquistMultiple: 2);

    [Theory]
    [InlineData(0.5, 0.6931471805599453)] // γ(1, b) = 1 − e^(−b) = ½ ⇒ b = ln 2 exactly
    [InlineData(1.0, 1.678346990016661)]  // (1 + b)e^(−b) = ½: b = −1 − W₋₁(−1/2e), GalSim's Exponential hlr/r0
    [InlineData(4.0, 7.66924944)]         // de Vaucouleurs' constant as tabulated (Ciotti & Bertin 1999: 7.66925)
    public void Bn_is_the_exact_root_of_the_incomplete_gamma_function(double n, double expected)
    {
        var b = Sersic.ComputeBn(n);
        Assert.Equal(expected, b, 1e-8);
        Assert.Equal(0.5, SpecialFunctions.GammaLowerRegularized(2 * n, b), 1e-13);
        Assert.Equal(b, new Sersic(n, 1.0).Bn, 15);
    }

    [Fact]
    public void Fourier_transform_of_n_half_and_n_one_matches_the_Gaussian_and_exponential_closed_forms()
    {
        // A Sérsic n = 0.5 is a Gaussian and n = 1 an exponential of the same half-light radius; F(0) = 1. The Sérsic
        // transform is splined in (ln q, ln(−ln F)) at 16 nodes per decade: within 1e-6 absolute and, down to F = 1e-10,
        // within 1e-5 relative (GalSim's kvalue_accuracy).
        var pairs = new (Profile Sersic, Profile Exact)[] { (new Sersic(0.5, 1.3), Gaussian.FromHalfLightRadius(1.3)), (new Sersic(1, 1.3), new Exponential(1.3)) };
        foreach (var (sersic, exact) in pairs)
            for (var lk = -4.0; lk <= 2.5; lk += 0.0123)
            {
                var k = Math.Pow(10, lk);
                var e = exact.KValue(k, 0).Real;
                var a = sersic.KValue(0.6 * k, 0.8 * k).Real;
                Assert.True(Math.Abs(a - e) <= 1e-6 && (e < 1e-10 || Math.Abs(a - e) <= 1e-5 * e), $"{sersic} at k = {k}: {a:R} vs {e:R}");
            }
    }

    [Theory]
    [InlineData(4.0, new[] { 10.0, 100, 1e3, 1e4, 1e5 })]
    [InlineData(6.0, new[] { 100.0, 1e3, 1e4, 1e5 })]
    [InlineData(2.2, new[] { 3.0, 30, 300, 3e3 })]
    public void Fourier_transform_matches_the_convergent_series_of_the_cusp_at_high_k(double n, double[] qs)
    {
        // Expanding exp(−(r/r0)^(1/n)) = Σ (−1)^m (r/r0)^(m/n)/m! and transforming term by term with
        // ∫ r^(a+1) J0(kr) dr = 2^(a+1) Γ(1 + a/2)/Γ(−a/2)·k^(−a−2) (Gradshteyn & Ryzhik 6.561.14) gives a series that
        // converges for n > 1 and is well conditioned at large k·r0; normalised by ∫ e^(−r^(1/n)) r dr = nΓ(2n).
        var re = 1.0;
        var sersic = new Sersic(n, re);
        foreach (var q in qs)
        {
            var kr0 = q * sersic.ScaleRadiusArcsec / re;
            double sum = 0;
            for (var m = 1; m < 2000; m++)
            {
                var x = m / (2 * n);
                var s = Math.Sin(Math.PI * x); // 1/Γ(−x) = −sin(πx)Γ(1 + x)/π
                if (Math.Abs(s) < 1e-13) continue;
                var lnTerm = Math.Log(Math.Abs(s)) + (2 * x + 1) * Math.Log(2) + 2 * SpecialFunctions.GammaLn(1 + x) - SpecialFunctions.GammaLn(m + 1)
                             - Math.Log(Math.PI) - (2 * x + 2) * Math.Log(kr0);
                var term = (m % 2 == 1 ? 1 : -1) * Math.Sign(s) * Math.Exp(lnTerm);
                sum += term;
                if (m > 20 && Math.Abs(term) < 1e-18 * Math.Abs(sum)) break;
            }
            var expected = sum / (n * SpecialFunctions.Gamma(2 * n));
            var actual = sersic.KValue(q / re, 0).Real;
            Assert.True(Math.Abs(actual - expected) <= 1e-6 * expected, $"n = {n}, q = {q}: F = {actual:R}, series {expected:R}");
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.5)]
    [InlineData(4.0)]
    [InlineData(6.0)]
    public void Pixel_sum_equals_the_flux_when_the_stamp_holds_the_galaxy(double n)
    {
        // The stamp's inscribed circle holds 99.9% of the light (γ(2n, b(r/r_e)^(1/n))/Γ(2n) = 0.999), e.g. r_e = 0.48 px
        // for n = 6: pixel integration must be exact however cuspy the profile is on the pixel grid.
        const double scale = 0.1;
        const int size = 128;
        var b = Sersic.ComputeBn(n);
        var rho999 = Math.Pow(SpecialFunctions.GammaLowerRegularizedInv(2 * n, 0.999) / b, n);
        var re = size / 2 * scale / rho999;
        const double flux = 1234.5;
        var image = new Sersic(n, re, flux).DrawImage(size, size, scale, Fast);
        var sum = image.Sum();
        Assert.True(Math.Abs(sum - flux) <= 0.005 * flux, $"n = {n}, r_e = {re / scale:F2} px: Σ pixels = {sum:F3}, flux {flux}");
        // Stronger: the light inside the square stamp, from the radial profile (see LightInSquare).
        Assert.Equal(LightInSquare(n, re, size / 2 * scale), sum / flux, 0.002);
    }

    [Fact]
    public void Pixel_sum_of_a_stamp_smaller_than_the_galaxy_is_the_light_inside_the_stamp()
    {
        // n = 4 with the stamp edge at 4 r_e: about 13% of the light falls outside and must not be folded back in.
        const double scale = 0.2, re = 1.6;
        var image = new DeVaucouleurs(re, 1).DrawImage(64, 64, scale, Fast);
        var expected = LightInSquare(4, re, 32 * scale);
        Assert.InRange(expected, 0.8, 0.9);
        Assert.Equal(expected, image.Sum(), 0.003);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.5)]
    [InlineData(4.0)]
    [InlineData(6.0)]
    public void Half_light_radius_measured_by_growth_curve_matches_the_input(double n)
    {
        // Circular, no PSF, r_e = 8 pixels on a 256² stamp; growth curve about the centroid, normalised by the flux drawn
        // (the stamp holds 98% of an n = 4: normalising by the pixel sum instead would bias r_e by −1.7%).
        const double scale = 0.1, re = 0.8, flux = 100;
        var image = new Sersic(n, re, flux).DrawImage(256, 256, scale, Fast);
        var measured = ImageMeasure.HalfLightRadius(image, flux) * scale;
        Assert.True(Math.Abs(measured - re) <= 0.02 * re, $"n = {n}: measured r_e = {measured:F4}\", input {re}\"");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.7)]
    [InlineData(4.0)]
    [InlineData(6.0)]
    public void Surface_brightness_integrates_to_the_flux_with_half_inside_the_half_light_radius(double n)
    {
        // ∫ 2πr I(r) dr in t = (r/r0)^(1/n), where the integrand t^(2n−1)e^(−t) is smooth: midpoint rule, 2·10⁵ steps.
        var s = new Sersic(n, 0.9, 7);
        double total = 0, inside = 0;
        const int steps = 200_000;
        const double tMax = 120;
        for (var i = 0; i < steps; i++)
        {
            var t = (i + 0.5) * tMax / steps;
            var r = s.ScaleRadiusArcsec * Math.Pow(t, n);
            var drdt = n * r / t;
            var ring = 2 * Math.PI * r * s.XValue(r, 0) * drdt * tMax / steps;
            total += ring;
            if (r <= 0.9) inside += ring;
        }
        Assert.Equal(7, total, 7 * 1e-6);
        Assert.Equal(3.5, inside, 7 * 1e-4); // the midpoint step straddling r_e costs ~1e-4
    }

    [Fact]
    public void DeVaucouleurs_is_the_n4_Sersic_and_WithFlux_keeps_the_shape()
    {
        var dev = new DeVaucouleurs(0.7, 3);
        var sersic = new Sersic(4, 0.7, 3);
        Assert.Equal(sersic.KValue(2.1, -0.4), dev.KValue(2.1, -0.4));
        var brighter = dev.WithFlux(12);
        Assert.IsType<DeVaucouleurs>(brighter);
        Assert.Equal(4 * dev.XValue(0.3, 0.1), brighter.XValue(0.3, 0.1), 12);
    }

    /// <summary>
    /// Fraction of a circular Sérsic's light inside the square |x|, |y| ≤ a: the enclosed fraction P(r) = γ(2n, b(r/r_e)^(1/n))/Γ(2n)
    /// to r = a, plus the rings a &lt; r &lt; a√2 weighted by the part of their circumference inside, 1 − (4/π)·arccos(a/r)
    /// (r = a + u² removes the square-root edge).
    /// </summary>
    internal static double LightInSquare(double n, double re, double a)
    {
        var b = Sersic.ComputeBn(n);
        double P(double r) => SpecialFunctions.GammaLowerRegularized(2 * n, b * Math.Pow(r / re, 1 / n));
        double Density(double r)
        {
            var x = b * Math.Pow(r / re, 1 / n);
            return Math.Exp((2 * n - 1) * Math.Log(x) - x - SpecialFunctions.GammaLn(2 * n)) * x / (n * r);
        }
        var uMax = Math.Sqrt(a * (Math.Sqrt(2) - 1));
        const int steps = 4000;
        double ring = 0;
        for (var i = 0; i < steps; i++)
        {
            var u = (i + 0.5) / steps * uMax;
            var r = a + u * u;
            ring += (1 - 4 / Math.PI * Math.Acos(a / r)) * Density(r) * 2 * u * (uMax / steps);
        }
        return P(a) + ring;
    }
}
