namespace SimEmulator.Validation.Images;

/// <summary>
/// Full-reference image quality of a 2D image against a reference (e.g. an emulated galaxy stamp against the simulated
/// one): PSNR and SSIM with an explicit data range, as scikit-image's <c>peak_signal_noise_ratio</c> and
/// <c>structural_similarity</c>.
/// </summary>
public static class ImageQuality
{
    /// <summary>Gaussian window σ of SSIM in pixels (Wang et al. 2004).</summary>
    public const double SsimSigma = 1.5;

    /// <summary>SSIM stabilising constants C1 = (K1 R)², C2 = (K2 R)².</summary>
    public const double SsimK1 = 0.01, SsimK2 = 0.03;

    /// <summary>Gaussian truncation in σ (scipy.ndimage.gaussian_filter), giving an 11-pixel window for σ = 1.5.</summary>
    public const double SsimTruncate = 3.5;

    /// <summary>
    /// PSNR = 10 log10(R² / MSE) in dB with the data range R given explicitly (peak-to-peak of the reference's
    /// possible values, not of either image); +∞ for identical images.
    /// </summary>
    public static double PeakSignalToNoiseRatio(ReadOnlySpan<float> reference, ReadOnlySpan<float> image, double dataRange)
    {
        RequireRange(dataRange);
        if (reference.Length != image.Length)
            throw new ArgumentException($"Images differ in size: reference has {reference.Length} pixels, image {image.Length}.", nameof(image));
        if (reference.Length == 0)
            throw new ArgumentException("PSNR needs at least one pixel; 'reference' is empty.", nameof(reference));
        double sse = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            double d = (double)reference[i] - image[i];
            sse += d * d;
        }
        double mse = sse / reference.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(dataRange * dataRange / mse);
    }

    /// <summary>
    /// Mean structural similarity of two H × W images (row-major), as scikit-image
    /// <c>structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=R)</c>:
    /// local means, variances and covariance by a Gaussian filter (σ = 1.5, truncate = 3.5, scipy 'reflect' boundaries),
    /// S = (2μ_aμ_b + C1)(2σ_ab + C2) / ((μ_a² + μ_b² + C1)(σ_a² + σ_b² + C2)), averaged over the pixels at least
    /// (11 − 1)/2 = 5 from every edge. Computed in double precision (scikit-image keeps float32 inputs in float32).
    /// </summary>
    public static double StructuralSimilarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int height, int width, double dataRange)
    {
        var map = StructuralSimilarityMap(a, b, height, width, dataRange);
        int pad = WindowSize / 2;
        double sum = 0;
        for (int y = pad; y < height - pad; y++)
            for (int x = pad; x < width - pad; x++)
                sum += map[y * width + x];
        return sum / ((height - 2 * pad) * (width - 2 * pad));
    }

    /// <summary>The per-pixel SSIM map (H × W, row-major) behind <see cref="StructuralSimilarity"/>, before cropping.</summary>
    public static double[] StructuralSimilarityMap(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int height, int width, double dataRange)
    {
        RequireRange(dataRange);
        if (height < WindowSize || width < WindowSize)
            throw new ArgumentException($"SSIM needs images of at least {WindowSize} × {WindowSize} pixels (the Gaussian window); got {height} × {width}.", nameof(height));
        if (a.Length != height * width || b.Length != height * width)
            throw new ArgumentException($"Expected {height} × {width} = {height * width} pixels in both images; got {a.Length} and {b.Length}.", nameof(a));

        int n = height * width;
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++) { x[i] = a[i]; y[i] = b[i]; }
        var xx = new double[n];
        var yy = new double[n];
        var xy = new double[n];
        for (int i = 0; i < n; i++) { xx[i] = x[i] * x[i]; yy[i] = y[i] * y[i]; xy[i] = x[i] * y[i]; }

        var kernel = GaussianKernel(SsimSigma, SsimTruncate);
        var ux = Filter(x, height, width, kernel);
        var uy = Filter(y, height, width, kernel);
        var uxx = Filter(xx, height, width, kernel);
        var uyy = Filter(yy, height, width, kernel);
        var uxy = Filter(xy, height, width, kernel);

        double c1 = SsimK1 * dataRange * SsimK1 * dataRange, c2 = SsimK2 * dataRange * SsimK2 * dataRange;
        var s = new double[n];
        for (int i = 0; i < n; i++)
        {
            double vx = uxx[i] - ux[i] * ux[i], vy = uyy[i] - uy[i] * uy[i], vxy = uxy[i] - ux[i] * uy[i];
            double a1 = 2 * ux[i] * uy[i] + c1, a2 = 2 * vxy + c2;
            double b1 = ux[i] * ux[i] + uy[i] * uy[i] + c1, b2 = vx + vy + c2;
            s[i] = a1 * a2 / (b1 * b2);
        }
        return s;
    }

    // skimage: win_size = 2·int(truncate·σ + 0.5) + 1 = 11 for σ = 1.5.
    private static int WindowSize => 2 * (int)(SsimTruncate * SsimSigma + 0.5) + 1;

    /// <summary>Normalised 1D Gaussian of radius int(truncate·σ + 0.5), as scipy.ndimage.gaussian_filter1d.</summary>
    internal static double[] GaussianKernel(double sigma, double truncate)
    {
        int radius = (int)(truncate * sigma + 0.5);
        var k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++)
        {
            k[i + radius] = Math.Exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.Length; i++) k[i] /= sum;
        return k;
    }

    /// <summary>Separable correlation with a symmetric kernel, scipy.ndimage mode 'reflect' (d c b a | a b c d | d c b a).</summary>
    internal static double[] Filter(double[] image, int height, int width, double[] kernel)
    {
        int r = kernel.Length / 2;
        var tmp = new double[image.Length];
        var output = new double[image.Length];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                double s = 0;
                for (int k = -r; k <= r; k++) s += kernel[k + r] * image[y * width + Reflect(x + k, width)];
                tmp[y * width + x] = s;
            }
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                double s = 0;
                for (int k = -r; k <= r; k++) s += kernel[k + r] * tmp[Reflect(y + k, height) * width + x];
                output[y * width + x] = s;
            }
        return output;
    }

    /// <summary>Index into [0, n) with half-sample symmetric reflection, periodic with period 2n.</summary>
    internal static int Reflect(int i, int n)
    {
        int period = 2 * n;
        i %= period;
        if (i < 0) i += period;
        return i < n ? i : period - 1 - i;
    }

    private static void RequireRange(double dataRange)
    {
        if (!(dataRange > 0) || !double.IsFinite(dataRange))
            throw new ArgumentOutOfRangeException(nameof(dataRange), dataRange,
                "The data range must be finite and > 0: the span of possible pixel values (e.g. 1 for images in [0, 1], max − min of the reference otherwise).");
    }
}
