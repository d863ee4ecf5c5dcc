using SimEmulator.Data.Mesh;
using SimEmulator.Simulation.NBody;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Simulation.NBody;

public sealed class CloudInCellTests
{
    // L/N = 2 Mpc/h: x/Δ = x·0.5 is exact in float32 and float64, so DensityMesh (float32 arithmetic) and the tensor
    // paint (float64 arithmetic) see the same cells and fractions; what is left is float32 rounding of the weight
    // products and of the accumulation, a few 1e-8 relative per term.
    private const int Grid = 32;
    private const double Box = 64.0;

    private static float[] Positions()
    {
        var rng = new Random(20240611);
        var list = new List<float>();
        for (var i = 0; i < 20000; i++)
            for (var d = 0; d < 3; d++) list.Add((float)(rng.NextDouble() * Box));
        // Edges: the origin, nodes, the last float below L, L itself and negatives (both wrap), exact half-cells.
        float below = MathF.BitDecrement((float)Box);
        float[][] edges =
        [
            [0f, 0f, 0f], [below, below, below], [(float)Box, 0f, below], [-0.25f, -2f, -63.5f],
            [2f, 4f, 62f], [1f, 3f, 63f], [31.999998f, 32f, 32.000004f], [below, 0f, 1e-7f],
        ];
        foreach (var e in edges) list.AddRange(e);
        return list.ToArray();
    }

    [Theory]
    [InlineData(ScalarType.Float64)]
    [InlineData(ScalarType.Float32)]
    public void Tensor_paint_equals_DensityMesh_CIC_to_float_precision(ScalarType meshDtype)
    {
        var xyz = Positions();
        var reference = new DensityMesh(Grid, Box, MassAssignment.CIC);
        reference.Deposit(xyz);
        var expected = reference.Data;

        using var scope = NewDisposeScope();
        var pos = tensor(xyz, [xyz.Length / 3, 3]).to(float64);
        var mesh = CloudInCell.Paint(pos, Grid, Box, dtype: meshDtype);
        Assert.Equal(new long[] { Grid, Grid, Grid }, mesh.shape);
        var actual = mesh.to(float64).data<double>();

        var worst = 0.0;
        for (var i = 0; i < expected.Length; i++)
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]) / Math.Max(1.0, Math.Abs(expected[i])));
        // Cells hold ≲ 10 particles; float32 products and sums round at 6e-8 relative per term.
        Assert.True(worst < 1e-6, $"largest relative cell difference {worst:E2}");
        // Mass is conserved exactly up to the accumulation's rounding: every particle's eight weights sum to 1.
        Assert.Equal(xyz.Length / 3, mesh.sum(float64).item<double>(), 1e-6 * xyz.Length / 3);
    }

    [Fact]
    public void Readout_is_the_adjoint_of_paint()
    {
        // Σ_cells m·paint(x) = Σ_particles readout(m)(x): both are Σ_p Σ_corners w_pc·m_c (identity, float64 round-off).
        using var scope = NewDisposeScope();
        using var gen = new Generator(7);
        var pos = rand([5000, 3], float64, generator: gen) * Box;
        var m = randn([Grid, Grid, Grid], float64, generator: gen);
        var painted = CloudInCell.Paint(pos, Grid, Box);
        var lhs = (painted * m).sum().item<double>();
        var rhs = CloudInCell.Readout(m, pos, Box).sum().item<double>();
        Assert.Equal(lhs, rhs, 1e-9 * Math.Abs(lhs) + 1e-9);
    }

    [Fact]
    public void Readout_interpolates_a_linear_field_exactly_within_a_cell_and_returns_node_values_at_nodes()
    {
        using var scope = NewDisposeScope();
        // m(i,j,k) = i + 2j + 3k: trilinear interpolation reproduces x/Δ + 2y/Δ + 3z/Δ away from the periodic seam.
        var values = new double[Grid * Grid * Grid];
        for (var i = 0; i < Grid; i++)
            for (var j = 0; j < Grid; j++)
                for (var k = 0; k < Grid; k++) values[(i * Grid + j) * Grid + k] = i + 2 * j + 3 * k;
        var m = tensor(values, [Grid, Grid, Grid]);
        double[] pts = [10.0, 20.0, 30.0, 11.3, 7.9, 40.25, 0.0, 0.0, 0.0];
        var pos = tensor(pts, [3, 3]);
        var r = CloudInCell.Readout(m, pos, Box).data<double>();
        for (var p = 0; p < 3; p++)
        {
            var expected = pts[3 * p] / 2 + 2 * pts[3 * p + 1] / 2 + 3 * pts[3 * p + 2] / 2;
            Assert.Equal(expected, r[p], 12);
        }
    }

    [Fact]
    public void Overdensity_of_a_lattice_on_its_own_grid_is_zero_and_of_any_particles_has_zero_mean()
    {
        using var scope = NewDisposeScope();
        var lattice = NBodyTestIcs.Lattice(16, 100.0);
        var delta = CloudInCell.Overdensity(lattice, 16, 100.0);
        Assert.Equal(ScalarType.Float32, delta.dtype);
        // One particle on each node (x/Δ = i·6.25/6.25 is exact): δ = 0 everywhere.
        Assert.True(delta.abs().max().item<double>() < 1e-6);

        using var gen = new Generator(3);
        var random = rand([4096, 3], float64, generator: gen) * 100.0;
        var d2 = CloudInCell.Overdensity(random, 8, 100.0);
        // ρ̄ = Np/N³ exactly (CIC conserves mass), so mean δ = 0 to float32 rounding.
        Assert.True(Math.Abs(d2.mean().item<double>()) < 1e-6);
    }
}
