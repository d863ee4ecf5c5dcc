namespace SimEmulator.Simulation.Galaxies;

/// <summary>
/// Convolution of an image with a pixel-sampled Gaussian kernel normalised to unit sum (astropy's Gaussian2DKernel,
/// mode 'center'), separable, out to 6σ, with periodic boundaries so that stationary noise stays stationary at the edges.
/// </summary>
public static class GaussianBlur
{
    public static Image Apply(Image image, double sigmaPixels)
    {
        if (!(sigmaPixels >= 0 && double.IsFinite(sigmaPixels))) throw new ArgumentOutOfRangeException(nameof(sigmaPixels), sigmaPixels, "blur σ must be ≥ 0 pixels");
        if (sigmaPixels == 0) return image.With(image.ToArray());
        var kernel = Kernel(sigmaPixels);
        int nx = image.Nx, ny = image.Ny;
        var rows = new double[nx * ny];
        var src = image.Pixels;
        for (var y = 0; y < ny; y++) Convolve1D(src.Slice(y * nx, nx), kernel, rows.AsSpan(y * nx, nx));
        // Columns: transpose, convolve rows, transpose back.
        var t = Transpose(rows, nx, ny);
        var tc = new double[nx * ny];
        for (var x = 0; x < nx; x++) Convolve1D(t.AsSpan(x * ny, ny), kernel, tc.AsSpan(x * ny, ny));
        return image.With(Transpose(tc, ny, nx));
    }

    /// <summary>Periodic convolution of one line: the line is padded by wrapping so the inner loop needs no index arithmetic.</summary>
    private static void Convolve1D(ReadOnlySpan<double> line, double[] kernel, Span<double> output)
    {
        int n = line.Length, r = kernel.Length / 2;
        var padded = new double[n + 2 * r];
        for (var i = 0; i < padded.Length; i++) padded[i] = line[Mod(i - r, n)];
        for (var x = 0; x < n; x++)
        {
            double s = 0;
            // output[x] = Σ_k kernel[k + r]·line[x − k]; the kernel is symmetric.
            for (var k = 0; k < kernel.Length; k++) s += kernel[k] * padded[x + k];
            output[x] = s;
        }
    }

    private static double[] Transpose(double[] a, int nx, int ny)
    {
        var t = new double[a.Length];
        for (var y = 0; y < ny; y++)
            for (var x = 0; x < nx; x++)
                t[x * ny + y] = a[y * nx + x];
        return t;
    }

    /// <summary>exp(−k²/2σ²) for |k| ≤ ⌈6σ⌉, normalised to unit sum.</summary>
    public static double[] Kernel(double sigmaPixels)
    {
        var r = (int)Math.Ceiling(6 * sigmaPixels);
        var k = new double[2 * r + 1];
        double sum = 0;
        for (var i = -r; i <= r; i++) sum += k[i + r] = Math.Exp(-0.5 * i * i / (sigmaPixels * sigmaPixels));
        for (var i = 0; i < k.Length; i++) k[i] /= sum;
        return k;
    }

    private static int Mod(int a, int n)
    {
        var r = a % n;
        return r < 0 ? r + n : r;
    }
}
