using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace SimEmulator.Data.Png;

/// <summary>
/// Writes PNG files (ISO/IEC 15948): 8- and 16-bit grayscale and 8-bit RGB, non-interlaced, one IDAT chunk, each row
/// filtered with the filter that minimises the sum of absolute differences (libpng's heuristic). Optional tEXt
/// chunks carry metadata such as the colormap and limits. Files are written to a temporary name and renamed.
/// </summary>
public static class PngWriter
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private const byte ColorTypeGray = 0;
    private const byte ColorTypeRgb = 2;

    public static void WriteGray8(string path, int width, int height, ReadOnlySpan<byte> pixels, IReadOnlyDictionary<string, string>? text = null)
    {
        var bytes = Encode(width, height, pixels, bitDepth: 8, ColorTypeGray, channels: 1, text);
        WriteAtomically(path, bytes);
    }

    /// <summary>16-bit grayscale; samples are written big-endian as PNG requires.</summary>
    public static void WriteGray16(string path, int width, int height, ReadOnlySpan<ushort> pixels, IReadOnlyDictionary<string, string>? text = null)
    {
        var bytes = Encode(width, height, ToBigEndian(pixels), bitDepth: 16, ColorTypeGray, channels: 1, text);
        WriteAtomically(path, bytes);
    }

    /// <summary>8-bit RGB from interleaved bytes, top row first: pixel (row, col) at rgb[3·(row·width + col)].</summary>
    public static void WriteRgb(string path, int width, int height, ReadOnlySpan<byte> rgb, IReadOnlyDictionary<string, string>? text = null)
    {
        var bytes = Encode(width, height, rgb, bitDepth: 8, ColorTypeRgb, channels: 3, text);
        WriteAtomically(path, bytes);
    }

    public static void WriteRgb(string path, RgbImage image, IReadOnlyDictionary<string, string>? text = null) =>
        WriteRgb(path, image.Width, image.Height, image.Pixels, text);

    public static void WriteGray8(Stream stream, int width, int height, ReadOnlySpan<byte> pixels, IReadOnlyDictionary<string, string>? text = null) =>
        stream.Write(Encode(width, height, pixels, 8, ColorTypeGray, 1, text));

    public static void WriteGray16(Stream stream, int width, int height, ReadOnlySpan<ushort> pixels, IReadOnlyDictionary<string, string>? text = null) =>
        stream.Write(Encode(width, height, ToBigEndian(pixels), 16, ColorTypeGray, 1, text));

    public static void WriteRgb(Stream stream, int width, int height, ReadOnlySpan<byte> rgb, IReadOnlyDictionary<string, string>? text = null) =>
        stream.Write(Encode(width, height, rgb, 8, ColorTypeRgb, 3, text));

    private static byte[] Encode(int width, int height, ReadOnlySpan<byte> samples, int bitDepth, byte colorType, int channels, IReadOnlyDictionary<string, string>? text)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException($"PNG size must be positive; got width {width}, height {height}.");
        }
        int bytesPerPixel = channels * bitDepth / 8;
        long rowBytes = (long)width * bytesPerPixel;
        if (samples.Length != rowBytes * height)
        {
            long expected = (long)width * height * channels;
            long got = samples.Length / (bitDepth / 8);
            throw new ArgumentException(
                $"a {width} × {height} (width × height) PNG with {channels} channel(s) needs {expected} samples; got {got}.");
        }
        if ((rowBytes + 1) * height > Array.MaxLength)
        {
            throw new ArgumentException($"a {width} × {height} PNG is too large to encode in memory here.");
        }

        using var output = new MemoryStream();
        output.Write(Signature);

        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], height);
        ihdr[8] = (byte)bitDepth;
        ihdr[9] = colorType;
        ihdr[10] = 0; // compression: deflate
        ihdr[11] = 0; // filter method 0 (five adaptive filter types)
        ihdr[12] = 0; // no interlace
        WriteChunk(output, "IHDR", ihdr);

        if (text is not null)
        {
            foreach (var (key, value) in text)
            {
                WriteChunk(output, "tEXt", TextChunk(key, value));
            }
        }

        // Filter every row first and deflate the whole buffer in one call: many small writes deflate far slower.
        var filtered = new byte[(rowBytes + 1) * height];
        var trial = new byte[rowBytes + 1];
        var zeros = new byte[rowBytes];
        for (int row = 0; row < height; row++)
        {
            var current = samples.Slice((int)(row * rowBytes), (int)rowBytes);
            var previous = row == 0 ? zeros : samples.Slice((int)((row - 1) * rowBytes), (int)rowBytes);
            ChooseFilter(current, previous, bytesPerPixel, filtered.AsSpan((int)(row * (rowBytes + 1)), (int)rowBytes + 1), trial);
        }
        using (var idat = new MemoryStream())
        {
            using (var z = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
            {
                z.Write(filtered);
            }
            WriteChunk(output, "IDAT", idat.GetBuffer().AsSpan(0, (int)idat.Length));
        }
        WriteChunk(output, "IEND", ReadOnlySpan<byte>.Empty);
        return output.ToArray();
    }

    // Tries the five filter types and keeps the one whose output, read as signed bytes, has the smallest absolute sum.
    // `previous` is all zeros for the first row, which is what the filters assume above the image.
    private static void ChooseFilter(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> best, byte[] trial)
    {
        long bestScore = long.MaxValue;
        var output = trial.AsSpan(1);
        for (byte type = 0; type <= 4; type++)
        {
            trial[0] = type;
            ApplyFilter(type, row, previous, bpp, output);
            long score = 0;
            foreach (var v in output)
            {
                score += Math.Abs((int)(sbyte)v);
            }
            if (score < bestScore)
            {
                bestScore = score;
                trial.AsSpan().CopyTo(best);
            }
        }
    }

    // PNG §9.2: a = left, b = above, c = upper-left; bytes left of the row are zero.
    private static void ApplyFilter(byte type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> up, int bpp, Span<byte> output)
    {
        int n = row.Length;
        switch (type)
        {
            case 0:
                row.CopyTo(output);
                break;
            case 1:
                for (int i = 0; i < n; i++)
                {
                    output[i] = (byte)(row[i] - (i >= bpp ? row[i - bpp] : 0));
                }
                break;
            case 2:
                for (int i = 0; i < n; i++)
                {
                    output[i] = (byte)(row[i] - up[i]);
                }
                break;
            case 3:
                for (int i = 0; i < n; i++)
                {
                    int a = i >= bpp ? row[i - bpp] : 0;
                    output[i] = (byte)(row[i] - ((a + up[i]) >> 1));
                }
                break;
            default:
                for (int i = 0; i < n; i++)
                {
                    int a = 0, c = 0;
                    if (i >= bpp)
                    {
                        a = row[i - bpp];
                        c = up[i - bpp];
                    }
                    output[i] = (byte)(row[i] - Paeth(a, up[i], c));
                }
                break;
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] TextChunk(string key, string value)
    {
        if (key.Length is < 1 or > 79 || key.Any(ch => ch is < ' ' or > '~' and < '\u00A1' or > '\u00FF') || key.StartsWith(' ') || key.EndsWith(' '))
        {
            throw new ArgumentException($"PNG tEXt keyword '{key}' must be 1-79 Latin-1 printable characters without leading or trailing spaces.");
        }
        if (value.Any(ch => ch > '\u00FF' || ch == '\0'))
        {
            throw new ArgumentException($"PNG tEXt value for '{key}' must be Latin-1 without NUL characters.");
        }
        var bytes = new byte[key.Length + 1 + value.Length];
        Encoding.Latin1.GetBytes(key, bytes);
        Encoding.Latin1.GetBytes(value, bytes.AsSpan(key.Length + 1));
        return bytes;
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        Encoding.ASCII.GetBytes(type, header[4..]);
        output.Write(header);
        output.Write(data);
        // The CRC covers the chunk type and data, not the length.
        uint crc = Crc32.Update(Crc32.Compute(header[4..]), data);
        Span<byte> crcBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crcBytes, crc);
        output.Write(crcBytes);
    }

    private static byte[] ToBigEndian(ReadOnlySpan<ushort> samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2 * i), samples[i]);
        }
        return bytes;
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, fs => fs.Write(bytes));
    }
}
