using SimEmulator.Data.Gadget;

namespace SimEmulator.Tests.Data.Gadget;

public sealed class GadgetHdf5SnapshotTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "gadget_hdf5");
    private readonly string dir = Directory.CreateTempSubdirectory("simemu-gadget-h5-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Two_file_quijote_style_snapshot_reads_in_mpc_over_h_with_exact_values()
    {
        // Expected values: make_gadget_hdf5_fixtures.py (kpc/h on disk → ×1e-3 to Mpc/h, detected from BoxSize = 1e6).
        var snap = GadgetHdf5Snapshot.Open(Path.Combine(Fixtures, "snap_002"));
        Assert.Equal(2, snap.Files.Count);
        Assert.Equal(1e-3, snap.LengthUnitToMpcH);
        Assert.Equal(1000.0, snap.BoxSizeMpcH, 9);
        Assert.Equal(1.0, snap.Header.Redshift);
        Assert.Equal(5L, snap.Header.NumPartTotal[1]);
        Assert.Equal(0.3175, snap.Header.Omega0);
        var pos = new List<float>();
        var ids = new List<ulong>();
        var vel = new List<float>();
        foreach (var c in snap.ReadChunks(chunkSize: 2, ParticleFields.Positions | ParticleFields.Ids | ParticleFields.Velocities, types: [1]))
        {
            pos.AddRange(c.Positions.ToArray());
            ids.AddRange(c.Ids.ToArray());
            vel.AddRange(c.Velocities.ToArray());
        }
        Assert.Equal([10UL, 11, 12, 13, 14], ids);
        float[] expected = [1, 2, 3, 999, 0.5f, 250, 500, 500, 500, 0, 0, 0, 123.456f, 654.321f, 999.999f];
        Assert.Equal(expected.Length, pos.Count);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], pos[i], expected[i] * 1e-6f + 1e-6f);
        Assert.Equal(Enumerable.Range(0, 15).Select(i => i - 7f), vel); // velocities stay as stored
    }

    [Fact]
    public void Any_part_of_a_multi_file_snapshot_opens_the_whole_snapshot_and_a_missing_part_is_named()
    {
        Assert.Equal(2, GadgetHdf5Snapshot.Open(Path.Combine(Fixtures, "snap_002.1.hdf5")).Files.Count);
        File.Copy(Path.Combine(Fixtures, "snap_002.0.hdf5"), Path.Combine(dir, "snap_002.0.hdf5"));
        var e = Assert.Throws<GadgetFormatException>(() => GadgetHdf5Snapshot.Open(Path.Combine(dir, "snap_002")));
        Assert.Contains("snap_002.1.hdf5", e.Message);
    }

    [Fact]
    public void Written_gadget4_snapshot_reads_back_identically_through_our_reader_and_h5py()
    {
        var path = Path.Combine(dir, "snap_000.hdf5");
        float[] pos = [0.5f, 1.5f, 2.5f, 99.0f, 0.0f, 42.25f];
        float[] vel = [1, -2, 3, -4, 5, -6];
        ulong[] ids = [7, 1UL << 40];
        Gadget4SnapshotWriter.Write(path, new SnapshotParticles(pos, vel, ids, 12.5), 100.0, 0.25, 0.3, 0.7, 0.7);

        var snap = GadgetHdf5Snapshot.Open(path);
        Assert.Equal(1.0, snap.LengthUnitToMpcH); // from /Parameters/UnitLength_in_cm = 1 Mpc
        Assert.Equal(3.0, snap.Header.Redshift, 12);
        var c = Assert.Single(snap.ReadChunks(fields: ParticleFields.All, types: [1]));
        Assert.Equal(pos, c.Positions.ToArray());
        Assert.Equal(vel, c.Velocities.ToArray());
        Assert.Equal(ids, c.Ids.ToArray());
        Assert.Equal(12.5, c.ConstantMass);

        // The same file through h5py, the tool users inspect snapshots with.
        var script = "import h5py,sys; f=h5py.File(sys.argv[1]); h=f['Header'].attrs; p=f['PartType1/Coordinates'][:]; " +
                     "i=f['PartType1/ParticleIDs'][:]; print(int(h['NumPart_ThisFile'][1]), float(h['BoxSize']), float(h['MassTable'][1]), " +
                     "repr(p.ravel().tolist()), repr(i.tolist()))";
        var output = RunPython(script, path);
        Assert.Equal("2 100.0 12.5 [0.5, 1.5, 2.5, 99.0, 0.0, 42.25] [7, 1099511627776]", output);
    }

    [Fact]
    public void Snapshot_with_a_missing_dataset_names_the_file_and_dataset()
    {
        var path = Path.Combine(dir, "nocoords.hdf5");
        Gadget4SnapshotWriter.Write(path, new SnapshotParticles([1, 2, 3], null, null, 1.0), 10, 1, 0.3, 0.7, 0.7);
        var snap = GadgetHdf5Snapshot.Open(path);
        var e = Assert.Throws<GadgetFormatException>(() => snap.ReadChunks(fields: ParticleFields.Ids, types: [1]).ToList());
        Assert.Contains("nocoords.hdf5", e.Message);
        Assert.Contains("ParticleIDs", e.Message);
    }

    internal static string RunPython(string script, params string[] args)
    {
        var (exitCode, stdout, stderr) = PythonPeer.Run(["-c", script, .. args]);
        Assert.True(exitCode == 0, $"python3 (needs python3-h5py; ./simemu test installs it) failed: {stderr}");
        return stdout.Trim();
    }
}
