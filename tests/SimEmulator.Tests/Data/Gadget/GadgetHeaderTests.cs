using System.Buffers.Binary;
using SimEmulator.Data.Gadget;

namespace SimEmulator.Tests.Data.Gadget;

public sealed class GadgetHeaderTests
{
    private static GadgetHeader Sample() => new()
    {
        NumPartThisFile = [0, 3, 0, 0, 0, 0],
        MassTable = [0, 0.25, 0, 0, 0, 0],
        Time = 0.5,
        Redshift = 1.0,
        FlagSfr = 1,
        FlagFeedback = 2,
        NumPartTotal = [0, (1L << 32) + 5, 0, 0, 7, 0],
        FlagCooling = 3,
        NumFilesPerSnapshot = 1024,
        BoxSize = 2000.0,
        Omega0 = 0.3089,
        OmegaLambda = 0.6911,
        HubbleParam = 0.6774,
        FlagStellarAge = 4,
        FlagMetals = 5,
        FlagEntropyInsteadOfU = 6,
    };

    [Fact]
    public void Totals_above_two_to_the_32_are_split_into_npartTotal_and_npartTotalHighWord()
    {
        // Gadget-2 user guide: npartTotal[6] at byte 96 holds the low words, npartTotalHighWord[6] at byte 168 the high words.
        var bytes = new byte[GadgetHeader.SizeInBytes];
        Sample().WriteTo(bytes, bigEndian: false);

        Assert.Equal(5u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(96 + 4)));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(168 + 4)));
        Assert.Equal(7u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(96 + 16)));
        Assert.Equal(4294967301L, GadgetHeader.Parse(bytes, bigEndian: false).NumPartTotal[1]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_field_survives_a_write_and_parse_in_either_byte_order(bool bigEndian)
    {
        var h = Sample();
        var bytes = new byte[GadgetHeader.SizeInBytes];
        h.WriteTo(bytes, bigEndian);

        var back = GadgetHeader.Parse(bytes, bigEndian);

        Assert.Equal(h.NumPartThisFile, back.NumPartThisFile);
        Assert.Equal(h.MassTable, back.MassTable);
        Assert.Equal(h.NumPartTotal, back.NumPartTotal);
        Assert.Equal(h with { NumPartThisFile = back.NumPartThisFile, MassTable = back.MassTable, NumPartTotal = back.NumPartTotal }, back);
        // num_files sits at byte 124 in the requested byte order
        var numFiles = bigEndian ? BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(124)) : BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(124));
        Assert.Equal(1024, numFiles);
    }

    [Fact]
    public void Derived_values_follow_the_mass_table_and_counts()
    {
        var h = Sample();

        Assert.True(h.HasIndividualMasses(4));
        Assert.False(h.HasIndividualMasses(1));
        Assert.Equal((1L << 32) + 12, h.NumPartTotalSum);
        Assert.Equal(3, h.NumPartThisFileSum);
        Assert.Equal([0u, 1u, 0u, 0u, 0u, 0u], h.NumPartTotalHighWord());
        Assert.Equal([0u, 5u, 0u, 0u, 7u, 0u], h.NumPartTotalLowWord());
    }

    [Fact]
    public void A_block_shorter_than_256_bytes_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => GadgetHeader.Parse(new byte[100], false));
        Assert.Equal("block", e.ParamName);
    }
}
