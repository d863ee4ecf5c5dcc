using System.Numerics;
using System.Text;
using SimEmulator.Data.Fits;

namespace SimEmulator.Tests.Data.Fits;

public sealed class FitsCardTests
{
    // Expected images are astropy 5.2's: fits.Card(keyword, value, comment).image, trailing spaces trimmed.
    [Theory]
    [InlineData("EXPTIME", 1234.5, "[s] exposure", "EXPTIME =               1234.5 / [s] exposure")]
    [InlineData("NEG", -3.0, null, "NEG     =                 -3.0")]
    [InlineData("BIG", 1.5e20, null, "BIG     =              1.5E+20")]
    [InlineData("X", 0.1, null, "X       =                  0.1")]
    public void Real_values_are_right_justified_to_column_30_as_astropy_writes(string keyword, double value, string? comment, string expected)
    {
        var image = new FitsCard(keyword, value, comment).ToString();

        Assert.Equal(80, image.Length);
        Assert.Equal(expected, image.TrimEnd());
    }

    [Fact]
    public void Strings_logicals_integers_and_undefined_values_are_formatted_as_astropy_writes()
    {
        Assert.Equal("OBJECT  = 'M31     '           / target", new FitsCard("OBJECT", "M31", "target").ToString().TrimEnd());
        Assert.Equal("QUOTE   = 'O''Brien'", new FitsCard("QUOTE", "O'Brien").ToString().TrimEnd());
        Assert.Equal("FLAG    =                    T", new FitsCard("FLAG", true).ToString().TrimEnd());
        Assert.Equal("NCOMBINE=                   42 / frames", new FitsCard("NCOMBINE", 42, "frames").ToString().TrimEnd());
        Assert.Equal("EMPTY   = ''", new FitsCard("EMPTY", "").ToString().TrimEnd());
        Assert.Equal("UNDEF   =  / undefined", new FitsCard("UNDEF", null, "undefined").ToString().TrimEnd());
    }

    [Fact]
    public void Reals_keep_a_decimal_point_and_enough_digits_to_read_back_exactly()
    {
        // astropy 5.2 writes 1E-12 (no point) and 16 significant digits; we keep the point the fixed format asks for
        // and use the shortest text that round-trips, so 0.1 + 0.2 is not written as 0.3.
        Assert.Equal("TINY    =              1.0E-12", new FitsCard("TINY", 1e-12).ToString().TrimEnd());
        Assert.Equal("ONE     =                  1.0", new FitsCard("ONE", 1.0).ToString().TrimEnd());
        Assert.Equal("SUM     =  0.30000000000000004", new FitsCard("SUM", 0.1 + 0.2).ToString().TrimEnd());
        Assert.Equal("SMALL   =              1.0E-05", new FitsCard("SMALL", 1e-5).ToString().TrimEnd());
        Assert.Equal("C       =          (1.5, -2.0)", new FitsCard("C", new Complex(1.5, -2)).ToString().TrimEnd());
    }

    [Fact]
    public void Long_strings_are_split_over_CONTINUE_cards_as_astropy_splits_them()
    {
        // astropy: fits.Card('LONG', 'x'*100, 'a comment').image
        var images = new FitsCard("LONG", new string('x', 100), "a comment").ToCardImages();

        Assert.Equal(
            [
                "LONG    = '" + new string('x', 67) + "&'",
                "CONTINUE  '" + new string('x', 33) + "&'",
                "CONTINUE  '' / a comment",
            ],
            images.Select(i => i.TrimEnd()));
        Assert.All(images, i => Assert.Equal(80, i.Length));
    }

    [Fact]
    public void Long_strings_never_split_an_escaped_quote_pair()
    {
        var text = new string('a', 66) + "'b";
        var images = new FitsCard("Q", text).ToCardImages();

        Assert.Equal("Q       = '" + new string('a', 66) + "&'", images[0].TrimEnd());
        Assert.Equal("CONTINUE  '''b'", images[1].TrimEnd());
    }

    [Fact]
    public void Long_commentary_text_becomes_several_cards_of_72_characters()
    {
        var images = FitsCard.Commentary("HISTORY", new string('h', 100)).ToCardImages();

        Assert.Equal(["HISTORY " + new string('h', 72), "HISTORY " + new string('h', 28)], images.Select(i => i.TrimEnd()));
    }

    [Fact]
    public void Keywords_are_upper_cased_and_invalid_keywords_or_values_are_rejected()
    {
        Assert.Equal("EXPTIME", new FitsCard("exptime", 1.0).Keyword);
        Assert.Throws<ArgumentException>(() => new FitsCard("TOOLONGKEY", 1));
        Assert.Throws<ArgumentException>(() => new FitsCard("BAD KEY", 1));
        Assert.Throws<ArgumentException>(() => new FitsCard("NAN", double.NaN));
        Assert.Throws<ArgumentException>(() => new FitsCard("TEXT", "caf\u00e9"));
        Assert.Throws<ArgumentException>(() => new FitsCard("COMMENT", "use FitsCard.Commentary"));
        Assert.Throws<ArgumentException>(() => new FitsCard("LIST", new[] { 1, 2 }));
    }

    [Fact]
    public void Hand_written_cards_parse_with_quotes_slashes_exponents_and_comments()
    {
        var bytes = FitsTestFiles.Build(
        [
            FitsTestFiles.Card("SIMPLE", "T"),
            FitsTestFiles.Card("BITPIX", "8"),
            FitsTestFiles.Card("NAXIS", "0"),
            "SLASH   = 'a/b''c'  / comment with / slash",
            "DEXP    = -1.5D-02",
            "LOWER   = 2.5e+01 /no space before",
            "FREE    =   7   ",
            "HUGE    = 9223372036854775808",
            "CPLX    = (1.0, -2.5)",
            "SPACES  = '    '",
            "NOEQUALS just some text",
            "LONG    = 'abc &'",
            "CONTINUE  'def&' / first",
            "CONTINUE  'ghi' / second",
            "NOTCONT = 'ends with &'",
        ]);

        var h = FitsFile.Read(new MemoryStream(bytes))[0].Header;

        Assert.Equal("a/b'c", h.GetString("SLASH"));
        Assert.Equal("comment with / slash", h.GetComment("SLASH"));
        Assert.Equal(-0.015, h.GetDouble("DEXP"));
        Assert.Equal(25.0, h.GetDouble("LOWER"));
        Assert.Equal("no space before", h.GetComment("LOWER"));
        Assert.Equal(7L, h.GetLong("FREE")); // free-format integer
        Assert.Equal(9223372036854775808UL, h["HUGE"]); // beyond long: ulong, as BZERO of uint64 data needs
        Assert.Equal(9223372036854775808.0, h.GetDouble("HUGE"));
        Assert.Equal(new Complex(1.0, -2.5), h["CPLX"]);
        Assert.Equal(" ", h.GetString("SPACES")); // an all-space string is one space (FITS 4.0 §4.2.1.1)
        // Without "= " in columns 9-10 the card is commentary: its text is columns 9-80, leading space included.
        Assert.Contains(h.Cards, c => c.IsCommentary && c.Keyword == "NOEQUALS" && (string?)c.Value == " just some text");
        Assert.Equal("abc defghi", h.GetString("LONG"));
        Assert.Equal("first second", h.GetComment("LONG"));
        Assert.Equal("ends with &", h.GetString("NOTCONT")); // no CONTINUE follows, so the '&' is text
    }

    [Fact]
    public void Header_set_replaces_the_first_card_and_add_appends()
    {
        var h = new FitsHeader()
            .Set("OBJECT", "M31")
            .AddHistory("one")
            .Set("object", "M33", "replaced")
            .AddComment("c")
            .Add(new FitsCard("OBJECT", "second copy"));

        Assert.Equal("M33", h.GetString("OBJECT"));
        Assert.Equal("replaced", h.GetComment("OBJECT"));
        Assert.Equal(["OBJECT", "HISTORY", "COMMENT", "OBJECT"], h.Cards.Select(c => c.Keyword));
        Assert.Equal(2, h.Remove("OBJECT"));
        Assert.False(h.Contains("OBJECT"));
        Assert.Equal(2, h.Count);
        var shown = h.ToString();
        Assert.Contains("HISTORY one", shown);
        Assert.Equal(Encoding.ASCII.GetByteCount(shown), shown.Length);
    }
}
