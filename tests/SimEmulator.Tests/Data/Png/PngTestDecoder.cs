using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SimEmulator.Data.Png;

namespace SimEmulator.Tests.Data.Png;

/// <summary>
/// A minimal PNG decoder for the tests (non-interlaced, 8/16-bit gray and RGB): checks the signature, chunk order and
/// every CRC, inflates IDAT and undoes the five row filters as the PNG specification (§9.2) defines them.
/// </summary>
internal sealed record DecodedPng(int Width, int Height, int BitDepth, int ColorType, byte[] Samples, int[] RowFilters,
    IReadOnlyDictionary<string, string> Text, IReadOnlyList<string> ChunkTypes)
{
    public ushort[] Samples16()
    {
        var values = new ushort[Samples.Length / 2];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadUInt16BigEndian(Samples.AsSpan(2 * i));
        }
        return values;
    }

    public static DecodedPng Decode(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        int pos = 8;
        var types = new List<string>();
        var text = new Dictionary<string, string>();
        using var idat = new MemoryStream();
        byte[]? ihdr = null;
        while (pos < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            var type = Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            Assert.True(Crc32.Compute(png.AsSpan(pos + 4, 4 + length)) == crc, $"CRC mismatch in {type} chunk");
            types.Add(type);
            switch (type)
            {
                case "IHDR": ihdr = data.ToArray(); break;
                case "IDAT": idat.Write(data); break;
                case "tEXt":
                    int nul = data.IndexOf((byte)0);
                    text[Encoding.Latin1.GetString(data[..nul])] = Encoding.Latin1.GetString(data[(nul + 1)..]);
                    break;
            }
            pos += 12 + length;
        }
        Assert.Equal(png.Length, pos);
        Assert.Equal("IHDR", types[0]);
        Assert.Equal("IEND", types[^1]);
        Assert.NotNull(ihdr);

        int width = BinaryPrimitives.ReadInt32BigEndian(ihdr);
        int height = BinaryPrimitives.ReadInt32BigEndian(ihdr.AsSpan(4));
        int depth = ihdr[8], colorType = ihdr[9];
        Assert.Equal(new byte[] { 0, 0, 0 }, ihdr[10..13]); // deflate, filter method 0, no interlace
        int channels = colorType switch { 0 => 1, 2 => 3, _ => throw new NotSupportedException($"colour type {colorType}") };
        int bpp = channels * depth / 8;
        int stride = width * bpp;

        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        z.CopyTo(inflated);
        var raw = inflated.ToArray();
        Assert.Equal(height * (stride + 1), raw.Length);

        var samples = new byte[height * stride];
        var filters = new int[height];
        for (int r = 0; r < height; r++)
        {
            int filter = raw[r * (stride + 1)];
            filters[r] = filter;
            for (int i = 0; i < stride; i++)
            {
                int x = raw[r * (stride + 1) + 1 + i];
                int a = i >= bpp ? samples[r * stride + i - bpp] : 0;
                int b = r > 0 ? samples[(r - 1) * stride + i] : 0;
                int c = i >= bpp && r > 0 ? samples[(r - 1) * stride + i - bpp] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter type {filter} in row {r}"),
                };
                samples[r * stride + i] = (byte)(x + predictor);
            }
        }
        return new DecodedPng(width, height, depth, colorType, samples, filters, text, types);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
