namespace SimEmulator.Simulation.Galaxies;

/// <summary>
/// A postage stamp: Nx × Ny pixels of PixelScaleArcsec, row-major with y slowest (pixel (x, y) at y·Nx + x, the layout of
/// one channel of an image set's [H, W]), values in flux per pixel. Operations return new images.
/// </summary>
public sealed class Image
{
    private readonly double[] pixels;

    public Image(int nx, int ny, double pixelScaleArcsec, double[]? pixels = null)
    {
        if (nx < 1 || ny < 1) throw new ArgumentOutOfRangeException(nameof(nx), $"image size {nx} × {ny} must be at least 1 × 1");
        if (!(pixelScaleArcsec > 0 && double.IsFinite(pixelScaleArcsec)))
            throw new ArgumentOutOfRangeException(nameof(pixelScaleArcsec), pixelScaleArcsec, "pixel scale must be positive (arcsec)");
        if (pixels is not null && pixels.Length != (long)nx * ny)
            throw new ArgumentException($"{pixels.Length} pixel values for a {nx} × {ny} image", nameof(pixels));
        Nx = nx;
        Ny = ny;
        PixelScaleArcsec = pixelScaleArcsec;
        this.pixels = pixels ?? new double[(long)nx * ny];
    }

    public int Nx { get; }
    public int Ny { get; }
    public double PixelScaleArcsec { get; }

    public double this[int x, int y] => pixels[y * Nx + x];

    public ReadOnlySpan<double> Pixels => pixels;

    public double Sum()
    {
        double s = 0;
        foreach (var v in pixels) s += v;
        return s;
    }

    /// <summary>Σ I², the numerator of the matched-filter S/N.</summary>
    public double SumOfSquares()
    {
        double s = 0;
        foreach (var v in pixels) s += v * v;
        return s;
    }

    public double[] ToArray() => (double[])pixels.Clone();

    /// <summary>Pixel values as float32, written into destination (Nx·Ny values).</summary>
    public void CopyTo(Span<float> destination)
    {
        if (destination.Length != pixels.Length) throw new ArgumentException($"destination holds {destination.Length} values, the image {pixels.Length}", nameof(destination));
        for (var i = 0; i < pixels.Length; i++) destination[i] = (float)pixels[i];
    }

    public Image Add(Image other)
    {
        RequireSameGrid(other);
        var r = new double[pixels.Length];
        for (var i = 0; i < r.Length; i++) r[i] = pixels[i] + other.pixels[i];
        return new Image(Nx, Ny, PixelScaleArcsec, r);
    }

    public Image Multiply(double factor)
    {
        var r = new double[pixels.Length];
        for (var i = 0; i < r.Length; i++) r[i] = pixels[i] * factor;
        return new Image(Nx, Ny, PixelScaleArcsec, r);
    }

    /// <summary>A new image of the same grid from the given values (taken, not copied).</summary>
    internal Image With(double[] values) => new(Nx, Ny, PixelScaleArcsec, values);

    private void RequireSameGrid(Image other)
    {
        if (other.Nx != Nx || other.Ny != Ny || other.PixelScaleArcsec != PixelScaleArcsec)
            throw new ArgumentException($"images differ: {Nx} × {Ny} at {PixelScaleArcsec}\" vs {other.Nx} × {other.Ny} at {other.PixelScaleArcsec}\"", nameof(other));
    }
}
