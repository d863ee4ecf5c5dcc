using System.Numerics;
using System.Runtime.InteropServices;

namespace SimEmulator.Data.Mesh;

/// <summary>
/// A periodic N³ float32 mesh (C order, x slowest) that particles are deposited onto chunk by chunk with NGP, CIC or
/// TSC — particles never need to be in memory all at once. Grid node i sits at x = i·L/N (Pylians' MAS_library
/// convention); positions anywhere on the real line are wrapped periodically, so x = L and x = −0.1 are fine.
/// </summary>
/// <remarks>
/// <para>Cells accumulate in float32, like Pylians' float32 meshes: each addition rounds to 6e-8 of the cell's value, so a
/// cell that sums k particles is good to ~1e-7·√k relative (measured: the total of 2.5·10⁶ particles at ~5000 per cell is
/// off by 1.2e-6, at 76 per cell by 5e-10). That is ample for simulation meshes (a few to 10⁴ particles per cell) and
/// keeps the mesh at 4 bytes per cell. <see cref="Sum"/> reduces in double; <see cref="TotalWeight"/> is the sum of the
/// input weights in double.</para>
/// <para>Deposits are staged: particles are converted to grid units, bucketed into x slabs of ~4 cells and deposited
/// when N³/2 of them (clamped to 2²⁰…2²³) have accumulated, or when the mesh is read. Slabs of one parity (even, then
/// odd) are deposited concurrently — they never share a cell — so there are no locks and no private copies of the mesh,
/// and a slab's cells (~4·N² floats, 1 MB at N = 256) stay in cache. Each slab keeps its particles in input order, so
/// the result is the same bytes for any <see cref="MaxDegreeOfParallelism"/> and for any way of cutting the particle
/// sequence into <c>Deposit</c> calls (as long as the mesh is not read in between). Staging costs about 16 bytes per
/// staged particle, so at most ~130 MB; <see cref="Flush"/> releases it.</para>
/// <para>Not thread-safe: one <see cref="Deposit(ReadOnlySpan{float}, ReadOnlySpan{float})"/> at a time.</para>
/// </remarks>
public sealed class DensityMesh
{
    /// <summary>Largest N whose N³ cells fit one .NET array (and whose flat index fits an int).</summary>
    public const int MaxGridSize = 1290;

    // Slabs of about this many x cells: 4·N² floats (1 MB at N = 256) of mesh per slab.
    private const int TargetSlabWidth = 4;

    private readonly float[] _data;
    private readonly SlabStaging _staging;
    private readonly int _stageCapacity;
    private int _maxDegreeOfParallelism = Environment.ProcessorCount;

    /// <param name="gridSize">N, cells per side (1 … <see cref="MaxGridSize"/>).</param>
    /// <param name="boxSize">L, the periodic box side in Mpc/h (positions passed to Deposit use the same unit).</param>
    /// <param name="assignment">Mass-assignment scheme.</param>
    public DensityMesh(int gridSize, double boxSize, MassAssignment assignment)
    {
        if (gridSize < 1 || gridSize > MaxGridSize)
            throw new ArgumentOutOfRangeException(nameof(gridSize), gridSize, $"'gridSize' must be in 1..{MaxGridSize} (N³ float32 cells in one array)");
        if (!(boxSize > 0) || double.IsInfinity(boxSize))
            throw new ArgumentOutOfRangeException(nameof(boxSize), boxSize, "'boxSize' must be a positive, finite length in Mpc/h");
        _ = assignment.WindowOrder(); // validates the enum value

        GridSize = gridSize;
        BoxSize = boxSize;
        Assignment = assignment;
        _data = new float[(long)gridSize * gridSize * gridSize];
        _staging = new SlabStaging(gridSize, boxSize, assignment, TargetSlabWidth);
        // Up to N³/2 particles (16 bytes each, 2× the mesh) wait between deposits, at least 2²⁰ and at most 2²³ (128 MB):
        // the more per deposit, the more often a slab's cells are still in cache.
        _stageCapacity = (int)Math.Clamp((long)gridSize * gridSize * gridSize / 2, 1 << 20, 1 << 23);
    }

    /// <summary>N, cells per side.</summary>
    public int GridSize { get; }

    /// <summary>L, the box side in Mpc/h.</summary>
    public double BoxSize { get; }

    /// <summary>The scheme every deposit uses.</summary>
    public MassAssignment Assignment { get; }

    /// <summary>Δ = L/N in Mpc/h.</summary>
    public double CellSize => BoxSize / GridSize;

    /// <summary>
    /// The accumulated mesh, N³ float32 in C order (index (i·N + j)·N + k for node (i, j, k) at (i, j, k)·Δ); the live
    /// array, not a copy. Reading it first deposits any staged particles (<see cref="Flush"/>).
    /// </summary>
    public float[] Data
    {
        get
        {
            Flush();
            return _data;
        }
    }

    /// <summary>Number of particles deposited so far.</summary>
    public long ParticleCount { get; private set; }

    /// <summary>Sum of the weights deposited so far (double; unit weights count 1 each).</summary>
    public double TotalWeight { get; private set; }

    /// <summary>Threads used by <c>Deposit</c> (default: all cores). The result does not depend on it.</summary>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        set => _maxDegreeOfParallelism = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "'MaxDegreeOfParallelism' must be at least 1");
    }

    /// <summary>Value of cell (i, j, k).</summary>
    public float this[int i, int j, int k] => Data[((long)i * GridSize + j) * GridSize + k];

    /// <summary>Deposits particles with unit weights, or with <paramref name="weights"/> (one per particle) when given.</summary>
    /// <param name="xyz">Positions in Mpc/h as x, y, z triples; any real value, wrapped periodically into [0, L).</param>
    /// <param name="weights">Empty for unit weights, else one weight (e.g. mass) per particle.</param>
    public void Deposit(ReadOnlySpan<float> xyz, ReadOnlySpan<float> weights = default)
    {
        var count = CheckPositions(xyz);
        if (!weights.IsEmpty && weights.Length != count)
            throw new ArgumentException($"'weights' holds {weights.Length} values for {count} particles; expected one weight per particle or none", nameof(weights));
        double total = 0;
        if (weights.IsEmpty) total = count;
        else foreach (var w in weights) total += w;
        DepositCore(xyz, weights, 1f);
        TotalWeight += total;
    }

    /// <summary>Deposits particles that all carry the same <paramref name="weight"/> (e.g. the mass of one particle species).</summary>
    public void Deposit(ReadOnlySpan<float> xyz, float weight)
    {
        var count = CheckPositions(xyz);
        DepositCore(xyz, default, weight);
        TotalWeight += (double)weight * count;
    }

    /// <summary>
    /// Deposits the particles still staged (see the remarks) and frees the staging memory. Every read of the mesh calls
    /// it; call it yourself only to release memory early.
    /// </summary>
    public void Flush()
    {
        if (_staging.Count > 0 || _staging.HoldsMemory) DepositStaged(keepPages: false);
    }

    /// <summary>Zeroes the mesh and the counters, dropping staged particles.</summary>
    public void Clear()
    {
        _staging.Discard(keepPages: false);
        Array.Clear(_data);
        ParticleCount = 0;
        TotalWeight = 0;
    }

    /// <summary>Sum of all cells, accumulated in double in a fixed order.</summary>
    public double Sum()
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        var d = Data;
        var i = 0;
        for (; i + 4 <= d.Length; i += 4)
        {
            s0 += d[i];
            s1 += d[i + 1];
            s2 += d[i + 2];
            s3 += d[i + 3];
        }
        for (; i < d.Length; i++) s0 += d[i];
        return s0 + s1 + s2 + s3;
    }

    /// <summary>New array with the overdensity δ = ρ/ρ̄ − 1, ρ̄ being the mean cell value.</summary>
    public float[] ToOverdensity()
    {
        var result = GC.AllocateUninitializedArray<float>(_data.Length);
        ToOverdensity(result);
        return result;
    }

    /// <summary>Writes δ = ρ/ρ̄ − 1 into <paramref name="destination"/> (N³ values; may be <see cref="Data"/> itself).</summary>
    public void ToOverdensity(Span<float> destination) => Normalise(destination, 1.0);

    /// <summary>New array with the density contrast 1 + δ = ρ/ρ̄.</summary>
    public float[] ToDensity()
    {
        var result = GC.AllocateUninitializedArray<float>(_data.Length);
        ToDensity(result);
        return result;
    }

    /// <summary>Writes 1 + δ = ρ/ρ̄ into <paramref name="destination"/> (N³ values; may be <see cref="Data"/> itself).</summary>
    public void ToDensity(Span<float> destination) => Normalise(destination, 0.0);

    /// <summary>nbodykit-style metadata: BoxSize (Mpc/h), Nmesh, MAS, N (particles), W (total weight).</summary>
    public IReadOnlyDictionary<string, object> Attributes() => new Dictionary<string, object>
    {
        ["BoxSize"] = BoxSize,
        ["Nmesh"] = GridSize,
        ["MAS"] = Assignment.ToName(),
        ["N"] = ParticleCount,
        ["W"] = TotalWeight,
    };

    private void Normalise(Span<float> destination, double subtract)
    {
        if (destination.Length != _data.Length)
            throw new ArgumentException($"'destination' holds {destination.Length} values; expected N³ = {_data.Length}", nameof(destination));
        var mean = Sum() / _data.Length; // flushes
        if (mean == 0 || !double.IsFinite(mean))
            throw new InvalidOperationException($"cannot normalise the density mesh: its mean is {mean} (no particles deposited, or weights cancel)");
        var inverse = 1.0 / mean;
        var src = _data;
        for (var i = 0; i < destination.Length; i++) destination[i] = (float)(src[i] * inverse - subtract);
    }

    private static int CheckPositions(ReadOnlySpan<float> xyz)
    {
        if (xyz.Length % 3 != 0)
            throw new ArgumentException($"'xyz' holds {xyz.Length} values, not a multiple of 3 (x, y, z triples)", nameof(xyz));
        var bad = FirstNonFinite(xyz);
        if (bad >= 0)
            throw new ArgumentException($"particle {bad / 3} has a non-finite coordinate ({xyz[bad]}); positions must be finite", nameof(xyz));
        return xyz.Length / 3;
    }

    private static int FirstNonFinite(ReadOnlySpan<float> values)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            var k = 0;
            // x − x is 0 for finite x and NaN for NaN and ±∞.
            while (k < vectors.Length && Vector.EqualsAll(vectors[k] - vectors[k], Vector<float>.Zero)) k++;
            i = k * Vector<float>.Count;
        }
        for (; i < values.Length; i++)
            if (!float.IsFinite(values[i])) return i;
        return -1;
    }

    private unsafe void DepositCore(ReadOnlySpan<float> xyz, ReadOnlySpan<float> weights, float constantWeight)
    {
        var count = xyz.Length / 3;
        fixed (float* pxyz = xyz)
        fixed (float* pw = weights)
        {
            // Staged particles are deposited whenever the stage holds exactly _stageCapacity of them, so the deposit
            // order, and the bytes, depend on the particle sequence alone, not on how it is cut into calls.
            var done = 0;
            while (done < count)
            {
                var take = Math.Min(count - done, _stageCapacity - _staging.Count);
                _staging.Append(pxyz + 3L * done, pw == null ? null : pw + done, constantWeight, take, _maxDegreeOfParallelism);
                done += take;
                ParticleCount += take;
                if (_staging.Count == _stageCapacity) DepositStaged(keepPages: true);
            }
        }
    }

    private unsafe void DepositStaged(bool keepPages)
    {
        fixed (float* mesh = _data) _staging.DepositInto(mesh, _maxDegreeOfParallelism, keepPages);
    }
}
