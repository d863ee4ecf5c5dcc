using SimEmulator.Data.Fits;

namespace SimEmulator.Tests.Data.Fits;

// Every expected value below is the one Fixtures/fits/make_fits_fixtures.py gave astropy when it wrote the file;
// values are compared exactly because each is representable in the stored type.
public sealed class FitsFixtureTests
{
    private const string LongText = "A long string value that does not fit on one card, so astropy splits it over "
        + "CONTINUE cards; it's got a quote too.";

    [Fact]
    public void Float32_primary_image_reads_in_C_order_with_every_kind_of_header_card()
    {
        var hdus = FitsFile.Read(FitsTestFiles.Fixture("primary_float32.fits"));

        var hdu = Assert.Single(hdus);
        Assert.Equal(-32, hdu.Bitpix);
        Assert.Equal([3L, 4L], hdu.Shape); // (NAXIS2, NAXIS1), as astropy's data.shape
        Assert.Equal(typeof(float), hdu.ElementType);
        var expected = Enumerable.Range(0, 12).Select(i => 0.25f * i - 1f).ToArray(); // np.arange(12)*0.25 - 1
        Assert.Equal(expected, hdu.GetData<float>());
        Assert.Equal(expected.Select(v => (double)v), hdu.GetData<double>());

        var h = hdu.Header;
        Assert.Equal("O'Brien's galaxy", h.GetString("OBJECT"));
        Assert.Equal("string with a quote", h.GetComment("OBJECT"));
        Assert.Equal(" lead", h.GetString("OBSERVER")); // leading spaces are significant
        Assert.Equal("", h.GetString("EMPTY"));
        Assert.Equal("ab", h.GetString("TRAIL")); // trailing spaces are not
        Assert.True(h.GetBool("FLAG"));
        Assert.False(h.GetBool("NOFLAG"));
        Assert.Equal(42, h.GetInt("NCOMBINE"));
        Assert.Equal(-7L, h.GetLong("NEGINT"));
        Assert.Equal(1234.5, h.GetDouble("EXPTIME"));
        Assert.Equal("[s] float", h.GetComment("EXPTIME"));
        Assert.Equal(1.5e-12, h.GetDouble("SMALL"));
        Assert.Equal(-6.02e23, h.GetDouble("BIGNEG"));
        Assert.Equal(1250.0, h.GetDouble("DEXP")); // written verbatim as 1.25D+03
        Assert.True(h.Contains("UNDEF"));
        Assert.Null(h["UNDEF"]);
        Assert.Equal("undefined value", h.GetComment("UNDEF"));
        Assert.Equal(LongText, h.GetString("LONGSTR"));
        Assert.Equal("long string comment", h.GetComment("LONGSTR"));
        Assert.Equal(["This is a comment card."], h.Comments);
        Assert.Equal(["First history entry.", "Second history entry."], h.History);
        Assert.Contains(h.Cards, c => c.IsCommentary && c.Keyword == "" && (string?)c.Value == "blank keyword text");
        Assert.Equal(42.0, h.GetDouble("NCOMBINE")); // integers widen to double
        Assert.Equal(7.5, h.GetDouble("MISSING", 7.5));

        // Card order is the file's; the CONTINUE cards are folded into LONGSTR.
        Assert.Equal(
            ["SIMPLE", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2", "EXTEND", "OBJECT", "OBSERVER", "EMPTY", "TRAIL", "FLAG",
             "NOFLAG", "NCOMBINE", "NEGINT", "EXPTIME", "SMALL", "BIGNEG", "UNDEF", "LONGSTR", "DEXP", "COMMENT",
             "HISTORY", "HISTORY", ""],
            h.Cards.Select(c => c.Keyword));
    }

    [Fact]
    public void Typed_header_accessors_name_the_keyword_when_it_is_missing_or_of_another_type()
    {
        var h = FitsFile.Read(FitsTestFiles.Fixture("primary_float32.fits"))[0].Header;

        var missing = Assert.Throws<KeyNotFoundException>(() => h.GetDouble("AIRMASS"));
        Assert.Contains("AIRMASS", missing.Message);
        var wrong = Assert.Throws<InvalidCastException>(() => h.GetString("NCOMBINE"));
        Assert.Contains("NCOMBINE", wrong.Message);
        Assert.Contains("42", wrong.Message);
        Assert.Throws<InvalidCastException>(() => h.GetLong("EXPTIME"));
    }

    [Fact]
    public void Int16_image_with_BSCALE_BZERO_and_BLANK_reads_physical_values()
    {
        var hdu = FitsFile.Read(FitsTestFiles.Fixture("int16_scaled.fits"))[0];

        Assert.Equal(16, hdu.Bitpix);
        Assert.Equal(0.5, hdu.BScale);
        Assert.Equal(10.0, hdu.BZero);
        Assert.Equal(-32768L, hdu.Blank);
        Assert.Equal([2L, 4L], hdu.Shape);
        Assert.Equal(typeof(float), hdu.ElementType); // astropy: float32 for scaled BITPIX 16
        // stored [-32768 (BLANK), -2, -1, 0, 1, 2, 100, 32767] → 10 + 0.5·stored, BLANK → NaN
        float[] expected = [float.NaN, 9f, 9.5f, 10f, 10.5f, 11f, 60f, 16393.5f];
        Assert.Equal(expected, hdu.GetData<float>());
        Assert.Equal(expected.Select(v => (double)v), hdu.GetData<double>());
        Assert.Throws<InvalidOperationException>(() => hdu.GetData<short>());
    }

    [Fact]
    public void Uint16_image_written_by_astropy_with_BZERO_32768_reads_as_ushort()
    {
        var hdu = FitsFile.Read(FitsTestFiles.Fixture("uint16.fits"))[0];

        Assert.Equal(16, hdu.Bitpix);
        Assert.Equal(32768.0, hdu.BZero);
        Assert.Equal(32768L, hdu.Header.GetLong("BZERO"));
        Assert.Equal(typeof(ushort), hdu.ElementType);
        Assert.Equal([2L, 3L], hdu.Shape);
        ushort[] expected = [0, 1, 1234, 32767, 32768, 65535];
        Assert.Equal(expected, hdu.GetData<ushort>());
        Assert.Equal(expected, (ushort[])hdu.GetData());
        Assert.Equal(expected.Select(v => (float)v), hdu.GetData<float>());
        Assert.Equal(expected.Select(v => (int)v), hdu.GetData<int>());
        var overflow = Assert.Throws<OverflowException>(() => hdu.GetData<short>());
        Assert.Contains("32768", overflow.Message);
    }

    [Fact]
    public void Float64_cube_in_an_IMAGE_extension_reads_in_C_order_after_an_empty_primary()
    {
        var hdus = FitsFile.Read(FitsTestFiles.Fixture("cube_float64.fits"));

        Assert.Equal(2, hdus.Count);
        Assert.Equal(0, hdus[0].Rank);
        Assert.Equal(0, hdus[0].ElementCount);
        Assert.Empty(hdus[0].GetData<float>());
        Assert.Null(hdus[0].XTension);

        var cube = hdus.Find("density");
        Assert.Same(hdus[1], cube);
        Assert.Equal("IMAGE", cube.XTension);
        Assert.Equal("DENSITY", cube.Name);
        Assert.Equal(-64, cube.Bitpix);
        Assert.Equal([2L, 3L, 4L], cube.Shape);
        var data = cube.GetData<double>();
        for (int z = 0; z < 2; z++)
        {
            for (int y = 0; y < 3; y++)
            {
                for (int x = 0; x < 4; x++)
                {
                    Assert.Equal(100.0 * z + 10.0 * y + x + 0.5, data[(z * 3 + y) * 4 + x]);
                }
            }
        }
        Assert.Equal(25.0, cube.Header.GetDouble("BOXSIZE"));
        Assert.Equal("[Mpc/h]", cube.Header.GetComment("BOXSIZE"));
        Assert.Throws<KeyNotFoundException>(() => hdus.Find("VELOCITY"));
    }

    [Fact]
    public void Multi_HDU_file_reads_every_integer_convention_and_steps_over_a_binary_table()
    {
        var hdus = FitsFile.Read(FitsTestFiles.Fixture("multi_hdu.fits"));

        Assert.Equal(8, hdus.Count);
        Assert.Equal("SimEmulator", hdus[0].Header.GetString("TELESCOP"));
        Assert.Equal([int.MinValue, -1, 0, 1, 65536, int.MaxValue], hdus[0].GetData<int>());
        Assert.Equal([2L, 3L], hdus[0].Shape);

        Assert.Equal(typeof(byte), hdus.Find("U8").ElementType);
        Assert.Equal([0, 1, 254, 255], hdus.Find("U8").GetData<byte>());

        var i8 = hdus.Find("I8");
        Assert.Equal((8, -128.0), (i8.Bitpix, i8.BZero));
        Assert.Equal(typeof(sbyte), i8.ElementType);
        Assert.Equal([-128, -1, 0, 127], i8.GetData<sbyte>());

        Assert.Equal([long.MinValue, 0, long.MaxValue], hdus.Find("I64").GetData<long>());
        Assert.Equal([1L, 3L], hdus.Find("I64").Shape);

        var u32 = hdus.Find("U32");
        Assert.Equal(typeof(uint), u32.ElementType);
        Assert.Equal([0u, 2147483648u, 4294967295u], u32.GetData<uint>());

        var vector = hdus.Find("VECTOR");
        Assert.Equal([4L], vector.Shape);
        Assert.Equal([1.5f, -2.25f, float.PositiveInfinity, float.NaN], vector.GetData<float>());

        var table = hdus.Find("TABLE");
        Assert.False(table.IsImage);
        Assert.Equal("BINTABLE", table.XTension);
        Assert.Throws<NotSupportedException>(() => table.GetData<float>());

        // The image after the table is found, so the table's data was skipped by exactly its size.
        Assert.Equal([(short)7], hdus.Find("AFTER").GetData<short>());
    }
}
