using SimEmulator.Data.Mesh;

namespace SimEmulator.Tests.Data.Mesh;

/// <summary>Properties of the streaming deposit that hold for any particle set: conservation, lattice, chunking, threads.</summary>
public sealed class DensityMeshTests
{
    private static (float[] Xyz, float[] W) Random(int count, double box, int seed, double lo = 0, double hi = 1)
    {
        var rng = new Random(seed);
        var xyz = new float[3 * count];
        for (var i = 0; i < xyz.Length; i++) xyz[i] = (float)((lo + (hi - lo) * rng.NextDouble()) * box);
        var w = new float[count];
        for (var i = 0; i < count; i++) w[i] = (float)(0.5 + rng.NextDouble());
        return (xyz, w);
    }

    [Theory]
    [InlineData(MassAssignment.NGP)]
    [InlineData(MassAssignment.CIC)]
    [InlineData(MassAssignment.TSC)]
    public void Total_mass_is_conserved_to_float_precision(MassAssignment mas)
    {
        // 200k particles, a third of them outside [0, L) on either side, weights in [0.5, 1.5).
        var (xyz, w) = Random(200_000, 100.0, 1, -0.3, 1.3);
        var mesh = new DensityMesh(32, 100.0, mas);

        mesh.Deposit(xyz, w);

        var expected = w.Sum(v => (double)v);
        Assert.Equal(expected, mesh.TotalWeight, 1e-9 * expected);
        Assert.True(Math.Abs(mesh.Sum() - expected) <= 1e-6 * expected, $"mesh sum {mesh.Sum()} vs weights {expected}");
        Assert.Equal(200_000, mesh.ParticleCount);
    }

    [Theory]
    [InlineData(MassAssignment.NGP)]
    [InlineData(MassAssignment.CIC)]
    [InlineData(MassAssignment.TSC)]
    public void A_particle_on_every_grid_node_gives_zero_overdensity_exactly(MassAssignment mas)
    {
        // N = 64, L = 256 (Δ = 4, exact in binary): CIC puts weight 1 on its own node, TSC 0.75 + 2·0.125 per axis,
        // so every cell receives exactly 1 and δ = 1/1 − 1 = 0 with no rounding. 262144 particles take the parallel path.
        const int n = 64;
        var xyz = new float[3 * n * n * n];
        var p = 0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++)
                {
                    xyz[p++] = 4f * i;
                    xyz[p++] = 4f * j;
                    xyz[p++] = 4f * k;
                }
        var mesh = new DensityMesh(n, 256.0, mas);

        mesh.Deposit(xyz);

        Assert.All(mesh.Data, v => Assert.Equal(1f, v));
        Assert.All(mesh.ToOverdensity(), d => Assert.Equal(0f, d));
        Assert.All(mesh.ToDensity(), d => Assert.Equal(1f, d));
    }

    [Theory]
    [InlineData(MassAssignment.NGP)]
    [InlineData(MassAssignment.CIC)]
    [InlineData(MassAssignment.TSC)]
    public void Fast_kernels_agree_with_a_float64_brute_force_deposit(MassAssignment mas)
    {
        // 100k particles (parallel, slab-sorted path) including positions outside the box; reference in float64.
        var (xyz, w) = Random(100_000, 50.0, 2, -0.2, 1.2);
        var mesh = new DensityMesh(16, 50.0, mas);

        mesh.Deposit(xyz, w);

        var reference = BruteForceDeposit.Run(16, 50.0, mas, xyz, w);
        var max = reference.Max();
        var worst = 0.0;
        for (var i = 0; i < reference.Length; i++) worst = Math.Max(worst, Math.Abs(mesh.Data[i] - reference[i]));
        // float32 coordinates (x/Δ to ~1e-6 cells) and float32 sums of ~25 weights per cell: relative error ~1e-6.
        Assert.True(worst <= 1e-5 * max, $"max |fast − brute force| = {worst}, max cell {max}");
    }

    [Theory]
    [InlineData(MassAssignment.NGP)]
    [InlineData(MassAssignment.CIC)]
    [InlineData(MassAssignment.TSC)]
    public void Depositing_in_seven_chunks_gives_the_same_bytes_as_one_deposit(MassAssignment mas)
    {
        // Particles are staged and deposited in a fixed order that depends on the particle sequence only.
        var (xyz, w) = Random(300_000, 1000.0, 3);
        var whole = new DensityMesh(32, 1000.0, mas);
        var chunked = new DensityMesh(32, 1000.0, mas);

        whole.Deposit(xyz, w);
        int[] cuts = [0, 1, 5000, 70_000, 70_001, 150_000, 290_000, 300_000]; // 7 unequal chunks
        for (var c = 0; c + 1 < cuts.Length; c++)
            chunked.Deposit(xyz.AsSpan(3 * cuts[c], 3 * (cuts[c + 1] - cuts[c])), w.AsSpan(cuts[c], cuts[c + 1] - cuts[c]));

        Assert.Equal(whole.Data, chunked.Data);
        Assert.Equal(whole.ParticleCount, chunked.ParticleCount);
    }

    [Fact]
    public void More_particles_than_one_staging_round_still_give_identical_bytes_for_any_chunking()
    {
        // N = 32 stages 2^20 particles per round: 2.5 rounds, chunked so that calls straddle the round boundaries.
        var (xyz, w) = Random(2_500_000, 10.0, 7);
        var whole = new DensityMesh(32, 10.0, MassAssignment.CIC);
        var chunked = new DensityMesh(32, 10.0, MassAssignment.CIC) { MaxDegreeOfParallelism = 1 };

        whole.Deposit(xyz, w);
        for (var start = 0; start < 2_500_000; start += 333_333)
        {
            var count = Math.Min(333_333, 2_500_000 - start);
            chunked.Deposit(xyz.AsSpan(3 * start, 3 * count), w.AsSpan(start, count));
        }

        Assert.Equal(whole.Data, chunked.Data);
        // ~76 particles per cell: float32 cell sums are good to ~1e-9 here (1e-6 at ~5000 per cell, see DensityMesh).
        var expected = w.Sum(v => (double)v);
        Assert.True(Math.Abs(whole.Sum() - expected) <= 1e-6 * expected);
    }

    [Fact]
    public void Reading_the_mesh_between_deposits_sees_every_particle_so_far()
    {
        var mesh = new DensityMesh(4, 4.0, MassAssignment.NGP);

        mesh.Deposit([0.1f, 0.1f, 0.1f]);
        Assert.Equal(1f, mesh[0, 0, 0]);
        mesh.Deposit([0.2f, 0.2f, 0.2f], 2f);
        Assert.Equal(3f, mesh.Data[0]);
        Assert.Equal(3.0, mesh.Sum());
    }

    [Theory]
    [InlineData(MassAssignment.NGP)]
    [InlineData(MassAssignment.CIC)]
    [InlineData(MassAssignment.TSC)]
    public void The_thread_count_does_not_change_a_single_bit(MassAssignment mas)
    {
        // Slabs depend on N only and each slab keeps its particles in input order, so additions into a cell are ordered.
        var (xyz, w) = Random(250_000, 1000.0, 4);
        var serial = new DensityMesh(40, 1000.0, mas) { MaxDegreeOfParallelism = 1 };
        var parallel = new DensityMesh(40, 1000.0, mas) { MaxDegreeOfParallelism = 4 };

        serial.Deposit(xyz, w);
        parallel.Deposit(xyz, w);

        Assert.Equal(serial.Data, parallel.Data);
    }

    [Fact]
    public void Overdensity_has_zero_mean_and_density_is_one_plus_overdensity()
    {
        var (xyz, _) = Random(50_000, 10.0, 5);
        var mesh = new DensityMesh(16, 10.0, MassAssignment.CIC);
        mesh.Deposit(xyz);

        var delta = mesh.ToOverdensity();
        var density = mesh.ToDensity();

        Assert.Equal(0.0, delta.Average(v => (double)v), 1e-6);
        Assert.Equal(1.0, density.Average(v => (double)v), 1e-6);
        for (var i = 0; i < delta.Length; i++) Assert.Equal(density[i] - 1.0, delta[i], 1e-6);
        var mean = 50_000.0 / 4096; // ρ̄ = particles per cell
        Assert.Equal(mesh.Data[7] / mean - 1, delta[7], 1e-6);

        mesh.ToOverdensity(mesh.Data); // in place
        Assert.Equal(delta, mesh.Data);
    }

    [Fact]
    public void Normalising_an_empty_mesh_fails_with_a_reason()
    {
        var mesh = new DensityMesh(4, 1.0, MassAssignment.CIC);

        var e = Assert.Throws<InvalidOperationException>(() => mesh.ToOverdensity());
        Assert.Contains("no particles deposited", e.Message);
    }

    [Fact]
    public void Clear_zeroes_the_mesh_and_counters()
    {
        var mesh = new DensityMesh(4, 1.0, MassAssignment.CIC);
        mesh.Deposit([0.1f, 0.2f, 0.3f]);

        mesh.Clear();

        Assert.All(mesh.Data, v => Assert.Equal(0f, v));
        Assert.Equal((0L, 0.0), (mesh.ParticleCount, mesh.TotalWeight));
    }

    [Fact]
    public void Bad_arguments_are_rejected_naming_the_argument()
    {
        var mesh = new DensityMesh(4, 1.0, MassAssignment.CIC);

        Assert.Equal("xyz", Assert.Throws<ArgumentException>(() => mesh.Deposit([1f, 2f, 3f, 4f])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => mesh.Deposit([1f, 2f, 3f], [1f, 2f])).ParamName);
        var nan = Assert.Throws<ArgumentException>(() => mesh.Deposit([0f, 0f, 0f, 0.5f, float.NaN, 0.5f]));
        Assert.StartsWith("particle 1 has a non-finite coordinate (NaN)", nan.Message);
        Assert.Equal("gridSize", Assert.Throws<ArgumentOutOfRangeException>(() => new DensityMesh(0, 1.0, MassAssignment.CIC)).ParamName);
        Assert.Equal("gridSize", Assert.Throws<ArgumentOutOfRangeException>(() => new DensityMesh(DensityMesh.MaxGridSize + 1, 1.0, MassAssignment.CIC)).ParamName);
        Assert.Equal("boxSize", Assert.Throws<ArgumentOutOfRangeException>(() => new DensityMesh(4, 0.0, MassAssignment.CIC)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => mesh.MaxDegreeOfParallelism = 0);
    }

    [Fact]
    public void A_non_finite_coordinate_deep_in_a_parallel_chunk_surfaces_as_an_argument_exception()
    {
        var (xyz, _) = Random(100_000, 1.0, 6);
        xyz[3 * 77_777 + 2] = float.PositiveInfinity;
        var mesh = new DensityMesh(8, 1.0, MassAssignment.TSC);

        var e = Assert.Throws<ArgumentException>(() => mesh.Deposit(xyz));
        Assert.StartsWith("particle 77777 has a non-finite coordinate", e.Message);
    }

    [Fact]
    public void Scheme_names_and_window_orders_follow_Pylians()
    {
        Assert.Equal([1, 2, 3], new[] { MassAssignment.NGP, MassAssignment.CIC, MassAssignment.TSC }.Select(m => m.WindowOrder()));
        Assert.Equal(MassAssignment.CIC, MassAssignmentExtensions.Parse(" cic "));
        Assert.Equal("TSC", MassAssignment.TSC.ToName());
        Assert.Throws<ArgumentException>(() => MassAssignmentExtensions.Parse("PCS"));
    }
}
