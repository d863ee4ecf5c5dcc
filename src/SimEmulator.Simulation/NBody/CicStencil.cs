using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Simulation.NBody;

/// <summary>
/// The eight cloud-in-cell cells and weights of each particle on a periodic N³ mesh, computed once and shared by a paint
/// and any number of readouts (the PM force paints δ and reads three force components through the same stencil).
/// Pylians' MAS_library convention: node i at x = i·Δ; g = x/Δ, i = floor(g), u = g − i, weights (1 − u, u) to cells
/// i, i + 1, all indices taken mod N so any real position is wrapped periodically.
/// </summary>
/// <remarks>
/// <para>Tensor-only (floor, remainder, broadcasting), so it runs on the particles' device. <see cref="Index"/> is int64
/// [8·Np] into the flattened C-order mesh, particle-major (particle p owns entries 8p … 8p + 7).</para>
/// <para><see cref="Update"/> refills the same buffers in place: the PM solver keeps one stencil for the whole run, which
/// on the CPU saves the page faults of allocating ~0.5 GB of fresh index and weight memory per force evaluation at
/// 128³ particles.</para>
/// </remarks>
public sealed class CicStencil : IDisposable
{
    private readonly double _boxSize;
    private readonly Tensor _scratch;    // float64 [Np, 2, 2, 2]: flat indices before the int64 conversion (exact below 2⁵³)
    private readonly Tensor _strides;    // float64 [3] = (N², N, 1)

    /// <summary>Flat mesh indices (i·N + j)·N + k, int64, shape [8·Np].</summary>
    public Tensor Index { get; }

    /// <summary>CIC weights, shape [8·Np]; each particle's eight sum to 1.</summary>
    public Tensor Weight { get; }

    /// <summary>Cells per side of the mesh the stencil addresses.</summary>
    public int GridSize { get; }

    /// <summary>Number of particles.</summary>
    public long Count { get; }

    /// <param name="positions">[Np, 3] comoving positions in Mpc/h (float32 or float64; any real value).</param>
    /// <param name="gridSize">N, cells per side.</param>
    /// <param name="boxSizeMpcH">L, the periodic box side in Mpc/h.</param>
    /// <param name="weightDtype">dtype of <see cref="Weight"/> (the mesh's); the positions' dtype when null.</param>
    public CicStencil(Tensor positions, int gridSize, double boxSizeMpcH, ScalarType? weightDtype = null)
    {
        CheckPositions(positions);
        if (gridSize < 1) throw new ArgumentOutOfRangeException(nameof(gridSize), gridSize, "'gridSize' must be at least 1 cell per side");
        if (!(boxSizeMpcH > 0) || double.IsInfinity(boxSizeMpcH))
            throw new ArgumentOutOfRangeException(nameof(boxSizeMpcH), boxSizeMpcH, "'boxSizeMpcH' must be a positive, finite length in Mpc/h");
        var wt = weightDtype ?? positions.dtype;
        if (!wt.IsFloatingPoint())
            throw new ArgumentException($"'weightDtype' is {wt.TorchName()}; expected a floating-point dtype", nameof(weightDtype));
        GridSize = gridSize;
        Count = positions.shape[0];
        _boxSize = boxSizeMpcH;
        var device = positions.device;
        // Owned by the stencil (disposed with it), so taken out of every dispose scope.
        Index = empty([8 * Count], int64, device).DetachFromDisposeScope();
        Weight = empty([8 * Count], wt, device).DetachFromDisposeScope();
        _scratch = empty([Count, 2, 2, 2], float64, device).DetachFromDisposeScope();
        double n = gridSize;
        using (var strides = tensor(new[] { n * n, n, 1.0 }))
            _strides = strides.to(device).DetachFromDisposeScope();
        Update(positions);
    }

    /// <summary>Recomputes cells and weights for new positions of the same particles (same count and device), in place.</summary>
    public void Update(Tensor positions)
    {
        CheckPositions(positions);
        if (positions.shape[0] != Count)
            throw new ArgumentException($"positions hold {positions.shape[0]} particles; this stencil was built for {Count}", nameof(positions));

        using var scope = NewDisposeScope();
        double n = GridSize;
        var g = positions * (n / _boxSize);                 // positions' dtype, as DensityMesh's float32 arithmetic for float32 input
        var cell = g.floor();
        var u = g.sub_(cell);                               // in [0, 1)
        if (u.dtype != Weight.dtype) u = u.to(Weight.dtype);
        // Cell numbers in float64 (exact integers): remainder is Python's, non-negative for any sign, so any x wraps.
        var c0 = cell.to(float64).remainder(n);
        var c1 = c0 + 1.0;
        c1.masked_fill_(c1.ge(n), 0.0);
        c0.mul_(_strides);                                  // contributions i·N², j·N, k to the flat index
        c1.mul_(_strides);

        // Corner (a, b, c) of particle p: index = X_a + Y_b + Z_c, weight = wx_a·wy_b·wz_c, built by broadcasting in place.
        var x2 = stack([c0.select(1, 0), c1.select(1, 0)], 1);
        var y2 = stack([c0.select(1, 1), c1.select(1, 1)], 1);
        var z2 = stack([c0.select(1, 2), c1.select(1, 2)], 1);
        _scratch.copy_(x2.view(-1, 2, 1, 1));
        _scratch.add_(y2.view(-1, 1, 2, 1));
        _scratch.add_(z2.view(-1, 1, 1, 2));
        Index.view(-1, 2, 2, 2).copy_(_scratch);

        var ux = u.select(1, 0);
        var uy = u.select(1, 1);
        var uz = u.select(1, 2);
        var wx = stack([1.0 - ux, ux], 1);
        var wy = stack([1.0 - uy, uy], 1);
        var wz = stack([1.0 - uz, uz], 1);
        var w = Weight.view(-1, 2, 2, 2);
        w.copy_(wx.view(-1, 2, 1, 1));
        w.mul_(wy.view(-1, 1, 2, 1));
        w.mul_(wz.view(-1, 1, 1, 2));
    }

    /// <summary>Adds each particle's mass (1, or <paramref name="mass"/> [Np]) onto <paramref name="flatMesh"/> [N³] in place.</summary>
    public void PaintInto(Tensor flatMesh, Tensor? mass = null)
    {
        using var scope = NewDisposeScope();
        var w = Weight.dtype == flatMesh.dtype ? Weight : Weight.to(flatMesh.dtype);
        if (mass is not null)
        {
            if (mass.ndim != 1 || mass.shape[0] != Count)
                throw new ArgumentException($"'mass' has shape [{string.Join(", ", mass.shape)}]; expected [{Count}], one weight per particle", nameof(mass));
            using var m = mass.to(flatMesh.dtype);
            w = (w.view(-1, 8) * m.view(-1, 1)).view(-1);
        }
        flatMesh.index_add_(0, Index, w);
    }

    /// <summary>Interpolates the mesh <paramref name="flatMesh"/> [N³] at the particles; returns [Np] in the weights' dtype.</summary>
    public Tensor Readout(Tensor flatMesh)
    {
        if (flatMesh.ndim != 1)
            throw new ArgumentException($"'flatMesh' has shape [{string.Join(", ", flatMesh.shape)}]; expected a flattened mesh [N³]", nameof(flatMesh));
        using var scope = NewDisposeScope();
        var values = flatMesh.index_select(0, Index);       // [8·Np]
        if (values.dtype != Weight.dtype) values = values.to(Weight.dtype);
        values.mul_(Weight);
        return values.view(-1, 8).sum(1L).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        Index.Dispose();
        Weight.Dispose();
        _scratch.Dispose();
        _strides.Dispose();
    }

    internal static void CheckPositions(Tensor positions)
    {
        if (positions.ndim != 2 || positions.shape[1] != 3)
            throw new ArgumentException($"positions have shape [{string.Join(", ", positions.shape)}]; expected [Np, 3] (x, y, z in Mpc/h)", nameof(positions));
        if (!positions.is_floating_point())
            throw new ArgumentException($"positions have dtype {positions.dtype.TorchName()}; expected float32 or float64 (Mpc/h)", nameof(positions));
    }
}
