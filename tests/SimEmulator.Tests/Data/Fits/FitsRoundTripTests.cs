using System.Numerics;
using System.Text;
using SimEmulator.Data.Fits;

namespace SimEmulator.Tests.Data.Fits;

public sealed class FitsRoundTripTests : IDisposable
{
    private readonly FitsTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    // The conventions are FITS 4.0 Table 8/11 and what astropy writes: unsigned 16/32/64-bit and signed 8-bit
    // integers are stored with BZERO = 2^(n-1) (or -128), everything else as its own BITPIX.
    [Theory]
    [InlineData("byte", 8, 0.0)]
    [InlineData("sbyte", 8, -128.0)]
    [InlineData("short", 16, 0.0)]
    [InlineData("ushort", 16, 32768.0)]
    [InlineData("int", 32, 0.0)]
    [InlineData("uint", 32, 2147483648.0)]
    [InlineData("long", 64, 0.0)]
    [InlineData("ulong", 64, 9223372036854775808.0)]
    [InlineData("float", -32, 0.0)]
    [InlineData("double", -64, 0.0)]
    public void Every_element_type_round_trips_exactly_with_its_BITPIX_and_BZERO(string type, int bitpix, double bzero)
    {
        switch (type)
        {
            case "byte": RoundTrip<byte>([0, 1, 127, 128, 254, 255], bitpix, bzero); break;
            case "sbyte": RoundTrip<sbyte>([sbyte.MinValue, -1, 0, 1, 100, sbyte.MaxValue], bitpix, bzero); break;
            case "short": RoundTrip<short>([short.MinValue, -1, 0, 1, 1000, short.MaxValue], bitpix, bzero); break;
            case "ushort": RoundTrip<ushort>([0, 1, 32767, 32768, 40000, ushort.MaxValue], bitpix, bzero); break;
            case "int": RoundTrip<int>([int.MinValue, -1, 0, 1, 123456789, int.MaxValue], bitpix, bzero); break;
            case "uint": RoundTrip<uint>([0, 1, 2147483647, 2147483648, 3000000000, uint.MaxValue], bitpix, bzero); break;
            case "long": RoundTrip<long>([long.MinValue, -1, 0, 1, 1L << 53, long.MaxValue], bitpix, bzero); break;
            case "ulong": RoundTrip<ulong>([0, 1, long.MaxValue, 1UL << 63, (1UL << 63) + 1, ulong.MaxValue], bitpix, bzero); break;
            case "float": RoundTrip<float>([float.MinValue, -1.5f, 0f, float.Epsilon, float.NaN, float.PositiveInfinity], bitpix, bzero); break;
            case "double": RoundTrip<double>([double.MinValue, -1e-300, 0.1, double.Epsilon, double.NaN, double.NegativeInfinity], bitpix, bzero); break;
            default: throw new ArgumentException(type);
        }
    }

    private void RoundTrip<T>(T[] data, int bitpix, double bzero) where T : unmanaged, INumberBase<T>
    {
        var path = _files.PathFor($"{typeof(T).Name}.fits");
        FitsFile.Write(path, FitsHdu.Create<T>(data, [2, 3]));

        var hdu = Assert.Single(FitsFile.Read(path));

        Assert.Equal(bitpix, hdu.Bitpix);
        Assert.Equal(bzero, hdu.BZero);
        Assert.Equal(1.0, hdu.BScale);
        Assert.Equal(typeof(T), hdu.ElementType);
        Assert.Equal([2L, 3L], hdu.Shape);
        Assert.Equal(data, hdu.GetData<T>()); // bit-exact, NaN included (xunit compares NaN as equal)
        Assert.Equal(0, new FileInfo(path).Length % 2880);
    }

    [Fact]
    public void Scaled_int16_stores_rounded_values_and_reads_back_physical_values_and_NaN()
    {
        double[] physical = [10, 10.5, double.NaN, -5, 16393.5, 10.25];
        var path = _files.PathFor("scaled.fits");
        FitsFile.Write(path, FitsHdu.CreateScaled<double>(physical, [6], bitpix: 16, bscale: 0.5, bzero: 10));

        var hdu = FitsFile.Read(path)[0];

        Assert.Equal((16, 0.5, 10.0, (long?)short.MinValue), (hdu.Bitpix, hdu.BScale, hdu.BZero, hdu.Blank));
        // 10.25 is stored as round(0.5) = 0 (half to even, as numpy.around) and reads back as 10.
        Assert.Equal([10.0, 10.5, double.NaN, -5.0, 16393.5, 10.0], hdu.GetData<double>());
        var tooBig = Assert.Throws<ArgumentOutOfRangeException>(
            () => FitsHdu.CreateScaled<double>([1e6], [1], bitpix: 16, bscale: 1, bzero: 0));
        Assert.Contains("1000000", tooBig.Message);
    }

    [Fact]
    public void Vectors_cubes_empty_axes_and_an_empty_primary_round_trip_in_one_file()
    {
        var cube = Enumerable.Range(0, 2 * 3 * 5).Select(i => (float)Math.Sqrt(i)).ToArray();
        var path = _files.PathFor("multi.fits");
        var vectorHeader = new FitsHeader().Set("EXTNAME", "VEC");
        FitsFile.Write(path,
            FitsHdu.Empty(new FitsHeader().Set("ORIGIN", "test")),
            FitsHdu.Create<double>([1, 2, 3], [3], vectorHeader),
            FitsHdu.Create<float>(cube, [2, 3, 5]),
            FitsHdu.Create<short>([], [0, 4]));

        var hdus = FitsFile.Read(path);

        Assert.Equal(4, hdus.Count);
        Assert.Equal(0, hdus[0].Rank);
        Assert.Equal("test", hdus[0].Header.GetString("ORIGIN"));
        Assert.Equal("IMAGE", hdus[1].XTension);
        Assert.Equal([1.0, 2.0, 3.0], hdus.Find("VEC").GetData<double>());
        Assert.Equal([2L, 3L, 5L], hdus[2].Shape);
        Assert.Equal(cube, hdus[2].GetData<float>());
        Assert.Equal(5L, hdus[2].Header.GetLong("NAXIS1"));
        Assert.Equal(2L, hdus[2].Header.GetLong("NAXIS3"));
        Assert.Equal([0L, 4L], hdus[3].Shape);
        Assert.Empty(hdus[3].GetData<short>());
    }

    [Fact]
    public void Mandatory_keywords_come_first_in_the_standard_order_and_padding_is_spaces_then_zeros()
    {
        var path = _files.PathFor("layout.fits");
        var user = new FitsHeader().Set("OBJECT", "x").Set("BITPIX", 99); // a stale structural card is regenerated
        FitsFile.Write(path, FitsHdu.Create<ushort>([1, 2, 3], [3], user), FitsHdu.Create<float>([1f, 2f], [1, 2]));

        var bytes = File.ReadAllBytes(path);
        var text = Encoding.ASCII.GetString(bytes);
        string CardAt(long offset, int i) => text.Substring((int)offset + 80 * i, 80).TrimEnd();

        Assert.Equal(4 * 2880, bytes.Length);
        Assert.Equal(
            ["SIMPLE  =                    T / conforms to FITS standard",
             "BITPIX  =                   16 / array data type",
             "NAXIS   =                    1 / number of array dimensions",
             "NAXIS1  =                    3",
             "EXTEND  =                    T",
             "BSCALE  =                    1",
             "BZERO   =                32768",
             "OBJECT  = 'x       '",
             "END"],
            Enumerable.Range(0, 9).Select(i => CardAt(0, i)));
        Assert.All(bytes.AsSpan(9 * 80, 2880 - 9 * 80).ToArray(), b => Assert.Equal((byte)' ', b));
        // Data: three big-endian int16 values 1-32768, 2-32768, 3-32768, then zeros to the block end.
        Assert.Equal(new byte[] { 0x80, 0x01, 0x80, 0x02, 0x80, 0x03 }, bytes.AsSpan(2880, 6).ToArray());
        Assert.All(bytes.AsSpan(2880 + 6, 2880 - 6).ToArray(), b => Assert.Equal(0, b));
        Assert.Equal(
            ["XTENSION= 'IMAGE   '           / Image extension",
             "BITPIX  =                  -32 / array data type",
             "NAXIS   =                    2 / number of array dimensions",
             "NAXIS1  =                    2",
             "NAXIS2  =                    1",
             "PCOUNT  =                    0 / number of parameters",
             "GCOUNT  =                    1 / number of groups",
             "END"],
            Enumerable.Range(0, 8).Select(i => CardAt(2 * 2880, i)));
    }

    [Fact]
    public void Header_cards_of_every_kind_round_trip_through_our_writer_and_reader()
    {
        var longText = string.Concat(Enumerable.Repeat("It's a long value; ", 8));
        var header = new FitsHeader()
            .Set("OBJECT", "O'Brien", "quoted")
            .Set("FLAG", false)
            .Set("NPIX", 123456789012L)
            .Set("TINY", 1e-300)
            .Set("CPLX", new Complex(0.5, -0.25))
            .Set("UNDEF", null, "no value")
            .Set("LONGSTR", longText, "spans cards")
            .AddComment("a comment")
            .AddHistory(new string('h', 100))
            .AddBlank("blank");
        var path = _files.PathFor("cards.fits");
        FitsFile.Write(path, FitsHdu.Create<byte>([1], [1], header));

        var h = FitsFile.Read(path)[0].Header;

        Assert.Equal("O'Brien", h.GetString("OBJECT"));
        Assert.Equal("quoted", h.GetComment("OBJECT"));
        Assert.False(h.GetBool("FLAG"));
        Assert.Equal(123456789012L, h.GetLong("NPIX"));
        Assert.Equal(1e-300, h.GetDouble("TINY"));
        Assert.Equal(new Complex(0.5, -0.25), h["CPLX"]);
        Assert.Null(h["UNDEF"]);
        // The trailing space survives: with a comment, every piece ends in '&', so no piece ends in a space.
        Assert.Equal(longText, h.GetString("LONGSTR"));
        Assert.Equal("spans cards", h.GetComment("LONGSTR"));
        Assert.Equal(["a comment"], h.Comments);
        Assert.Equal([new string('h', 72), new string('h', 28)], h.History);
    }

    [Fact]
    public void Astropy_reads_and_strictly_verifies_what_we_write()
    {
        var header = new FitsHeader()
            .Set("OBJECT", "O'Brien's galaxy", "quoted")
            .Set("FLAG", true, "logical")
            .Set("NCOMBINE", 42, "integer")
            .Set("EXPTIME", 1234.5, "[s]")
            .Set("NEG", -3.0)
            .Set("BIG", 1.5e20)
            .Set("TINY", 1e-12)
            .Set("LONGSTR", new string('x', 100), "long")
            .AddComment("a comment")
            .AddHistory("a history entry");
        ushort[] u16 = [0, 1, 32768, 65535];
        sbyte[] i8 = [-128, -1, 0, 127];
        uint[] u32 = [0, 1, 2147483648, 4294967295];
        ulong[] u64 = [0, 1, 1UL << 63, ulong.MaxValue];
        long[] i64 = [long.MinValue, 0, long.MaxValue];
        var cube = Enumerable.Range(0, 24).Select(i => i * 0.5 - 3).ToArray();
        float[] f32 = [1.5f, float.NaN, float.NegativeInfinity];
        var path = _files.PathFor("for_astropy.fits");
        FitsFile.Write(path,
            FitsHdu.Create<float>([0.25f, -1f, 3f, 4.5f, 5f, 6f], [2, 3], header),
            FitsHdu.Create<ushort>(u16, [2, 2]),
            FitsHdu.Create<sbyte>(i8, [4]),
            FitsHdu.Create<uint>(u32, [4]),
            FitsHdu.Create<ulong>(u64, [4]),
            FitsHdu.Create<long>(i64, [3]),
            FitsHdu.Create<double>(cube, [2, 3, 4]),
            FitsHdu.Create<float>(f32, [3]),
            FitsHdu.CreateScaled<double>([10, 10.5, double.NaN], [3], 16, 0.5, 10));

        var result = InteropScript.Run("check_fits.py", path);
        var hdus = result.GetProperty("hdus").EnumerateArray().ToArray();

        Assert.Equal(9, hdus.Length);
        // dtype and shape as astropy gives them: numpy names, C order.
        Assert.Equal(
            ["float32", "uint16", "int8", "uint32", "uint64", "int64", "float64", "float32", "float32"],
            hdus.Select(h => h.GetProperty("dtype").GetString()));
        Assert.Equal([2, 3], hdus[0].GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([2, 3, 4], hdus[6].GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([0.25, -1, 3, 4.5, 5, 6], Data(hdus[0]).Select(InteropScript.AsDouble));
        Assert.Equal(u16, Data(hdus[1]).Select(e => e.GetUInt16()));
        Assert.Equal(i8, Data(hdus[2]).Select(e => e.GetSByte()));
        Assert.Equal(u32, Data(hdus[3]).Select(e => e.GetUInt32()));
        Assert.Equal(u64, Data(hdus[4]).Select(e => e.GetUInt64()));
        Assert.Equal(i64, Data(hdus[5]).Select(e => e.GetInt64()));
        Assert.Equal(cube, Data(hdus[6]).Select(InteropScript.AsDouble));
        Assert.Equal(f32.Select(v => (double)v), Data(hdus[7]).Select(InteropScript.AsDouble));
        Assert.Equal([10.0, 10.5, double.NaN], Data(hdus[8]).Select(InteropScript.AsDouble));

        var cards = hdus[0].GetProperty("cards").EnumerateArray()
            .Where(c => c[0].GetString() is not ("COMMENT" or "HISTORY"))
            .ToDictionary(c => c[0].GetString()!, c => c[1]);
        Assert.Equal("O'Brien's galaxy", cards["OBJECT"].GetString());
        Assert.True(cards["FLAG"].GetBoolean());
        Assert.Equal(42, cards["NCOMBINE"].GetInt32());
        Assert.Equal(1234.5, cards["EXPTIME"].GetDouble());
        Assert.Equal(1e-12, cards["TINY"].GetDouble());
        Assert.Equal(new string('x', 100), cards["LONGSTR"].GetString());

        // Each card image in our file equals the one astropy writes for the same keyword, value and comment, except
        // TINY, where we write 1.0E-12 and astropy 1E-12 (see FitsCardTests).
        var differing = hdus.SelectMany(h => h.GetProperty("images").EnumerateArray())
            .Where(pair => pair[0].GetString() != pair[1].GetString())
            .Select(pair => pair[0].GetString()!.TrimEnd())
            .ToArray();
        Assert.Equal(["TINY    =              1.0E-12"], differing);
    }

    private static IEnumerable<System.Text.Json.JsonElement> Data(System.Text.Json.JsonElement hdu) =>
        hdu.GetProperty("data").EnumerateArray();

    [Fact]
    public void Write_is_atomic_a_failed_write_leaves_the_previous_file_and_no_temporary()
    {
        var path = _files.PathFor("atomic.fits");
        FitsFile.Write(path, FitsHdu.Create<float>([1f], [1]));
        var before = File.ReadAllBytes(path);
        var table = FitsFile.Read(FitsTestFiles.Fixture("multi_hdu.fits")).Find("TABLE");

        Assert.Throws<NotSupportedException>(() => FitsFile.Write(path, FitsHdu.Empty(), table));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_files.Directory));
        Assert.Throws<ArgumentException>(() => FitsFile.Write(path, Array.Empty<FitsHdu>()));
        Assert.Equal([path], Directory.GetFiles(_files.Directory));
    }

    [Fact]
    public void A_file_read_from_disk_is_written_back_byte_for_byte()
    {
        // Our own output is canonical: reading it and writing it again reproduces the same bytes.
        var first = _files.PathFor("first.fits");
        var header = new FitsHeader().Set("EXTNAME", "SCI").Set("EXPTIME", 30.0).AddHistory("made by a test");
        FitsFile.Write(first, FitsHdu.Empty(), FitsHdu.Create<int>([1, -2, 3, -4], [2, 2], header));
        var second = _files.PathFor("second.fits");

        FitsFile.Write(second, FitsFile.Read(first));

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Create_rejects_a_shape_that_does_not_match_the_data()
    {
        var ex = Assert.Throws<ArgumentException>(() => FitsHdu.Create<float>([1f, 2f, 3f], [2, 2]));
        Assert.Contains("holds 4 values but the data has 3", ex.Message);
        Assert.Throws<ArgumentException>(() => FitsHdu.Create<float>([1f], []));
        Assert.Throws<NotSupportedException>(() => FitsHdu.Create<Half>([(Half)1], [1]));
    }
}
