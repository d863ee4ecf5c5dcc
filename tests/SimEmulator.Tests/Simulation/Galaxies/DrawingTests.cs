using SimEmulator.Simulation.Galaxies;

namespace SimEmulator.Tests.Simulation.Galaxies;

public class DrawingTests
{
    [Fact]
    public void Drawn_pixels_equal_the_profile_integrated_over_each_pixel()
    {
        // Independent check of the Fourier drawing (pixel response, centring, shear, shift): integrate XValue over each pixel
        // by a 24 × 24 midpoint rule (error ~ h²/24·∇²I ≈ 1e-6 of the peak) and compare on a stamp of odd width, even height.
        const double scale = 0.2;
        var profile = Gaussian.FromSigma(0.7).Shear(0.5, 0.4).Shift(0.13, -0.31).WithFlux(100);
        var image = profile.DrawImage(33, 32, scale);
        double peak = 0, worst = 0;
        for (var y = 0; y < image.Ny; y++)
            for (var x = 0; x < image.Nx; x++)
            {
                // Pixel (x, y) is centred at ((x − (Nx − 1)/2)·scale, (y − (Ny − 1)/2)·scale).
                double cx = (x - (image.Nx - 1) / 2.0) * scale, cy = (y - (image.Ny - 1) / 2.0) * scale, sum = 0;
                const int m = 24;
                for (var a = 0; a < m; a++)
                    for (var b = 0; b < m; b++)
                        sum += profile.XValue(cx + ((a + 0.5) / m - 0.5) * scale, cy + ((b + 0.5) / m - 0.5) * scale);
                sum *= scale * scale / (m * m);
                peak = Math.Max(peak, sum);
                worst = Math.Max(worst, Math.Abs(sum - image[x, y]));
            }
        Assert.True(worst <= 1e-4 * peak, $"largest difference {worst:E3} for a peak of {peak:F4}");
    }

    [Fact]
    public void Shift_moves_the_centroid_by_the_offset()
    {
        const double scale = 0.25;
        var image = new Exponential(0.5, 10).Shift(0.1, -0.175).DrawImage(64, 64, scale);
        var (cx, cy) = ImageMeasure.Centroid(image);
        // The origin is at (31.5, 31.5); the shift is (0.4, −0.7) pixels. Light beyond the stamp is ~1e-6 of the total.
        Assert.Equal(31.5 + 0.4, cx, 0.005);
        Assert.Equal(31.5 - 0.7, cy, 0.005);
    }

    [Theory]
    [InlineData(0.5, 30.0)]
    [InlineData(0.8, -70.0)]
    [InlineData(0.3, 95.0)]
    public void Shear_gives_the_axis_ratio_and_position_angle_of_the_second_moments(double q, double betaDeg)
    {
        // A Gaussian stays Gaussian under shear: the eigenvectors of its moment matrix point along the axes and the square
        // roots of the eigenvalues are in the ratio q (pixelisation adds 1/12 px² to both: σ = 2.5 px makes that ≤ 0.7%).
        const double scale = 0.1;
        var image = Gaussian.FromSigma(0.25).Shear(q, betaDeg * Math.PI / 180).DrawImage(96, 96, scale);
        var (ixx, iyy, ixy) = ImageMeasure.Moments(image);
        ixx -= 1.0 / 12;
        iyy -= 1.0 / 12;
        var angle = 0.5 * Math.Atan2(2 * ixy, ixx - iyy) * 180 / Math.PI;
        var mean = 0.5 * (ixx + iyy);
        var half = Math.Sqrt(0.25 * (ixx - iyy) * (ixx - iyy) + ixy * ixy);
        Assert.Equal(q, Math.Sqrt((mean - half) / (mean + half)), 1e-4);
        var expectedAngle = Math.IEEERemainder(betaDeg, 180);
        Assert.Equal(expectedAngle, angle, 0.01);
        // Shear preserves area: √(ab) stays σ.
        Assert.Equal(2.5 * 2.5, Math.Sqrt((mean - half) * (mean + half)), 1e-3);
    }

    [Fact]
    public void Rotation_by_90_degrees_swaps_the_axes()
    {
        var sheared = new Exponential(0.6).Shear(0.4, 0);
        var a = sheared.DrawImage(48, 48, 0.1);
        var b = sheared.Rotate(Math.PI / 2).DrawImage(48, 48, 0.1);
        // The stamp centre is at (23.5, 23.5); rotating (x, y) by 90° about it maps pixel (x, y) to (47 − y, x).
        for (var y = 0; y < 48; y++)
            for (var x = 0; x < 48; x++)
                Assert.Equal(a[x, y], b[47 - y, x], 1e-9);
    }

    [Fact]
    public void Convolving_two_Gaussians_gives_the_Gaussian_of_summed_variances()
    {
        // σ² adds under convolution; flux multiplies.
        var conv = Profile.Convolve(Gaussian.FromSigma(0.3, 2), Gaussian.FromSigma(0.4, 3));
        var direct = Gaussian.FromSigma(0.5, 6);
        var a = conv.DrawImage(41, 41, 0.1);
        var b = direct.DrawImage(41, 41, 0.1);
        Assert.Equal(6, conv.Flux, 12);
        // Same FFT period (sizes add in quadrature either way) and nothing beyond Nyquist: equal to rounding.
        for (var i = 0; i < a.Pixels.Length; i++) Assert.Equal(b.Pixels[i], a.Pixels[i], 1e-12);
    }

    [Fact]
    public void Bulge_plus_disk_is_the_sum_of_its_parts()
    {
        var bulge = new DeVaucouleurs(0.4, 3).Shear(0.9, 0.2);
        var disk = new Exponential(1.1, 7).Shear(0.5, 0.2);
        var galaxy = bulge + disk;
        Assert.Equal(10, galaxy.Flux, 12);
        // Convolution distributes over the sum: (bulge + disk) ⊗ PSF = bulge ⊗ PSF + disk ⊗ PSF. Each side is drawn on the
        // FFT period its own size needs, so the light wrapped at the folding threshold (5e-3 of the flux, spread over the
        // stamp's edge) differs: agreement to 1e-4 of the peak.
        var psf = new Moffat(3.5, 0.7);
        var sum = Profile.Convolve(galaxy, psf).DrawImage(64, 64, 0.2);
        var parts = Profile.Convolve(bulge, psf).DrawImage(64, 64, 0.2).Add(Profile.Convolve(disk, psf).DrawImage(64, 64, 0.2));
        var peak = sum.Pixels.ToArray().Max();
        for (var i = 0; i < sum.Pixels.Length; i++) Assert.Equal(parts.Pixels[i], sum.Pixels[i], 1e-4 * peak);
        Assert.Equal(10, (0.5 * galaxy).Flux * 2, 12);
        Assert.Equal(4, galaxy.WithFlux(4).Flux, 12);
    }

    [Fact]
    public void A_profile_too_large_for_the_FFT_limit_is_refused_with_the_sizes()
    {
        var huge = new Sersic(6, 50);
        var e = Assert.Throws<InvalidOperationException>(() => huge.DrawImage(64, 64, 0.05, new GSParams(MaximumFftSize: 2048)));
        Assert.Contains("MaximumFftSize = 2048", e.Message);
    }
}
