namespace SimEmulator.Data.Png;

/// <summary>An 8-bit RGB raster, top row first: pixel (row, col) is Pixels[3·(row·Width + col) + 0..2].</summary>
public sealed class RgbImage
{
    public RgbImage(int height, int width, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (height <= 0 || width <= 0)
        {
            throw new ArgumentException($"image size must be positive; got {height} × {width} (height × width).");
        }
        if (pixels.LongLength != 3L * height * width)
        {
            throw new ArgumentException($"a {height} × {width} RGB image needs {3L * height * width} bytes; got {pixels.LongLength}.", nameof(pixels));
        }
        Height = height;
        Width = width;
        Pixels = pixels;
    }

    /// <summary>A height × width image filled with one colour.</summary>
    public static RgbImage Filled(int height, int width, (byte R, byte G, byte B) colour)
    {
        var pixels = new byte[3L * height * width];
        for (long i = 0; i < pixels.LongLength; i += 3)
        {
            (pixels[i], pixels[i + 1], pixels[i + 2]) = colour;
        }
        return new RgbImage(height, width, pixels);
    }

    public int Height { get; }

    public int Width { get; }

    public byte[] Pixels { get; }

    public (byte R, byte G, byte B) this[int row, int col]
    {
        get
        {
            if ((uint)row >= (uint)Height || (uint)col >= (uint)Width)
            {
                throw new ArgumentOutOfRangeException(nameof(row), $"pixel ({row}, {col}) is outside the {Height} × {Width} image.");
            }
            int i = 3 * (row * Width + col);
            return (Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }
    }

    /// <summary>Writes the image as an 8-bit RGB PNG (atomically).</summary>
    public void Save(string path, IReadOnlyDictionary<string, string>? text = null) => PngWriter.WriteRgb(path, this, text);
}
