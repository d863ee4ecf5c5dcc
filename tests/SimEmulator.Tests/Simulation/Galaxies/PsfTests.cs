using SimEmulator.Simulation.Galaxies;

namespace SimEmulator.Tests.Simulation.Galaxies;

public class PsfTests
{
    // FWHM = 3" at 0.2"/px: 15 pixels, on an odd stamp so the peak sits on a pixel centre. Pixel integration widens the
    // FWHM by ~0.1% here (σ² + 1/12 px² for a Gaussian), well inside the 2% tolerance.
    private const double Scale = 0.2, FwhmArcsec = 3.0;

    [Fact]
    public void Gaussian_drawn_FWHM_matches_the_input()
    {
        var image = Gaussian.FromFwhm(FwhmArcsec).DrawImage(63, 63, Scale);
        Assert.Equal(FwhmArcsec, ImageMeasure.Fwhm(image) * Scale, FwhmArcsec * 0.02);
        Assert.Equal(FwhmArcsec / Gaussian.FwhmPerSigma, Gaussian.FromFwhm(FwhmArcsec).SigmaArcsec, 12);
    }

    [Theory]
    [InlineData(2.5, 0.0)]
    [InlineData(4.765, 0.0)] // Trujillo et al. (2001)'s typical atmospheric β
    [InlineData(3.0, 9.0)]   // truncated at 3 FWHM
    public void Moffat_drawn_FWHM_matches_the_input(double beta, double truncArcsec)
    {
        var psf = new Moffat(beta, FwhmArcsec, 1, truncArcsec);
        var image = psf.DrawImage(63, 63, Scale);
        Assert.Equal(FwhmArcsec, ImageMeasure.Fwhm(image) * Scale, FwhmArcsec * 0.02);
        // The profile itself: I(FWHM/2) = I(0)/2 by the definition r_d = FWHM/(2√(2^(1/β) − 1)).
        Assert.Equal(0.5 * psf.XValue(0, 0), psf.XValue(0.5 * FwhmArcsec, 0), 12);
    }

    [Theory]
    [InlineData(2.5, 0.0)]
    [InlineData(3.0, 4.0)]
    [InlineData(0.8, 3.0)] // β < 1 only exists truncated
    public void Moffat_surface_brightness_integrates_to_its_flux(double beta, double truncArcsec)
    {
        // ∫ 2πr I(r) dr out to the truncation (or far out: the light beyond R is (1 + R²/r_d²)^(1−β)), midpoint rule.
        var psf = new Moffat(beta, 1.2, 5, truncArcsec);
        var rMax = truncArcsec > 0 ? truncArcsec : 1e4 * psf.ScaleRadiusArcsec;
        var beyond = truncArcsec > 0 ? 0 : 5 * Math.Pow(1 + 1e8, 1 - beta);
        double total = 0;
        const int steps = 400_000;
        // r = r_d·sinh(u) spreads the steps evenly over the core and the power-law wing.
        var uMax = Math.Asinh(rMax / psf.ScaleRadiusArcsec);
        for (var i = 0; i < steps; i++)
        {
            var u = (i + 0.5) * uMax / steps;
            var r = psf.ScaleRadiusArcsec * Math.Sinh(u);
            total += 2 * Math.PI * r * psf.XValue(r, 0) * psf.ScaleRadiusArcsec * Math.Cosh(u) * uMax / steps;
        }
        Assert.Equal(5, total + beyond, 5 * 1e-6);
    }

    [Fact]
    public void Truncated_Moffat_transform_tends_to_the_closed_form_as_the_truncation_recedes()
    {
        // Numerical Hankel integral over [0, r_t] vs 2(K/2)^(β−1)K_(β−1)(K)/Γ(β−1): with r_t = 40 FWHM the truncated
        // light is (1 + (r_t/r_d)²)^(1−β) ≈ 1e-8 of the total.
        var untruncated = new Moffat(3.5, 1.0);
        var truncated = new Moffat(3.5, 1.0, 1, 40.0);
        for (var k = 0.0; k < 12; k += 0.37)
            Assert.Equal(untruncated.KValue(k, 0).Real, truncated.KValue(0, k).Real, 1e-6);
    }

    [Fact]
    public void Moffat_flux_is_the_pixel_sum_of_a_stamp_that_holds_it()
    {
        // β = 4.765, FWHM 1", truncated at 4": the stamp's half-width of 6.3" holds all the light there is.
        var image = new Moffat(4.765, 1.0, 7.5, 4.0).DrawImage(63, 63, Scale);
        Assert.Equal(7.5, image.Sum(), 7.5 * 1e-4);
    }
}
