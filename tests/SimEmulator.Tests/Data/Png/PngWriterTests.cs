using SimEmulator.Data.Png;
using SimEmulator.Tests.Data.Fits;

namespace SimEmulator.Tests.Data.Png;

public sealed class PngWriterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "png-tests-" + Guid.NewGuid().ToString("N"));

    public PngWriterTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory must not turn a passing test into a failure.
        }
    }

    private static byte[] RandomBytes(int n, int seed)
    {
        var bytes = new byte[n];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    // Width 7 × height 5 gives odd row lengths; a horizontal ramp plus noise makes the filter heuristic choose
    // different filters for different rows.
    private static byte[] RgbPattern(int width, int height)
    {
        var rgb = new byte[3 * width * height];
        var noise = new Random(7);
        for (int r = 0; r < height; r++)
        {
            for (int c = 0; c < width; c++)
            {
                int i = 3 * (r * width + c);
                rgb[i] = (byte)(c * 255 / (width - 1));
                rgb[i + 1] = (byte)(r * 255 / (height - 1));
                rgb[i + 2] = (byte)(r % 2 == 0 ? 40 * c : noise.Next(256));
            }
        }
        return rgb;
    }

    [Fact]
    public void Gray8_png_decodes_to_the_exact_pixels()
    {
        var pixels = RandomBytes(7 * 5, seed: 1);
        using var ms = new MemoryStream();
        PngWriter.WriteGray8(ms, width: 7, height: 5, pixels);

        var png = DecodedPng.Decode(ms.ToArray());

        Assert.Equal((7, 5, 8, 0), (png.Width, png.Height, png.BitDepth, png.ColorType));
        Assert.Equal(pixels, png.Samples);
        Assert.Equal(["IHDR", "IDAT", "IEND"], png.ChunkTypes);
    }

    [Fact]
    public void Gray16_png_decodes_to_the_exact_big_endian_samples()
    {
        ushort[] pixels = [0, 1, 255, 256, 32767, 32768, 65534, 65535, 4660, 43981, 1000, 60000];
        using var ms = new MemoryStream();
        PngWriter.WriteGray16(ms, width: 4, height: 3, pixels);

        var png = DecodedPng.Decode(ms.ToArray());

        Assert.Equal((4, 3, 16, 0), (png.Width, png.Height, png.BitDepth, png.ColorType));
        Assert.Equal(pixels, png.Samples16());
        Assert.Equal(new byte[] { 0x12, 0x34 }, png.Samples[16..18]); // 4660 = 0x1234, most significant byte first
    }

    [Fact]
    public void Rgb_png_decodes_to_the_exact_pixels_through_several_row_filters()
    {
        var rgb = RgbPattern(width: 16, height: 9);
        using var ms = new MemoryStream();
        PngWriter.WriteRgb(ms, width: 16, height: 9, rgb);

        var png = DecodedPng.Decode(ms.ToArray());

        Assert.Equal((16, 9, 8, 2), (png.Width, png.Height, png.BitDepth, png.ColorType));
        Assert.Equal(rgb, png.Samples);
        Assert.True(png.RowFilters.Distinct().Count() > 1, $"row filters used: {string.Join(",", png.RowFilters)}");
    }

    [Fact]
    public void Every_png_ends_with_the_IEND_chunk_and_its_published_CRC()
    {
        using var ms = new MemoryStream();
        PngWriter.WriteGray8(ms, 1, 1, [42]);
        var bytes = ms.ToArray();

        // PNG spec: IEND has length 0, type "IEND", CRC AE 42 60 82.
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82 }, bytes[^12..]);
    }

    [Fact]
    public void Python_zlib_decoder_reads_our_gray8_gray16_and_rgb_files_exactly()
    {
        var gray8 = RandomBytes(6 * 4, seed: 2);
        ushort[] gray16 = [0, 65535, 256, 1, 40000, 12345];
        var rgb = RgbPattern(width: 8, height: 5);
        var text = new Dictionary<string, string> { ["Software"] = "SimEmulator", ["Comment"] = "vmin=0.5 vmax=99.5" };
        string p8 = Path.Combine(_dir, "g8.png"), p16 = Path.Combine(_dir, "g16.png"), prgb = Path.Combine(_dir, "rgb.png");
        PngWriter.WriteGray8(p8, 6, 4, gray8);
        PngWriter.WriteGray16(p16, 3, 2, gray16);
        PngWriter.WriteRgb(prgb, 8, 5, rgb, text);

        var d8 = InteropScript.Run("check_png.py", p8);
        var d16 = InteropScript.Run("check_png.py", p16);
        var drgb = InteropScript.Run("check_png.py", prgb);

        Assert.Equal(gray8, d8.GetProperty("samples").EnumerateArray().Select(e => e.GetByte()));
        Assert.Equal((6, 4, 8, 0), (d8.GetProperty("width").GetInt32(), d8.GetProperty("height").GetInt32(),
            d8.GetProperty("bit_depth").GetInt32(), d8.GetProperty("color_type").GetInt32()));
        Assert.Equal(gray16, d16.GetProperty("samples").EnumerateArray().Select(e => e.GetUInt16()));
        Assert.Equal(16, d16.GetProperty("bit_depth").GetInt32());
        Assert.Equal(rgb, drgb.GetProperty("samples").EnumerateArray().Select(e => e.GetByte()));
        Assert.Equal(2, drgb.GetProperty("color_type").GetInt32());
        Assert.Equal("vmin=0.5 vmax=99.5", drgb.GetProperty("text").GetProperty("Comment").GetString());
        Assert.Equal(["g16.png", "g8.png", "rgb.png"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Pixel_count_mismatch_and_empty_images_are_rejected_with_the_expected_size()
    {
        var ex = Assert.Throws<ArgumentException>(() => PngWriter.WriteRgb(Path.Combine(_dir, "x.png"), 4, 3, new byte[35]));
        Assert.Contains("needs 36 samples; got 35", ex.Message);
        Assert.Throws<ArgumentException>(() => PngWriter.WriteGray8(Path.Combine(_dir, "y.png"), 0, 3, []));
        Assert.Throws<ArgumentException>(
            () => PngWriter.WriteGray8(new MemoryStream(), 1, 1, [0], new Dictionary<string, string> { [""] = "no keyword" }));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void The_same_pixels_give_the_same_bytes()
    {
        var rgb = RgbPattern(10, 6);
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        PngWriter.WriteRgb(a, 10, 6, rgb);
        PngWriter.WriteRgb(b, 10, 6, rgb);
        Assert.Equal(a.ToArray(), b.ToArray());
    }
}
