using MathNet.Numerics;
using SimEmulator.Validation.Images;

namespace SimEmulator.Tests.Validation.Images;

public class MorphologyTests
{
    private const double Scale = 0.2; // arcsec per pixel

    /// <summary>Circular Sérsic profile centred on pixel (c, c), pixel-averaged by sub-sampling (finer near the cusp).</summary>
    private static float[] DrawSersic(int size, double n, double rePixels, double bn)
    {
        int c = size / 2;
        var image = new float[size * size];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                double dx = x - c, dy = y - c;
                int s = dx * dx + dy * dy <= 9 ? 32 : 4;
                double sum = 0;
                for (int a = 0; a < s; a++)
                    for (int b = 0; b < s; b++)
                    {
                        double px = dx + (a + 0.5) / s - 0.5, py = dy + (b + 0.5) / s - 0.5;
                        sum += Math.Exp(-bn * Math.Pow(Math.Sqrt(px * px + py * py) / rePixels, 1 / n));
                    }
                image[y * size + x] = (float)(sum / (s * s));
            }
        return image;
    }

    [Theory]
    // n = 1 within 8 R_e holds all but 2e-5 of the light, so there r½ = R_e; n = 4 within 6 R_e misses 8 % (r½ = 0.85 R_e).
    [InlineData(1.0, 12.0, 8.0, 0.01, true)]
    [InlineData(4.0, 20.0, 6.0, 0.02, false)]
    public void Concentration_and_light_radii_of_Sersic_profiles_match_the_analytic_curve_of_growth(
        double n, double rePixels, double apertureInRe, double tolerance, bool apertureHoldsAllLight)
    {
        // Enclosed light of a circular Sérsic profile: L(<r)/L = P(2n, b_n (r/R_e)^{1/n}) (regularised lower incomplete
        // gamma), with b_n from P(2n, b_n) = 1/2 exactly. Fractions refer to the flux inside the aperture R_ap, so the
        // radius enclosing fraction f solves P(2n, b_n (r/R_e)^{1/n}) = f·P(2n, b_n (R_ap/R_e)^{1/n}).
        double bn = SpecialFunctions.GammaLowerRegularizedInv(2 * n, 0.5);
        double pAp = SpecialFunctions.GammaLowerRegularized(2 * n, bn * Math.Pow(apertureInRe, 1 / n));
        double Radius(double f) => rePixels * Math.Pow(SpecialFunctions.GammaLowerRegularizedInv(2 * n, f * pAp) / bn, n);
        double r20 = Radius(0.2), r50 = Radius(0.5), r80 = Radius(0.8);
        // Truncated at R_ap: C = 2.80 for n = 1 (8 R_e) and 4.83 for n = 4 (6 R_e; 5.2 without truncation).
        double expectedC = 5 * Math.Log10(r80 / r20);

        int size = 2 * (int)Math.Ceiling(apertureInRe * rePixels + 4) + 1;
        var image = DrawSersic(size, n, rePixels, bn);
        var m = Morphology.Measure(image, size, size, Scale,
            options: new MorphologyOptions(TotalFluxRadiusArcsec: apertureInRe * rePixels * Scale, SmoothingWidthArcsec: 1.0));

        Assert.Equal(r50 * Scale, m.HalfLightRadiusArcsec, r50 * Scale * tolerance);
        Assert.Equal(r20 * Scale, m.R20Arcsec, r20 * Scale * tolerance);
        Assert.Equal(r80 * Scale, m.R80Arcsec, r80 * Scale * tolerance);
        Assert.Equal(expectedC, m.Concentration, expectedC * tolerance);
        if (apertureHoldsAllLight)
            Assert.Equal(rePixels * Scale, m.HalfLightRadiusArcsec, rePixels * Scale * tolerance);
    }

    [Fact]
    public void Ellipticity_of_an_elliptical_Gaussian_is_the_distortion_of_its_axis_ratio()
    {
        // Second moments of an elliptical Gaussian: Q = R diag(a², (qa)²) Rᵀ, so e = (1−q²)/(1+q²) (cos 2β, sin 2β).
        // Pixel-centre sums of a Gaussian with σ ≥ 4 px equal the integrals to ~exp(−2π²σ²) (Poisson summation).
        const int size = 129;
        double q = 0.5, beta = 30 * Math.PI / 180, a = 8, xc = 64.3, yc = 63.8;
        var image = new float[size * size];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                double dx = x - xc, dy = y - yc;
                double u = dx * Math.Cos(beta) + dy * Math.Sin(beta), v = -dx * Math.Sin(beta) + dy * Math.Cos(beta);
                image[y * size + x] = (float)Math.Exp(-0.5 * (u * u / (a * a) + v * v / (q * q * a * a)));
            }
        var m = Morphology.Measure(image, size, size, Scale);
        double e = (1 - q * q) / (1 + q * q); // 0.6
        Assert.Equal(e, m.EMagnitude, 1e-5);
        Assert.Equal(e * Math.Cos(2 * beta), m.E1, 1e-5);
        Assert.Equal(e * Math.Sin(2 * beta), m.E2, 1e-5);
        Assert.Equal(q, m.AxisRatio, 1e-5);
        Assert.Equal(30, m.PositionAngleDeg, 1e-3);
        Assert.Equal(xc, m.CentroidXPixel, 1e-5);
        Assert.Equal(yc, m.CentroidYPixel, 1e-5);
    }

    [Fact]
    public void Gini_of_a_constant_image_is_zero()
    {
        // Σ(2i − n − 1) = 0, so any constant image has G = 0 (Lotz et al. 2004, eq. 3).
        var image = Enumerable.Repeat(3.7f, 16 * 16).ToArray();
        Assert.Equal(0.0, Morphology.Measure(image, 16, 16, Scale).Gini, 1e-12);
    }

    [Fact]
    public void Gini_of_a_single_bright_pixel_is_one()
    {
        // Sorted values are n−1 zeros and X: G = (2n − n − 1)X / ((X/n) n (n−1)) = (n−1)/(n−1) = 1 exactly.
        var values = new double[400];
        values[123] = 5;
        Assert.Equal(1.0, Morphology.Gini(values), 1e-12);
        // Two equal bright pixels: G = [(n−3) + (n−1)]X / ((2X/n) n (n−1)) = (n−2)/(n−1).
        values[7] = 5;
        Assert.Equal(398.0 / 399.0, Morphology.Gini(values), 1e-12);
    }

    private static float[] Blobs(int size, double cx, double cy, bool symmetric)
    {
        var image = new float[size * size];
        float G(double dx, double dy, double s) => (float)Math.Exp(-0.5 * (dx * dx + dy * dy) / (s * s));
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                double dx = x - cx, dy = y - cy;
                // A central elliptical body and a pair of clumps at ±(6, 3): the image is point-symmetric about (cx, cy).
                float body = (float)Math.Exp(-0.5 * (dx * dx / 25 + dy * dy / 9 + 0.4 * dx * dy / 15));
                float clumps = symmetric ? G(dx - 6, dy - 3, 1.5) + G(dx + 6, dy + 3, 1.5) : 2 * G(dx - 6, dy - 3, 1.5);
                image[y * size + x] = body + 0.5f * clumps;
            }
        return image;
    }

    [Fact]
    public void Asymmetry_of_a_point_symmetric_image_is_zero_and_of_a_lopsided_one_is_not()
    {
        // Point-symmetric about the middle pixel of an odd stamp: I₁₈₀ = I exactly there (every pixel has its partner), and the centroid starts the search at that centre.
        var m = Morphology.Measure(Blobs(49, 24, 23, symmetric: true), 49, 49, Scale);
        Assert.Equal(0.0, m.Asymmetry, 1e-9);
        Assert.Equal(24, m.AsymmetryCentreXPixel, 1e-6);
        Assert.Equal(23, m.AsymmetryCentreYPixel, 1e-6);

        var lopsided = Morphology.Measure(Blobs(49, 24, 23, symmetric: false), 49, 49, Scale);
        Assert.True(lopsided.Asymmetry > 0.1, $"A = {lopsided.Asymmetry}");
    }

    [Fact]
    public void Asymmetry_search_finds_the_symmetry_centre_away_from_the_centroid()
    {
        // A symmetric galaxy plus a small off-centre clump: the centroid moves towards the clump, but A is smallest near
        // the galaxy's own centre. Bilinear rotation about a half-pixel grid is exact, so the search must get within 1/4 px.
        var image = Blobs(49, 24, 23, symmetric: true);
        image[30 * 49 + 36] += 2f;
        var m = Morphology.Measure(image, 49, 49, Scale);
        Assert.True(m.CentroidXPixel - 24 > 0.1);
        Assert.Equal(24, m.AsymmetryCentreXPixel, 0.25);
        Assert.Equal(23, m.AsymmetryCentreYPixel, 0.25);
    }

    [Fact]
    public void Smoothness_of_a_flat_image_is_zero_and_M20_of_a_centred_Gaussian_follows_its_profile()
    {
        // Boxcar smoothing leaves a constant unchanged ('reflect' edges).
        var flat = Enumerable.Repeat(2f, 20 * 20).ToArray();
        var f = Morphology.Measure(flat, 20, 20, Scale, options: new MorphologyOptions(SmoothingWidthArcsec: 5 * Scale));
        Assert.Equal(0.0, f.Smoothness, 1e-6);
        Assert.Equal(5, f.SmoothingWidthPixels);

        // Round Gaussian σ = 8 px: the brightest 20 % of the flux lies within t = r²/2σ² < ln 1.25, and
        // M(<r)/M_tot = 1 − (1+t)e^{−t}, so M20 = log10(1 − (1 + ln 1.25)/1.25) = −1.668 in the continuum. The centre is
        // off the pixel grid so that no ring of equal pixels straddles the 20 % threshold (one pixel ≈ 0.2 % of the flux).
        const int size = 81;
        var g = new float[size * size];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                g[y * size + x] = (float)Math.Exp(-0.5 * ((x - 40.37) * (x - 40.37) + (y - 39.71) * (y - 39.71)) / 64.0);
        double t = Math.Log(1.25);
        Assert.Equal(Math.Log10(1 - (1 + t) / 1.25), Morphology.Measure(g, size, size, Scale).M20, 0.02);
    }

    [Fact]
    public void Measurement_round_trips_through_JSON_and_bad_input_is_named()
    {
        var image = Blobs(32, 16, 15, symmetric: true);
        var m = Morphology.Measure(image, 32, 32, Scale);
        var back = MorphologyMeasurement.FromJson(m.ToJson());
        Assert.Equal(m, back); // records compare member-wise, NaN equal to NaN

        var ex = Assert.Throws<ArgumentException>(() => Morphology.Measure(image, 32, 31, Scale));
        Assert.Equal("image", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Morphology.Measure(image, 32, 32, 0));
        var mask = new bool[32 * 32];
        ex = Assert.Throws<ArgumentException>(() => Morphology.Measure(image, 32, 32, Scale, mask));
        Assert.Equal("mask", ex.ParamName);
    }
}
