using System.Text;
using SimEmulator.Data.Fits;

namespace SimEmulator.Tests.Data.Fits;

// Each malformed file gives one FitsFormatException whose message names the file, the HDU and what was expected.
public sealed class FitsErrorTests : IDisposable
{
    private readonly FitsTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly string[] EmptyPrimary =
        [FitsTestFiles.Card("SIMPLE", "T"), FitsTestFiles.Card("BITPIX", "8"), FitsTestFiles.Card("NAXIS", "0")];

    private FitsFormatException ReadFails(string name, byte[] bytes)
    {
        var path = _files.PathFor(name);
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<FitsFormatException>(() => FitsFile.Read(path));
        Assert.StartsWith(path + ": ", ex.Message);
        Assert.Equal(path, ex.FilePath);
        return ex;
    }

    [Fact]
    public void Header_without_END_in_the_file_is_reported_for_its_HDU()
    {
        // A valid primary HDU followed by an extension whose END card has been overwritten.
        var good = _files.PathFor("good.fits");
        FitsFile.Write(good, FitsHdu.Empty(), FitsHdu.Create<float>([1f], [1]));
        var bytes = File.ReadAllBytes(good);
        var text = Encoding.ASCII.GetString(bytes, 2880, 2880);
        int end = text.IndexOf("END     ", StringComparison.Ordinal);
        bytes[2880 + end] = (byte)'X';
        bytes = bytes[..(2 * 2880)]; // drop the data block too, so nothing after could hold an END

        var ex = ReadFails("no_end.fits", bytes);

        Assert.EndsWith("header of HDU 1 has no END card within the file", ex.Message);
        Assert.Equal(1, ex.HduIndex);
    }

    [Fact]
    public void Primary_header_without_END_is_reported()
    {
        var ex = ReadFails("no_end0.fits", FitsTestFiles.Build(EmptyPrimary, end: false));
        Assert.EndsWith("header of HDU 0 has no END card within the file", ex.Message);
    }

    [Fact]
    public void Truncated_data_reports_the_bytes_needed_and_the_bytes_present()
    {
        var good = _files.PathFor("full.fits");
        FitsFile.Write(good, FitsHdu.Create<float>(new float[2000], [40, 50])); // 2000 × 4 = 8000 data bytes
        var bytes = File.ReadAllBytes(good)[..(2880 + 4000)];

        var ex = ReadFails("truncated.fits", bytes);

        Assert.EndsWith("data of HDU 0 needs 8000 bytes, file has 4000 after the header", ex.Message);
        Assert.Equal(0, ex.HduIndex);
    }

    [Fact]
    public void File_whose_length_is_not_a_multiple_of_2880_is_rejected()
    {
        var good = _files.PathFor("ok.fits");
        FitsFile.Write(good, FitsHdu.Create<float>([1f, 2f], [2]));
        var bytes = File.ReadAllBytes(good);

        var missingPadding = ReadFails("short_padding.fits", bytes[..(2880 + 100)]);
        Assert.Contains("not a multiple of 2880", missingPadding.Message);
        Assert.Contains("padding after the data of HDU 0 is missing", missingPadding.Message);

        var extra = ReadFails("extra.fits", [.. bytes, .. new byte[100]]);
        Assert.Contains($"file is {bytes.Length + 100} bytes, not a multiple of the 2880-byte FITS block", extra.Message);
    }

    [Fact]
    public void A_file_that_does_not_start_with_SIMPLE_is_not_FITS()
    {
        var png = ReadFails("image.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Assert.Contains("not a FITS file: the first card must be 'SIMPLE  =                    T'", png.Message);

        var text = ReadFails("notes.txt", FitsTestFiles.Build([FitsTestFiles.Card("BITPIX", "8"), .. EmptyPrimary]));
        Assert.Contains("found 'BITPIX  =                    8'", text.Message);

        ReadFails("empty.fits", []);
    }

    [Fact]
    public void SIMPLE_equal_to_F_is_rejected()
    {
        var ex = ReadFails("simple_f.fits", FitsTestFiles.Build([FitsTestFiles.Card("SIMPLE", "F"), .. EmptyPrimary[1..]]));
        Assert.Contains("SIMPLE = F", ex.Message);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("-16")]
    [InlineData("0")]
    public void Unsupported_BITPIX_is_named_with_the_allowed_values(string bitpix)
    {
        var ex = ReadFails("bitpix.fits", FitsTestFiles.Build(
            [FitsTestFiles.Card("SIMPLE", "T"), FitsTestFiles.Card("BITPIX", bitpix), FitsTestFiles.Card("NAXIS", "0")]));
        Assert.Contains($"HDU 0 has BITPIX = {bitpix}; FITS allows 8, 16, 32, 64, -32 or -64", ex.Message);
    }

    [Fact]
    public void Missing_NAXISn_is_named()
    {
        var ex = ReadFails("naxis.fits", FitsTestFiles.Build(
        [
            FitsTestFiles.Card("SIMPLE", "T"), FitsTestFiles.Card("BITPIX", "16"),
            FitsTestFiles.Card("NAXIS", "2"), FitsTestFiles.Card("NAXIS1", "10"),
        ]));
        Assert.EndsWith("header of HDU 0 has NAXIS = 2 but no NAXIS2 card", ex.Message);
    }

    [Fact]
    public void Missing_BITPIX_and_non_integer_NAXIS_are_named()
    {
        var noBitpix = ReadFails("nobitpix.fits", FitsTestFiles.Build([FitsTestFiles.Card("SIMPLE", "T"), FitsTestFiles.Card("NAXIS", "0")]));
        Assert.EndsWith("header of HDU 0 has no BITPIX card", noBitpix.Message);

        var realNaxis = ReadFails("realnaxis.fits", FitsTestFiles.Build(
            [FitsTestFiles.Card("SIMPLE", "T"), FitsTestFiles.Card("BITPIX", "8"), FitsTestFiles.Card("NAXIS", "2.0")]));
        Assert.EndsWith("HDU 0 has NAXIS = 2.0; expected an integer", realNaxis.Message);
    }

    [Fact]
    public void Unterminated_string_and_non_ASCII_header_bytes_name_the_card()
    {
        var quote = ReadFails("quote.fits", FitsTestFiles.Build([.. EmptyPrimary, "OBJECT  = 'M31"]));
        Assert.Contains("card 4: card 'OBJECT' has a string value without a closing quote", quote.Message);

        var bytes = FitsTestFiles.Build([.. EmptyPrimary, "OBJECT  = 'M31'"]);
        bytes[3 * 80 + 12] = 0xE9;
        var latin = ReadFails("latin.fits", bytes);
        Assert.Contains("header of HDU 0, card 4, has byte 0xE9 at column 13", latin.Message);
    }

    [Fact]
    public void Stream_errors_carry_the_given_name()
    {
        var ex = Assert.Throws<FitsFormatException>(
            () => FitsFile.Read(new MemoryStream(FitsTestFiles.Build(EmptyPrimary, end: false)), "upload.fits"));
        Assert.Equal("upload.fits: header of HDU 0 has no END card within the file", ex.Message);
    }
}
