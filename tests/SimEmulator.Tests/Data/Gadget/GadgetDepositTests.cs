using System.Buffers.Binary;
using System.Text.Json;
using SimEmulator.Data.Gadget;
using SimEmulator.Data.Mesh;

namespace SimEmulator.Tests.Data.Gadget;

/// <summary>
/// GadgetSnapshot.DepositDensity on the 2-file fixture (557 particles of types 1, 2, 4 in a 50 Mpc/h box) against the
/// brute-force float64 deposits make_gadget_fixtures.py wrote with numpy (multi_{ngp,cic,tsc}_n8.f64, mass-weighted).
/// </summary>
public sealed class GadgetDepositTests
{
    private static string Snapshot => GadgetFixtures.File("multi/snap_002");

    private static double[] Reference(MassAssignment mas)
    {
        var bytes = File.ReadAllBytes(GadgetFixtures.File($"multi_{mas.ToName().ToLowerInvariant()}_n8.f64"));
        var values = new double[bytes.Length / 8];
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(8 * i));
        return values;
    }

    [Theory]
    [InlineData(MassAssignment.NGP)]
    [InlineData(MassAssignment.CIC)]
    [InlineData(MassAssignment.TSC)]
    public void Streaming_deposit_matches_the_numpy_brute_force_deposit(MassAssignment mas)
    {
        var result = GadgetSnapshot.DepositDensity(Snapshot, 8, mas, chunkSize: 50);

        var reference = Reference(mas);
        var max = reference.Max();
        Assert.Equal(512, reference.Length);
        // float32 grid coordinates and float32 accumulation vs float64 throughout: ~1e-7 relative per weight.
        for (var i = 0; i < reference.Length; i++)
            Assert.True(Math.Abs(result.Mesh.Data[i] - reference[i]) <= 1e-5 * max,
                $"cell {i}: {result.Mesh.Data[i]} vs numpy {reference[i]} ({mas})");
    }

    [Fact]
    public void The_result_carries_box_grid_scheme_counts_and_redshift()
    {
        var e = GadgetFixtures.Expected("multi");

        var result = GadgetSnapshot.DepositDensity(Snapshot, 8, MassAssignment.CIC);

        Assert.Equal(50.0, result.BoxSizeMpcH, 12); // 50000 kpc/h
        Assert.Equal(8, result.GridSize);
        Assert.Equal(MassAssignment.CIC, result.Assignment);
        Assert.Equal(557, result.ParticleCount);
        Assert.Equal(1.0, result.Redshift);
        Assert.Equal(0.5, result.ScaleFactor);
        Assert.Equal([1, 2, 4], result.ParticleTypes);
        Assert.True(result.WeightedByMass);
        Assert.Equal(Snapshot, result.Source);
        // masses in float32 (0.6f, 0.05f, MASS block) vs the writer's float64 sum
        Assert.Equal(e.GetProperty("total_mass").GetDouble(), result.Mesh.TotalWeight, 1e-6 * result.Mesh.TotalWeight);
        Assert.Equal(result.Mesh.TotalWeight, result.Mesh.Sum(), 1e-6 * result.Mesh.TotalWeight);
    }

    [Fact]
    public void Attributes_serialize_to_json_with_nbodykit_names()
    {
        var result = GadgetSnapshot.DepositDensity(Snapshot, 8, MassAssignment.TSC);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(result.Attributes()));
        var a = json.RootElement;

        Assert.Equal(50.0, a.GetProperty("BoxSize").GetDouble(), 12);
        Assert.Equal(8, a.GetProperty("Nmesh").GetInt32());
        Assert.Equal("TSC", a.GetProperty("MAS").GetString());
        Assert.Equal(557, a.GetProperty("N").GetInt64());
        Assert.Equal(1.0, a.GetProperty("Redshift").GetDouble());
        Assert.Equal(0.3175, a.GetProperty("Omega0").GetDouble());
        Assert.Equal([1, 2, 4], a.GetProperty("ParticleTypes").EnumerateArray().Select(v => v.GetInt32()));
    }

    [Fact]
    public void Unweighted_deposit_counts_particles()
    {
        var result = GadgetSnapshot.DepositDensity(Snapshot, 8, MassAssignment.CIC, weightByMass: false);

        Assert.False(result.WeightedByMass);
        Assert.Equal(557.0, result.Mesh.Sum(), 1e-6 * 557); // 324 + 233 particles written
        Assert.Equal(557.0, result.Mesh.TotalWeight);
    }

    [Fact]
    public void A_subset_of_types_deposits_only_those()
    {
        var result = GadgetSnapshot.DepositDensity(Snapshot, 8, MassAssignment.NGP, types: [4]);

        Assert.Equal(5, result.ParticleCount); // type 4: 0 + 5 particles
        var masses = GadgetFixtures.Floats(GadgetFixtures.Expected("multi").GetProperty("files")[1]
            .GetProperty("types").GetProperty("4").GetProperty("mass"));
        Assert.Equal(masses.Sum(m => (double)m), result.Mesh.Sum(), 1e-6);
    }

    [Fact]
    public void The_chunk_size_does_not_change_a_single_bit()
    {
        var one = GadgetSnapshot.DepositDensity(Snapshot, 8, MassAssignment.CIC, chunkSize: 1 << 20).Mesh.Data;
        var many = GadgetSnapshot.DepositDensity(Snapshot, 8, MassAssignment.CIC, chunkSize: 1).Mesh.Data;

        Assert.Equal(one, many);
    }
}
