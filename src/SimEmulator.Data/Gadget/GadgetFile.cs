using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SimEmulator.Data.Gadget;

/// <summary>
/// One file of a Gadget binary snapshot: its byte order, format, header and where each particle block's data lies.
/// <see cref="Scan"/> walks every Fortran record (markers only, no particle data) and checks both markers of each block
/// and the block sizes against the header, so a corrupt or truncated file fails before any particle is read.
/// </summary>
internal sealed class GadgetFile
{
    /// <summary>Particle blocks this reader understands, in SnapFormat-1 order (MASS only when some type needs it).</summary>
    public static readonly string[] KnownBlocks = ["POS", "VEL", "ID", "MASS"];

    private GadgetFile(string path, long length, bool bigEndian, GadgetFormat format, GadgetHeader header, Dictionary<string, GadgetBlock> blocks)
    {
        Path = path;
        Length = length;
        BigEndian = bigEndian;
        Format = format;
        Header = header;
        Blocks = blocks;
    }

    public string Path { get; }

    public long Length { get; }

    public bool BigEndian { get; }

    public GadgetFormat Format { get; }

    public GadgetHeader Header { get; }

    public IReadOnlyDictionary<string, GadgetBlock> Blocks { get; }

    /// <summary>Particles of the given types in this file that carry a MASS entry (mass table 0).</summary>
    public long MassBlockParticles(int upToTypeExclusive = GadgetHeader.TypeCount)
    {
        long n = 0;
        for (var t = 0; t < upToTypeExclusive; t++)
            if (Header.HasIndividualMasses(t)) n += Header.NumPartThisFile[t];
        return n;
    }

    public static GadgetFile Scan(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = RandomAccess.GetLength(handle);
        if (length < 4)
            throw new GadgetFormatException(path, $"{path}: not a Gadget snapshot: the file holds {length} bytes, fewer than one record marker", "HEAD", 0);

        var first = ReadInt32(handle, 0, bigEndian: false);
        bool bigEndian;
        if (first is 256 or 8) bigEndian = false;
        else if (BinaryPrimitives.ReverseEndianness(first) is 256 or 8) bigEndian = true;
        else
            throw new GadgetFormatException(path,
                $"{path}: not a Gadget snapshot: first record marker is {first}, expected 256 (format 1) or 8 (format 2)", "HEAD", 0);
        var format = (bigEndian ? BinaryPrimitives.ReverseEndianness(first) : first) == 8 ? GadgetFormat.Format2 : GadgetFormat.Format1;
        var s = new Scanner(handle, path, length, bigEndian);

        long offset = 0;
        if (format == GadgetFormat.Format2)
        {
            var (label, next) = s.Label(offset);
            if (label != "HEAD")
                throw new GadgetFormatException(path, $"{path}: format-2 snapshot whose first block is '{label}', expected 'HEAD'", label, offset);
            offset = next;
        }
        var head = s.Record(offset, "HEAD", m => m == GadgetHeader.SizeInBytes ? 1 : throw s.Fail("HEAD", offset, $"holds {m} bytes, expected {GadgetHeader.SizeInBytes}"));
        var headerBytes = new byte[GadgetHeader.SizeInBytes];
        ReadExactly(handle, headerBytes, head.DataOffset, path, "HEAD");
        var header = GadgetHeader.Parse(headerBytes, bigEndian);
        offset = head.NextOffset;

        long all = header.NumPartThisFileSum;
        long withMass = 0;
        for (var t = 0; t < GadgetHeader.TypeCount; t++)
            if (header.HasIndividualMasses(t)) withMass += header.NumPartThisFile[t];
        var expected = new Dictionary<string, (long Values, string What)>
        {
            ["POS"] = (3 * all, "3 coordinates"),
            ["VEL"] = (3 * all, "3 components"),
            ["ID"] = (all, "1 ID"),
            ["MASS"] = (withMass, "1 mass"),
        };

        var blocks = new Dictionary<string, GadgetBlock>();
        GadgetBlock ReadBlock(string name, long at)
        {
            if (!expected.TryGetValue(name, out var e)) return s.Record(at, name, _ => 0);
            return s.Record(at, name, m =>
            {
                if (m == e.Values * 4) return 4;
                if (m == e.Values * 8) return 8;
                var particles = name is "POS" or "VEL" ? e.Values / 3 : e.Values;
                throw s.Fail(name, at, $"holds {m} bytes, header promises {e.Values * 4} (float32/uint32) or {e.Values * 8} (float64/uint64): {particles} particles × {e.What}");
            });
        }

        if (format == GadgetFormat.Format1)
        {
            foreach (var name in KnownBlocks)
            {
                if (name == "MASS" && withMass == 0) break;
                if (offset == length) break; // the file simply ends: later blocks are absent
                var b = ReadBlock(name, offset);
                blocks[name] = b;
                offset = b.NextOffset;
            }
        }
        else
        {
            while (offset < length)
            {
                var (label, next) = s.Label(offset);
                var b = ReadBlock(label, next);
                if (expected.ContainsKey(label) && !blocks.TryAdd(label, b))
                    throw new GadgetFormatException(path, $"{path}: block '{label}' appears twice (second at byte offset {offset})", label, offset);
                offset = b.NextOffset;
            }
        }
        return new GadgetFile(path, length, bigEndian, format, header, blocks);
    }

    /// <summary>The block, or an error naming the file and what was asked for.</summary>
    public GadgetBlock Require(string name, string purpose) => Blocks.TryGetValue(name, out var b)
        ? b
        : throw new GadgetFormatException(Path, $"{Path}: no {name} block (the file ends at byte {Length}); it is needed for {purpose}", name, Length);

    /// <summary>Reads values [first, first + dest.Length) of a float32/float64 block into float32, times <paramref name="scale"/>.</summary>
    public void ReadReals(SafeFileHandle handle, GadgetBlock block, long first, Span<float> dest, double scale, ref byte[] scratch)
    {
        var offset = block.DataOffset + first * block.ElementBytes;
        if (block.ElementBytes == 4)
        {
            ReadExactly(handle, MemoryMarshal.AsBytes(dest), offset, Path, block.Name);
            if (NeedsSwap)
            {
                var ints = MemoryMarshal.Cast<float, int>(dest);
                BinaryPrimitives.ReverseEndianness(ints, ints);
            }
            if (scale != 1.0)
                for (var i = 0; i < dest.Length; i++) dest[i] = (float)(dest[i] * scale);
        }
        else
        {
            var bytes = Scratch(ref scratch, dest.Length * 8);
            ReadExactly(handle, bytes, offset, Path, block.Name);
            var longs = MemoryMarshal.Cast<byte, long>(bytes);
            if (NeedsSwap) BinaryPrimitives.ReverseEndianness(longs, longs);
            var doubles = MemoryMarshal.Cast<long, double>(longs);
            for (var i = 0; i < dest.Length; i++) dest[i] = (float)(doubles[i] * scale);
        }
    }

    /// <summary>Reads IDs [first, first + dest.Length) of a uint32/uint64 ID block.</summary>
    public void ReadIds(SafeFileHandle handle, GadgetBlock block, long first, Span<ulong> dest, ref byte[] scratch)
    {
        var offset = block.DataOffset + first * block.ElementBytes;
        if (block.ElementBytes == 8)
        {
            ReadExactly(handle, MemoryMarshal.AsBytes(dest), offset, Path, block.Name);
            if (NeedsSwap) BinaryPrimitives.ReverseEndianness(dest, dest);
        }
        else
        {
            var bytes = Scratch(ref scratch, dest.Length * 4);
            ReadExactly(handle, bytes, offset, Path, block.Name);
            var ids = MemoryMarshal.Cast<byte, uint>(bytes);
            if (NeedsSwap) BinaryPrimitives.ReverseEndianness(ids, ids);
            for (var i = 0; i < dest.Length; i++) dest[i] = ids[i];
        }
    }

    private bool NeedsSwap => BigEndian == BitConverter.IsLittleEndian;

    private static Span<byte> Scratch(ref byte[] scratch, int bytes)
    {
        if (scratch.Length < bytes) scratch = GC.AllocateUninitializedArray<byte>(bytes);
        return scratch.AsSpan(0, bytes);
    }

    private static int ReadInt32(SafeFileHandle handle, long offset, bool bigEndian)
    {
        Span<byte> b = stackalloc byte[4];
        if (RandomAccess.Read(handle, b, offset) != 4) throw new EndOfStreamException();
        return bigEndian ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b);
    }

    private static void ReadExactly(SafeFileHandle handle, Span<byte> dest, long offset, string path, string block)
    {
        while (!dest.IsEmpty)
        {
            var n = RandomAccess.Read(handle, dest, offset);
            if (n <= 0)
                throw new GadgetFormatException(path, $"{path}: {block} block ends early at byte offset {offset} (file changed since it was opened?)", block, offset);
            dest = dest[n..];
            offset += n;
        }
    }

    // Walks Fortran records: a 4-byte length, the data, the same 4-byte length.
    private readonly struct Scanner(SafeFileHandle handle, string path, long length, bool bigEndian)
    {
        public GadgetFormatException Fail(string block, long offset, string what) =>
            new(path, $"{path}: {block} block at byte offset {offset} {what}", block, offset);

        /// <summary>A format-2 label record (marker 8, 4 label bytes, int32 size, marker 8); returns the trimmed label and the offset after it.</summary>
        public (string Label, long Next) Label(long offset)
        {
            if (length - offset < 16)
                throw new GadgetFormatException(path, $"{path}: block label record at byte offset {offset} is cut off: the file ends at byte {length} (truncated file?)", null, offset);
            Span<byte> b = stackalloc byte[16];
            ReadExactly(handle, b, offset, path, "label");
            var start = Int(b[..4]);
            var end = Int(b[12..]);
            var label = System.Text.Encoding.ASCII.GetString(b[4..8]).TrimEnd(' ', '\0');
            if (start != 8 || end != 8)
                throw new GadgetFormatException(path, $"{path}: block label record at byte offset {offset} has markers {start} and {end}, expected 8 (corrupt format-2 file?)", label, offset);
            return (label, offset + 16);
        }

        /// <summary>A data record: checks the start marker with <paramref name="elementBytes"/>, that the file holds it, and that the end marker matches.</summary>
        public GadgetBlock Record(long offset, string name, Func<long, int> elementBytes)
        {
            if (length - offset < 4)
                throw Fail(name, offset, $"is cut off: the file ends at byte {length}, before the record marker (truncated file?)");
            var bytes = (long)(uint)ReadInt32(handle, offset, bigEndian);
            var element = elementBytes(bytes);
            var available = length - offset - 4;
            var promiser = element == 0 ? "its record marker" : "header";
            if (available < bytes)
                throw Fail(name, offset, $"holds {available} bytes, {promiser} promises {bytes} (truncated file?)");
            if (available < bytes + 4)
                throw Fail(name, offset, $"is cut off before its end record marker: the file ends at byte {length} (truncated file?)");
            var end = (long)(uint)ReadInt32(handle, offset + 4 + bytes, bigEndian);
            if (end != bytes)
                throw Fail(name, offset, $"has end record marker {end}, which does not match its start marker {bytes} (corrupt file?)");
            return new GadgetBlock(name, offset + 4, bytes, element);
        }

        private int Int(ReadOnlySpan<byte> b) => bigEndian ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b);
    }
}
