using System.Buffers.Binary;
using SimEmulator.Data.Gadget;

namespace SimEmulator.Tests.Data.Gadget;

/// <summary>
/// Broken copies of the numpy-written fixtures. Byte offsets are those of f1_le_single (SnapFormat 1, 3 + 4 particles):
/// HEAD record at 0 (256 bytes), POS at 264 (84 bytes), VEL at 356 (84), ID at 448 (28), MASS at 484 (12), U at 504.
/// Each failure is one exception whose message names the file (and the block and offset where there is one).
/// </summary>
public sealed class GadgetSnapshotErrorTests : IDisposable
{
    private readonly GadgetTempDir _tmp = GadgetFixtures.TempDir();

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void A_truncated_file_fails_naming_the_file_block_offset_and_sizes()
    {
        var path = _tmp.Copy("f1_le_single", "snap_000");
        using (var f = File.OpenWrite(path)) f.SetLength(264 + 4 + 50); // cut 34 bytes into the 84-byte POS data

        var e = Assert.Throws<GadgetFormatException>(() => GadgetSnapshot.Open(path));

        Assert.Equal($"{path}: POS block at byte offset 264 holds 50 bytes, header promises 84 (truncated file?)", e.Message);
        Assert.Equal(("POS", 264L, path), (e.Block, e.Offset, e.FilePath));
    }

    [Fact]
    public void A_file_cut_just_before_an_end_marker_is_reported_as_truncated()
    {
        var path = _tmp.Copy("f1_le_single", "snap_000");
        using (var f = File.OpenWrite(path)) f.SetLength(444 + 2); // VEL data complete, end marker half there

        var e = Assert.Throws<GadgetFormatException>(() => GadgetSnapshot.Open(path));

        Assert.Contains($"{path}: VEL block at byte offset 356", e.Message);
        Assert.Contains("truncated file?", e.Message);
    }

    [Fact]
    public void A_wrong_first_record_marker_says_this_is_not_a_Gadget_snapshot()
    {
        var path = Path.Combine(_tmp.Path, "not_gadget.bin");
        var bytes = new byte[300];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, 1234);
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<GadgetFormatException>(() => GadgetSnapshot.Open(path));

        Assert.Equal($"{path}: not a Gadget snapshot: first record marker is 1234, expected 256 (format 1) or 8 (format 2)", e.Message);
    }

    [Fact]
    public void A_mismatched_end_marker_fails_naming_the_block_and_its_offset()
    {
        var path = _tmp.Copy("f1_le_single", "snap_000");
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(444), 83); // VEL end marker: 84 → 83
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<GadgetFormatException>(() => GadgetSnapshot.Open(path));

        Assert.Equal($"{path}: VEL block at byte offset 356 has end record marker 83, which does not match its start marker 84 (corrupt file?)", e.Message);
    }

    [Fact]
    public void A_block_size_that_disagrees_with_the_header_counts_fails_with_both_numbers()
    {
        var path = _tmp.Copy("f1_le_single", "snap_000");
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 + 4), 5); // npart[1]: 4 → 5, so 8 particles, POS is 84 bytes
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<GadgetFormatException>(() => GadgetSnapshot.Open(path));

        Assert.Equal($"{path}: POS block at byte offset 264 holds 84 bytes, header promises 96 (float32/uint32) or 192 (float64/uint64): 8 particles × 3 coordinates", e.Message);
    }

    [Fact]
    public void A_missing_part_of_a_multi_file_snapshot_is_listed()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_tmp.Path, "multi")).FullName;
        File.Copy(GadgetFixtures.File("multi/snap_002.0"), Path.Combine(dir, "snap_002.0"));
        var basePath = Path.Combine(dir, "snap_002");

        var e = Assert.Throws<FileNotFoundException>(() => GadgetSnapshot.Open(basePath));

        Assert.Equal($"Gadget snapshot '{basePath}' has 2 files (num_files in {basePath}.0) but 1 is missing: {basePath}.1", e.Message);
        Assert.Equal(basePath + ".1", e.FileName);
    }

    [Fact]
    public void A_path_with_no_snapshot_behind_it_names_both_places_looked()
    {
        var path = Path.Combine(_tmp.Path, "snap_404");

        var e = Assert.Throws<FileNotFoundException>(() => GadgetSnapshot.Open(path));

        Assert.Equal($"no Gadget snapshot at '{path}': neither '{path}' nor '{path}.0' exists", e.Message);
    }

    [Fact]
    public void Parts_of_different_snapshots_are_not_mixed()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_tmp.Path, "mixed")).FullName;
        File.Copy(GadgetFixtures.File("multi/snap_002.0"), Path.Combine(dir, "snap_002.0"));
        var second = Path.Combine(dir, "snap_002.1");
        var bytes = File.ReadAllBytes(GadgetFixtures.File("multi/snap_002.1"));
        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(4 + 128), 25000.0); // BoxSize of another run
        File.WriteAllBytes(second, bytes);

        var e = Assert.Throws<GadgetFormatException>(() => GadgetSnapshot.Open(Path.Combine(dir, "snap_002")));

        Assert.StartsWith($"{second}: header disagrees with {dir}/snap_002.0 (BoxSize 25000 vs 50000)", e.Message);
    }

    [Fact]
    public void Asking_for_a_block_the_file_does_not_have_fails_before_streaming()
    {
        var path = _tmp.Copy("f1_le_single", "snap_000");
        using (var f = File.OpenWrite(path)) f.SetLength(356); // ends cleanly after POS: no VEL, ID, MASS
        var snap = GadgetSnapshot.Open(path);

        Assert.Equal(7, snap.ReadChunks().Sum(c => c.Count)); // positions alone still read
        var e = Assert.Throws<GadgetFormatException>(() => snap.ReadChunks(fields: ParticleFields.Velocities));
        Assert.Equal($"{path}: no VEL block (the file ends at byte 356); it is needed for velocities", e.Message);
    }

    [Fact]
    public void Chunk_size_and_types_are_checked_at_the_door()
    {
        var snap = GadgetSnapshot.Open(GadgetFixtures.File("f1_le_single"));

        Assert.Equal("chunkSize", Assert.Throws<ArgumentOutOfRangeException>(() => snap.ReadChunks(0)).ParamName);
        Assert.Equal("types", Assert.Throws<ArgumentOutOfRangeException>(() => snap.ReadChunks(types: [6])).ParamName);
    }
}
