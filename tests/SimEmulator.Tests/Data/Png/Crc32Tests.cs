using System.Text;
using SimEmulator.Data.Png;

namespace SimEmulator.Tests.Data.Png;

public sealed class Crc32Tests
{
    [Fact]
    public void Crc32_of_the_check_string_is_the_published_check_value()
    {
        // "123456789" → 0xCBF43926 is the check value of CRC-32/ISO-HDLC (the PNG/zlib CRC) in the CRC catalogue.
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    [Fact]
    public void Crc32_of_known_strings_matches_zlib()
    {
        // zlib.crc32(b"") == 0, zlib.crc32(b"The quick brown fox jumps over the lazy dog") == 0x414FA339,
        // and every PNG ends with the IEND chunk whose CRC is 0xAE426082.
        Assert.Equal(0u, Crc32.Compute([]));
        Assert.Equal(0x414FA339u, Crc32.Compute(Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog")));
        Assert.Equal(0xAE426082u, Crc32.Compute("IEND"u8));
    }

    [Fact]
    public void Update_continues_a_crc_across_pieces()
    {
        var data = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog");
        Assert.Equal(Crc32.Compute(data), Crc32.Update(Crc32.Compute(data.AsSpan(0, 10)), data.AsSpan(10)));
    }
}
