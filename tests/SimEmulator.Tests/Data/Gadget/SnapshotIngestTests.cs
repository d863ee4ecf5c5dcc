using System.Buffers.Binary;
using SimEmulator.Data.Gadget;
using SimEmulator.Data.Layouts;
using SimEmulator.Data.Mesh;

namespace SimEmulator.Tests.Data.Gadget;

/// <summary>Snapshots → field set, the library call behind `simemu ingest gadget`.</summary>
public sealed class SnapshotIngestTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("simemu-ingest-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Binary_snapshots_become_a_field_set_of_overdensities_matching_the_numpy_deposit()
    {
        var snap = GadgetFixtures.File("multi/snap_002");
        var output = Path.Combine(dir, "cubes.h5");
        var seen = new List<int>();
        SnapshotIngest.ToFieldSet([snap, snap], output, 8, MassAssignment.CIC, progress: seen.Add);
        Assert.Equal([0, 1], seen);

        // Reference: make_gadget_fixtures.py's float64 brute-force CIC deposit (all types, mass-weighted), as δ = ρ/ρ̄ − 1.
        var bytes = File.ReadAllBytes(GadgetFixtures.File("multi_cic_n8.f64"));
        var rho = Enumerable.Range(0, 512).Select(i => BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(8 * i))).ToArray();
        var mean = rho.Average();
        using var fs = FieldSet.Open(output);
        Assert.Equal(2, fs.Count);
        Assert.Equal([SnapshotIngest.UnknownSeed, SnapshotIngest.UnknownSeed], fs.Seeds);
        Assert.Equal("CIC", fs.Info.MassAssignment);
        Assert.Equal(FieldKind.Overdensity, fs.Info.Kind);
        Assert.Contains("snap_002", fs.Info.Source);
        var field = fs.ReadField(1);
        var maxDelta = rho.Max() / mean;
        for (var i = 0; i < 512; i++)
            Assert.True(Math.Abs(field[i] - (rho[i] / mean - 1)) <= 1e-5 * maxDelta, $"cell {i}: {field[i]} vs {rho[i] / mean - 1}");
    }

    [Fact]
    public void Hdf5_snapshot_is_deposited_like_its_particles_placed_by_hand()
    {
        var snap = Path.Combine(AppContext.BaseDirectory, "Fixtures", "gadget_hdf5", "snap_002");
        var output = Path.Combine(dir, "h5cubes.h5");
        SnapshotIngest.ToFieldSet([snap], output, 4, MassAssignment.NGP, FieldKind.Density);

        // Reference: the five positions of make_gadget_hdf5_fixtures.py in Mpc/h, deposited directly with NGP.
        var mesh = new DensityMesh(4, 1000.0, MassAssignment.NGP);
        mesh.Deposit([1, 2, 3, 999, 0.5f, 250, 500, 500, 500, 0, 0, 0, 123.456f, 654.321f, 999.999f], 656.6f);
        var expected = mesh.ToDensity();
        using var fs = FieldSet.Open(output);
        Assert.Equal(1000.0, fs.Info.BoxSizeMpcH, 9);
        Assert.Equal(1.0, fs.Info.Redshift);
        Assert.Equal(0.3175, fs.Info.Cosmology.OmegaM);
        Assert.True(double.IsNaN(fs.Info.Cosmology.Sigma8)); // not in a Gadget header: recorded as unknown
        Assert.Equal(expected, fs.ReadField(0));
        Assert.Equal(1.0, fs.ReadField(0).Average(), 6); // 1+δ averages to 1 by construction
    }

    [Fact]
    public void Snapshots_of_different_boxes_are_refused_and_leave_no_output()
    {
        var binary = GadgetFixtures.File("multi/snap_002");
        var hdf5 = Path.Combine(AppContext.BaseDirectory, "Fixtures", "gadget_hdf5", "snap_002");
        var output = Path.Combine(dir, "mixed.h5");
        var e = Assert.ThrowsAny<Exception>(() => SnapshotIngest.ToFieldSet([binary, hdf5], output, 4, MassAssignment.CIC));
        Assert.Contains("gadget_hdf5", e.Message);
        Assert.Empty(Directory.GetFiles(dir));
    }
}
