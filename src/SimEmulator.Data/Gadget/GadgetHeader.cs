using System.Buffers.Binary;

namespace SimEmulator.Data.Gadget;

/// <summary>
/// The Gadget snapshot header (io_header of the Gadget-2 user guide). Property names follow the HDF5 snapshot's
/// <c>Header</c> attributes (NumPart_ThisFile → <see cref="NumPartThisFile"/>, …), so binary and HDF5 readers share it.
/// Lengths are in the code's unit (see <see cref="GadgetUnits.GuessLengthUnitToMpcH"/>), masses in 10¹⁰ M☉/h.
/// </summary>
/// <remarks>Arrays are compared by reference by the record's equality; compare their contents where that matters.</remarks>
public sealed record GadgetHeader
{
    /// <summary>Gadget's six particle types: 0 gas, 1 halo (dark matter), 2 disk, 3 bulge, 4 stars, 5 boundary.</summary>
    public const int TypeCount = 6;

    /// <summary>Bytes of the binary header block.</summary>
    public const int SizeInBytes = 256;

    /// <summary>npart: particles of each type in this file.</summary>
    public required long[] NumPartThisFile { get; init; }

    /// <summary>massarr: mass of every particle of a type in 10¹⁰ M☉/h, or 0 where masses are stored per particle in the MASS block.</summary>
    public required double[] MassTable { get; init; }

    /// <summary>time: the scale factor a for cosmological runs.</summary>
    public double Time { get; init; }

    /// <summary>redshift z.</summary>
    public double Redshift { get; init; }

    public int FlagSfr { get; init; }

    public int FlagFeedback { get; init; }

    /// <summary>npartTotal: particles of each type in the whole snapshot, high words (npartTotalHighWord) already combined.</summary>
    public required long[] NumPartTotal { get; init; }

    public int FlagCooling { get; init; }

    /// <summary>num_files: files the snapshot is split into.</summary>
    public int NumFilesPerSnapshot { get; init; }

    /// <summary>Periodic box side in the code's length unit (often kpc/h, sometimes Mpc/h).</summary>
    public double BoxSize { get; init; }

    public double Omega0 { get; init; }

    public double OmegaLambda { get; init; }

    /// <summary>h, H0 / (100 km/s/Mpc).</summary>
    public double HubbleParam { get; init; }

    public int FlagStellarAge { get; init; }

    public int FlagMetals { get; init; }

    /// <summary>flag_entropy_instead_u: gas block U holds entropy rather than internal energy (initial conditions).</summary>
    public int FlagEntropyInsteadOfU { get; init; }

    /// <summary>The scale factor a (= <see cref="Time"/> for cosmological runs).</summary>
    public double ScaleFactor => Time;

    /// <summary>Particles of all types in this file.</summary>
    public long NumPartThisFileSum => NumPartThisFile.Sum();

    /// <summary>Particles of all types in the whole snapshot.</summary>
    public long NumPartTotalSum => NumPartTotal.Sum();

    /// <summary>True where particles of <paramref name="type"/> carry individual masses (massarr is 0).</summary>
    public bool HasIndividualMasses(int type) => MassTable[type] == 0;

    /// <summary>Low 32 bits of <see cref="NumPartTotal"/> (npartTotal / HDF5 NumPart_Total).</summary>
    public uint[] NumPartTotalLowWord() => NumPartTotal.Select(n => (uint)(n & 0xFFFFFFFF)).ToArray();

    /// <summary>High 32 bits of <see cref="NumPartTotal"/> (npartTotalHighWord / HDF5 NumPart_Total_HighWord).</summary>
    public uint[] NumPartTotalHighWord() => NumPartTotal.Select(n => (uint)(n >> 32)).ToArray();

    /// <summary>Reads the 256-byte header block (without its record markers).</summary>
    public static GadgetHeader Parse(ReadOnlySpan<byte> block, bool bigEndian)
    {
        if (block.Length < SizeInBytes)
            throw new ArgumentException($"a Gadget header is {SizeInBytes} bytes; got {block.Length}", nameof(block));
        var r = new Reader(block, bigEndian);
        var npart = new long[TypeCount];
        for (var t = 0; t < TypeCount; t++) npart[t] = r.UInt32(4 * t);
        var mass = new double[TypeCount];
        for (var t = 0; t < TypeCount; t++) mass[t] = r.Double(24 + 8 * t);
        var total = new long[TypeCount];
        for (var t = 0; t < TypeCount; t++) total[t] = r.UInt32(96 + 4 * t) | (long)r.UInt32(168 + 4 * t) << 32;
        return new GadgetHeader
        {
            NumPartThisFile = npart,
            MassTable = mass,
            Time = r.Double(72),
            Redshift = r.Double(80),
            FlagSfr = r.Int32(88),
            FlagFeedback = r.Int32(92),
            NumPartTotal = total,
            FlagCooling = r.Int32(120),
            NumFilesPerSnapshot = r.Int32(124),
            BoxSize = r.Double(128),
            Omega0 = r.Double(136),
            OmegaLambda = r.Double(144),
            HubbleParam = r.Double(152),
            FlagStellarAge = r.Int32(160),
            FlagMetals = r.Int32(164),
            FlagEntropyInsteadOfU = r.Int32(192),
        };
    }

    /// <summary>Writes the 256-byte header block (without record markers); padding bytes are zeroed.</summary>
    public void WriteTo(Span<byte> block, bool bigEndian)
    {
        if (block.Length < SizeInBytes)
            throw new ArgumentException($"a Gadget header is {SizeInBytes} bytes; got {block.Length}", nameof(block));
        Check(NumPartThisFile, nameof(NumPartThisFile));
        Check(NumPartTotal, nameof(NumPartTotal));
        if (MassTable.Length != TypeCount) throw new InvalidOperationException($"'{nameof(MassTable)}' must hold {TypeCount} values");
        block[..SizeInBytes].Clear();
        var w = new Writer(block, bigEndian);
        var low = NumPartTotalLowWord();
        var high = NumPartTotalHighWord();
        for (var t = 0; t < TypeCount; t++)
        {
            w.UInt32(4 * t, checked((uint)NumPartThisFile[t]));
            w.Double(24 + 8 * t, MassTable[t]);
            w.UInt32(96 + 4 * t, low[t]);
            w.UInt32(168 + 4 * t, high[t]);
        }
        w.Double(72, Time);
        w.Double(80, Redshift);
        w.Int32(88, FlagSfr);
        w.Int32(92, FlagFeedback);
        w.Int32(120, FlagCooling);
        w.Int32(124, NumFilesPerSnapshot);
        w.Double(128, BoxSize);
        w.Double(136, Omega0);
        w.Double(144, OmegaLambda);
        w.Double(152, HubbleParam);
        w.Int32(160, FlagStellarAge);
        w.Int32(164, FlagMetals);
        w.Int32(192, FlagEntropyInsteadOfU);
    }

    private static void Check(long[] counts, string name)
    {
        if (counts.Length != TypeCount) throw new InvalidOperationException($"'{name}' must hold {TypeCount} values");
        if (counts.Any(c => c < 0)) throw new InvalidOperationException($"'{name}' holds a negative count");
    }

    private readonly ref struct Reader(ReadOnlySpan<byte> b, bool big)
    {
        private readonly ReadOnlySpan<byte> _b = b;

        public uint UInt32(int o) => big ? BinaryPrimitives.ReadUInt32BigEndian(_b[o..]) : BinaryPrimitives.ReadUInt32LittleEndian(_b[o..]);

        public int Int32(int o) => big ? BinaryPrimitives.ReadInt32BigEndian(_b[o..]) : BinaryPrimitives.ReadInt32LittleEndian(_b[o..]);

        public double Double(int o) => big ? BinaryPrimitives.ReadDoubleBigEndian(_b[o..]) : BinaryPrimitives.ReadDoubleLittleEndian(_b[o..]);
    }

    private readonly ref struct Writer(Span<byte> b, bool big)
    {
        private readonly Span<byte> _b = b;

        public void UInt32(int o, uint v)
        {
            if (big) BinaryPrimitives.WriteUInt32BigEndian(_b[o..], v);
            else BinaryPrimitives.WriteUInt32LittleEndian(_b[o..], v);
        }

        public void Int32(int o, int v)
        {
            if (big) BinaryPrimitives.WriteInt32BigEndian(_b[o..], v);
            else BinaryPrimitives.WriteInt32LittleEndian(_b[o..], v);
        }

        public void Double(int o, double v)
        {
            if (big) BinaryPrimitives.WriteDoubleBigEndian(_b[o..], v);
            else BinaryPrimitives.WriteDoubleLittleEndian(_b[o..], v);
        }
    }
}
