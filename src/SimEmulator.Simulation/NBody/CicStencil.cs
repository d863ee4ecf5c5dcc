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
/// Tensor-only (floor, remainder, broadcasting), so it runs on the particles' device. Index is int64 [8·Np] into the
/// flattened C-order mesh, particle-major (particle p owns entries 8p … 8p + 7); Weight has the positions' dtype.
/// </remarks>
public sealed class CicStencil : IDisposable
{
    /// <summary>Flat mesh indices (i·N + j)·N + k, int64, shape [8·Np].</summary>
    public Tensor Index { get; }

    /// <summary>CIC weights in the positions' dtype, shape [8·Np]; each particle's eight sum to 1.</summary>
    public Tensor Weight { get; }

    /// <summary>Cells per side of the mesh the stencil addresses.</summary>
    public int GridSize { get; }

    /// <summary>Number of particles.</summary>
    public long Count { get; }

    /// <param name="positions">[Np, 3] comoving positions in Mpc/h (float32 or float64; any real value).</param>
    /// <param name="gridSize">N, cells per side.</param>
    /// <param name="boxSizeMpcH">L, the periodic box side in Mpc/h.</param>
    public CicStencil(Tensor positions, int gridSize, double boxSizeMpcH)
    {
        CheckPositions(positions);
        if (gridSize < 1) throw new ArgumentOutOfRangeException(nameof(gridSize), gridSize, "'gridSize' must be at least 1 cell per side");
        if (!(boxSizeMpcH > 0) || double.IsInfinity(boxSizeMpcH))
            throw new ArgumentOutOfRangeException(nameof(boxSizeMpcH), boxSizeMpcH, "'boxSizeMpcH' must be a positive, finite length in Mpc/h");
        GridSize = gridSize;
        Count = positions.shape[0];

        using var scope = NewDisposeScope();
        long n = gridSize;
        var g = positions * (gridSize / boxSizeMpcH);
        var cell = g.floor();
        var u = g - cell;                                   // [Np, 3] in [0, 1)
        // Cell indices are built in float64, where integers below 2⁵³ are exact (N³ < 2⁵³ for any mesh that fits in
        // memory), and converted once: remainder is Python's (non-negative for any sign), so negative x wraps too.
        var i0 = cell.to(float64).remainder((double)n);
        var i1 = (i0 + 1.0).remainder((double)n);
        var lo = stackLast(i0, i1);                         // [Np, 3, 2] cell per corner bit
        var w = stackLast(1.0 - u, u);                      // [Np, 3, 2] weight per corner bit

        var ix = lo.select(1, 0) * (double)(n * n);         // [Np, 2]
        var iy = lo.select(1, 1) * (double)n;
        var iz = lo.select(1, 2);
        var index = ix.view(-1, 2, 1, 1) + iy.view(-1, 1, 2, 1) + iz.view(-1, 1, 1, 2);   // [Np, 2, 2, 2]
        var weight = w.select(1, 0).view(-1, 2, 1, 1) * w.select(1, 1).view(-1, 1, 2, 1) * w.select(1, 2).view(-1, 1, 1, 2);
        // Owned by the stencil (disposed with it), so taken out of every scope.
        Index = index.reshape(-1).to(int64).DetachFromDisposeScope();
        Weight = weight.reshape(-1).DetachFromDisposeScope();

        static Tensor stackLast(Tensor a, Tensor b) => stack([a, b], -1);
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

    /// <summary>
    /// Interpolates mesh values at the particles: <paramref name="flatMeshes"/> is [N³] or [C, N³] (C channels, e.g. three
    /// force components); returns [Np] or [Np, C] in the weights' dtype.
    /// </summary>
    public Tensor Readout(Tensor flatMeshes)
    {
        using var scope = NewDisposeScope();
        var single = flatMeshes.ndim == 1;
        var m = single ? flatMeshes.view(1, -1) : flatMeshes;
        var channels = m.shape[0];
        var values = m.index_select(1, Index);              // [C, 8·Np]
        if (values.dtype != Weight.dtype) values = values.to(Weight.dtype);
        var result = (values.view(channels, -1, 8) * Weight.view(1, -1, 8)).sum(2L);    // [C, Np]
        result = single ? result.view(-1) : result.t().contiguous();
        return result.MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        Index.Dispose();
        Weight.Dispose();
    }

    internal static void CheckPositions(Tensor positions)
    {
        if (positions.ndim != 2 || positions.shape[1] != 3)
            throw new ArgumentException($"positions have shape [{string.Join(", ", positions.shape)}]; expected [Np, 3] (x, y, z in Mpc/h)", nameof(positions));
        if (!positions.is_floating_point())
            throw new ArgumentException($"positions have dtype {positions.dtype.TorchName()}; expected float32 or float64 (Mpc/h)", nameof(positions));
    }
}
