using SimEmulator.Data.Mesh;

namespace SimEmulator.Tests.Data.Mesh;

/// <summary>
/// Single particles whose weights are worked out by hand from Pylians' MAS_library formulas (grid node i at x = i·Δ):
/// NGP → cell round(x/Δ); CIC → (1 − u, u) to cells (i, i+1) with i = floor(x/Δ), u = x/Δ − i; TSC → with i = round(x/Δ),
/// d = x/Δ − i: 0.75 − d² to i, ½(½ + d)² to i+1, ½(½ − d)² to i−1; all indices mod N. Every position and weight is a
/// short binary fraction, so the float32 results are exact.
/// </summary>
public sealed class MassAssignmentWeightTests
{
    private static float[] Outer(double[] wx, double[] wy, double[] wz, double w = 1)
    {
        var n = wx.Length;
        var m = new float[n * n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++)
                    m[(i * n + j) * n + k] = (float)(wx[i] * wy[j] * wz[k] * w);
        return m;
    }

    [Fact]
    public void NGP_puts_all_weight_in_the_nearest_cell_rounding_half_up_and_wrapping()
    {
        // N = 4, L = 4 (Δ = 1): x = 0.25 → 0; y = 1.5 → 2 (half up, as Pylians' (int)(x/Δ + 0.5)); z = 3.75 → 4 ≡ 0.
        var mesh = new DensityMesh(4, 4.0, MassAssignment.NGP);

        mesh.Deposit([0.25f, 1.5f, 3.75f], [2f]);

        var expected = new float[64];
        expected[(0 * 4 + 2) * 4 + 0] = 2f;
        Assert.Equal(expected, mesh.Data);
    }

    [Fact]
    public void CIC_splits_linearly_between_the_two_bracketing_nodes_and_wraps_at_the_box_edge()
    {
        // N = 4, L = 4: x = 1.25 → cells 1, 2 with 0.75, 0.25; y = 2.5 → 2, 3 with 0.5, 0.5;
        // z = 3.75 → 3 and 4 ≡ 0 with 0.25, 0.75. Weight 2.
        var mesh = new DensityMesh(4, 4.0, MassAssignment.CIC);

        mesh.Deposit([1.25f, 2.5f, 3.75f], [2f]);

        Assert.Equal(Outer([0, 0.75, 0.25, 0], [0, 0, 0.5, 0.5], [0.75, 0, 0, 0.25], 2), mesh.Data);
        Assert.Equal(0.5625f, mesh[1, 2, 0]); // 0.75 · 0.5 · 0.75 · 2
        Assert.Equal(0.0625f, mesh[2, 3, 3]); // 0.25 · 0.5 · 0.25 · 2
    }

    [Fact]
    public void TSC_spreads_quadratically_over_three_cells_per_axis_and_wraps_both_ways()
    {
        // N = 4, L = 4. x = 0.25: i = 0, d = 0.25 → cell 0: 0.6875, cell 1: ½·0.75² = 0.28125, cell −1 ≡ 3: ½·0.25² = 0.03125.
        // y = 1: i = 1, d = 0 → 0.125, 0.75, 0.125 on cells 0, 1, 2.
        // z = 3.625: i = 4 ≡ 0, d = −0.375 → cell 0: 0.609375, cell 1: ½·0.125² = 0.0078125, cell 3: ½·0.875² = 0.3828125.
        var mesh = new DensityMesh(4, 4.0, MassAssignment.TSC);

        mesh.Deposit([0.25f, 1f, 3.625f]);

        Assert.Equal(Outer([0.6875, 0.28125, 0, 0.03125], [0.125, 0.75, 0.125, 0], [0.609375, 0.0078125, 0, 0.3828125]), mesh.Data);
    }

    [Fact]
    public void Positions_scale_by_the_cell_size_in_Mpc_per_h()
    {
        // L = 512 Mpc/h, N = 8: Δ = 64 Mpc/h. x = 96 → 1.5 cells (0.5, 0.5 on 1, 2); y = 0 → cell 0; z = 500 → 7.8125
        // (0.1875 on 7, 0.8125 on 8 ≡ 0).
        var mesh = new DensityMesh(8, 512.0, MassAssignment.CIC);

        mesh.Deposit([96f, 0f, 500f]);

        Assert.Equal(64.0, mesh.CellSize);
        Assert.Equal(0.5f * 0.8125f, mesh[1, 0, 0]);
        Assert.Equal(0.5f * 0.1875f, mesh[2, 0, 7]);
        Assert.Equal(1.0, mesh.Sum());
    }

    [Theory]
    [InlineData(MassAssignment.NGP)]
    [InlineData(MassAssignment.CIC)]
    [InlineData(MassAssignment.TSC)]
    public void Coordinates_outside_the_box_wrap_periodically(MassAssignment mas)
    {
        // −0.25 ≡ 3.75, 4 ≡ 0, 8.5 ≡ 0.5, −4 ≡ 0 in a box of 4: same bytes as the wrapped positions.
        var outside = new DensityMesh(4, 4.0, mas);
        var inside = new DensityMesh(4, 4.0, mas);

        outside.Deposit([-0.25f, 4f, 8.5f, 1.25f, -4f, 3.999f]);
        inside.Deposit([3.75f, 0f, 0.5f, 1.25f, 0f, 3.999f]);

        Assert.Equal(inside.Data, outside.Data);
        Assert.Equal(2.0, outside.Sum(), 6);
    }

    [Fact]
    public void Constant_weight_and_per_particle_weights_give_the_same_bytes()
    {
        var a = new DensityMesh(4, 4.0, MassAssignment.TSC);
        var b = new DensityMesh(4, 4.0, MassAssignment.TSC);
        float[] xyz = [0.3f, 1.7f, 2.2f, 3.9f, 0.1f, 1.1f];

        a.Deposit(xyz, 0.75f);
        b.Deposit(xyz, [0.75f, 0.75f]);

        Assert.Equal(a.Data, b.Data);
        Assert.Equal(1.5, a.TotalWeight);
        Assert.Equal(1.5, b.TotalWeight);
    }
}
