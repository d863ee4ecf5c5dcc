using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SimEmulator.Validation.Statistics;

/// <summary>
/// The counting core of <see cref="PairCounts"/>: points sorted by cell into padded float32 columns (SoA), cells of side
/// ≥ r_max/2 with a 5³ stencil whose z-runs are contiguous in memory, SIMD over the points j of a run comparing
/// squared float32 separations with squared float32 edges, <c>Parallel.For</c> over fixed blocks of primary points
/// merged in block order (the same bytes for any thread count).
/// </summary>
/// <remarks>
/// Separations are float32: d = (x_j − x_i) + image shift per axis, d² = (dx² + dy²) + dz², counted in bin k when
/// e_k² ≤ d² &lt; e_(k+1)² with e² rounded to float32 once. In a periodic box the image is the minimum image: a shift of
/// ±L for a whole run of neighbour cells across the box face, or per pair (d −= L if d &gt; L/2, d += L if d &lt; −L/2) when
/// r_max is so large (&gt; 0.4·L) that all points share one cell.
/// </remarks>
internal static class PairCountEngine
{
    private const int BlockSize = 2048;
    private static readonly int W = Vector<float>.Count;

    /// <summary>Cell geometry shared by the two point sets of a count.</summary>
    internal sealed class Grid
    {
        public int N0, N1, N2, Reach;
        public double Lo0, Lo1, Lo2, Inv0, Inv1, Inv2;
        public bool Periodic, PerPairImage;
        public float Box;

        public int CellOf(float x, float y, float z)
        {
            var i = Clamp((int)((x - Lo0) * Inv0), N0);
            var j = Clamp((int)((y - Lo1) * Inv1), N1);
            var k = Clamp((int)((z - Lo2) * Inv2), N2);
            return (i * N1 + j) * N2 + k;
        }

        private static int Clamp(int i, int n) => i < 0 ? 0 : i >= n ? n - 1 : i;

        public long Cells => (long)N0 * N1 * N2;
    }

    /// <summary>Points sorted by cell: padded columns, the start of each cell's run and each point's cell.</summary>
    internal sealed class Sorted
    {
        public required float[] X, Y, Z;
        public float[]? Wt;
        public required int[] CellStart; // Cells + 1 entries
        public required int[] CellId;
        public int Count;
    }

    /// <summary>Per-bin sums: unique pairs (long), Σ w_i w_j and Σ r over the pairs (double), bins 0 … K−1.</summary>
    internal readonly record struct Sums(long[] Pairs, double[] Weighted, double[] SumR);

    public static Grid PeriodicGrid(double box, double rMax, long points)
    {
        var cap = CellCap(points);
        var margin = 1 - 1e-5; // cells a little wider than r_max/s, so float rounding never needs a farther cell
        // Five distinct cells per side keep the ±2 stencil free of repeats; beyond r_max ≈ 0.4·L one cell holds all.
        var n = (int)Math.Min(cap, Math.Floor(2 * box / rMax * margin));
        var s = 2;
        if (n < 5) { n = 1; s = 0; }
        var inv = n / box;
        return new Grid
        {
            N0 = n, N1 = n, N2 = n, Reach = s, Periodic = true, PerPairImage = s == 0, Box = (float)box,
            Inv0 = inv, Inv1 = inv, Inv2 = inv,
        };
    }

    public static Grid OpenGrid(double rMax, long points, params float[][] positions)
    {
        var lo = new double[] { double.MaxValue, double.MaxValue, double.MaxValue };
        var hi = new double[] { double.MinValue, double.MinValue, double.MinValue };
        foreach (var p in positions)
            for (var i = 0; i < p.Length; i++)
            {
                var a = i % 3;
                if (p[i] < lo[a]) lo[a] = p[i];
                if (p[i] > hi[a]) hi[a] = p[i];
            }
        var cap = CellCap(points);
        var n = new int[3];
        var inv = new double[3];
        for (var a = 0; a < 3; a++)
        {
            if (lo[a] > hi[a]) { lo[a] = 0; hi[a] = 0; }
            var extent = hi[a] - lo[a];
            n[a] = (int)Math.Clamp(Math.Floor(2 * extent / rMax * (1 - 1e-5)), 1, cap);
            inv[a] = extent > 0 ? n[a] / extent : 0;
        }
        return new Grid
        {
            N0 = n[0], N1 = n[1], N2 = n[2], Reach = 2, Periodic = false,
            Lo0 = lo[0], Lo1 = lo[1], Lo2 = lo[2], Inv0 = inv[0], Inv1 = inv[1], Inv2 = inv[2],
        };
    }

    // At most ~4 cells per point (and 2^27 cells): tiny r_max then means larger cells, never a wrong count.
    private static long CellCap(long points) => Math.Max(1, (long)Math.Floor(Math.Cbrt(Math.Min(4.0 * points + 1000, 1 << 27))));

    /// <summary>Counting sort of [N, 3] positions by cell into padded SoA columns.</summary>
    public static Sorted Sort(Grid g, float[] positions, float[]? weights)
    {
        var count = positions.Length / 3;
        var cells = (int)g.Cells;
        var cellOf = new int[count];
        var start = new int[cells + 1];
        for (var i = 0; i < count; i++)
        {
            var c = g.CellOf(positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]);
            cellOf[i] = c;
            start[c + 1]++;
        }
        for (var c = 0; c < cells; c++) start[c + 1] += start[c];
        var fill = start.AsSpan(0, cells).ToArray();
        var padded = count + W;
        var x = new float[padded]; var y = new float[padded]; var z = new float[padded];
        var w = weights is null ? null : new float[padded];
        var id = new int[count];
        for (var i = 0; i < count; i++)
        {
            var c = cellOf[i];
            var o = fill[c]++;
            x[o] = positions[3 * i]; y[o] = positions[3 * i + 1]; z[o] = positions[3 * i + 2];
            if (w is not null) w[o] = weights![i];
            id[o] = c;
        }
        return new Sorted { X = x, Y = y, Z = z, Wt = w, CellStart = start, CellId = id, Count = count };
    }

    /// <summary>Counts pairs between primary points and the secondary set; auto counts each unordered pair once (j after i).</summary>
    public static Sums Count(Grid g, Sorted primary, Sorted secondary, bool auto, float[] squaredEdges, bool meanSeparation)
    {
        var blocks = (primary.Count + BlockSize - 1) / BlockSize;
        var results = new Sums[blocks];
        var weighted = primary.Wt is not null && secondary.Wt is not null;
        Parallel.For(0, blocks, b =>
        {
            var worker = new Worker(g, primary, secondary, auto, squaredEdges);
            var end = Math.Min(primary.Count, (b + 1) * BlockSize);
            results[b] = (weighted, meanSeparation) switch
            {
                (false, false) => worker.Run<No, No>(b * BlockSize, end),
                (false, true) => worker.Run<No, Yes>(b * BlockSize, end),
                (true, false) => worker.Run<Yes, No>(b * BlockSize, end),
                _ => worker.Run<Yes, Yes>(b * BlockSize, end),
            };
        });
        var bins = squaredEdges.Length - 1;
        var pairs = new long[bins]; var wsum = new double[bins]; var rsum = new double[bins];
        foreach (var r in results)
            for (var k = 0; k < bins; k++)
            {
                pairs[k] += r.Pairs[k];
                wsum[k] += r.Weighted[k];
                rsum[k] += r.SumR[k];
            }
        if (!weighted)
            for (var k = 0; k < bins; k++) wsum[k] = pairs[k];
        return new Sums(pairs, wsum, rsum);
    }

    private interface IFlag { static abstract bool On { get; } }
    private readonly struct Yes : IFlag { public static bool On => true; }
    private readonly struct No : IFlag { public static bool On => false; }

    /// <summary>One run of secondary points [Start, End) with the image shift applied to all of them.</summary>
    private record struct Run(int Start, int End, float Sx, float Sy, float Sz, bool Self);

    private sealed class Worker(Grid g, Sorted primary, Sorted secondary, bool auto, float[] e2)
    {
        private readonly List<Run> _runs = new(64);
        private readonly Vector<int>[] _tail = TailMasks();
        private readonly int _edges = e2.Length;
        // Cumulative counters: lane sums of [d² < e_k²] for every edge k, so bin k = cum[k+1] − cum[k].
        private readonly Vector<int>[] _cum = new Vector<int>[e2.Length];
        private readonly Vector<float>[] _cumW = new Vector<float>[e2.Length];
        private readonly Vector<float>[] _cumR = new Vector<float>[e2.Length];

        private static Vector<int>[] TailMasks()
        {
            var lanes = new int[W];
            for (var l = 0; l < W; l++) lanes[l] = l;
            var index = new Vector<int>(lanes);
            var masks = new Vector<int>[W + 1];
            for (var r = 0; r <= W; r++) masks[r] = Vector.LessThan(index, new Vector<int>(r));
            return masks;
        }

        public Sums Run<TW, TR>(int from, int to) where TW : struct, IFlag where TR : struct, IFlag
        {
            var cum = new long[_edges];
            var cumW = new double[_edges];
            var cumR = new double[_edges];
            long sinceFlush = 0;
            var lastCell = -1;
            for (var i = from; i < to; i++)
            {
                var cell = primary.CellId[i];
                if (cell != lastCell) { BuildRuns(cell); lastCell = cell; }
                var xi = primary.X[i]; var yi = primary.Y[i]; var zi = primary.Z[i];
                foreach (var run in _runs)
                {
                    var start = run.Self ? i + 1 : run.Start;
                    if (start >= run.End) continue;
                    sinceFlush += (run.End - start) / W + 1;
                    if (run.Sx == 0 && run.Sy == 0 && run.Sz == 0)
                        Kernel<TW, TR, No>(xi, yi, zi, start, run.End, run);
                    else
                        Kernel<TW, TR, Yes>(xi, yi, zi, start, run.End, run);
                }
                if (TW.On || TR.On)
                {
                    var wi = TW.On ? primary.Wt![i] : 1f;
                    for (var k = 0; k < _edges; k++)
                    {
                        if (TW.On) { cumW[k] += (double)wi * Vector.Sum(_cumW[k]); _cumW[k] = default; }
                        if (TR.On) { cumR[k] += Vector.Sum(_cumR[k]); _cumR[k] = default; }
                    }
                }
                // Each lane grows by at most one per vector step: flush the int32 lanes long before they could overflow.
                if (sinceFlush > 1 << 30) { FlushCounts(cum); sinceFlush = 0; }
            }
            FlushCounts(cum);
            var bins = _edges - 1;
            var pairs = new long[bins]; var ws = new double[bins]; var rs = new double[bins];
            for (var k = 0; k < bins; k++)
            {
                pairs[k] = cum[k + 1] - cum[k];
                ws[k] = cumW[k + 1] - cumW[k];
                rs[k] = cumR[k + 1] - cumR[k];
            }
            return new Sums(pairs, ws, rs);
        }

        private void FlushCounts(long[] cum)
        {
            // Lanes hold −count (a true comparison is all ones, −1, and is subtracted as an integer).
            for (var k = 0; k < _edges; k++) { cum[k] -= Vector.Sum(_cum[k]); _cum[k] = default; }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Kernel<TW, TR, TS>(float xi, float yi, float zi, int start, int end, Run run)
            where TW : struct, IFlag where TR : struct, IFlag where TS : struct, IFlag
        {
            ref var xs = ref MemoryMarshal.GetArrayDataReference(secondary.X);
            ref var ys = ref MemoryMarshal.GetArrayDataReference(secondary.Y);
            ref var zs = ref MemoryMarshal.GetArrayDataReference(secondary.Z);
            ref var ws = ref TW.On ? ref MemoryMarshal.GetArrayDataReference(secondary.Wt!) : ref xs;
            var vxi = new Vector<float>(xi); var vyi = new Vector<float>(yi); var vzi = new Vector<float>(zi);
            var sx = new Vector<float>(run.Sx); var sy = new Vector<float>(run.Sy); var sz = new Vector<float>(run.Sz);
            var box = new Vector<float>(g.Box);
            var half = new Vector<float>(g.Box / 2);
            var perPair = g.PerPairImage;
            var outer = new Vector<float>(e2[_edges - 1]);
            var inf = new Vector<float>(float.PositiveInfinity);
            var cum = _cum.AsSpan(); var cumW = _cumW.AsSpan(); var cumR = _cumR.AsSpan();
            var edges = e2;
            for (var j = start; j < end; j += W)
            {
                var dx = Vector.LoadUnsafe(ref xs, (nuint)j) - vxi;
                var dy = Vector.LoadUnsafe(ref ys, (nuint)j) - vyi;
                var dz = Vector.LoadUnsafe(ref zs, (nuint)j) - vzi;
                if (TS.On) { dx += sx; dy += sy; dz += sz; }
                if (perPair)
                {
                    dx = MinimumImage(dx, box, half);
                    dy = MinimumImage(dy, box, half);
                    dz = MinimumImage(dz, box, half);
                }
                var d2 = dx * dx + dy * dy + dz * dz;
                if (end - j < W) d2 = Vector.ConditionalSelect(_tail[end - j], d2, inf);
                if (!Vector.LessThanAny(d2, outer)) continue;
                var wj = TW.On ? Vector.LoadUnsafe(ref ws, (nuint)j) : default;
                var r = TR.On ? Vector.SquareRoot(d2) : default;
                for (var k = 0; k < edges.Length; k++)
                {
                    var m = Vector.LessThan(d2, new Vector<float>(edges[k]));
                    cum[k] += m;
                    if (TW.On) cumW[k] += Vector.ConditionalSelect(m, wj, Vector<float>.Zero);
                    if (TR.On) cumR[k] += Vector.ConditionalSelect(m, r, Vector<float>.Zero);
                }
            }
        }

        private static Vector<float> MinimumImage(Vector<float> d, Vector<float> box, Vector<float> half)
        {
            var up = Vector.ConditionalSelect(Vector.GreaterThan(d, half), box, Vector<float>.Zero);
            var down = Vector.ConditionalSelect(Vector.LessThan(d, -half), box, Vector<float>.Zero);
            return d - up + down;
        }

        /// <summary>The runs of secondary points to visit from a primary cell: a half stencil for auto counts.</summary>
        private void BuildRuns(int cell)
        {
            _runs.Clear();
            var cz = cell % g.N2;
            var cy = cell / g.N2 % g.N1;
            var cx = cell / (g.N2 * g.N1);
            var s = g.Reach;
            for (var dx = -s; dx <= s; dx++)
            {
                var ix = cx + dx; var shx = 0f;
                if (!Wrap(ref ix, g.N0, ref shx)) continue;
                for (var dy = -s; dy <= s; dy++)
                {
                    var iy = cy + dy; var shy = 0f;
                    if (!Wrap(ref iy, g.N1, ref shy)) continue;
                    var self = dx == 0 && dy == 0;
                    // Half stencil: columns (dx, dy) after (0, 0) in full, in its own column only cz … cz+s (j > i in cz).
                    if (auto && (dx < 0 || (dx == 0 && dy < 0))) continue;
                    var zlo = auto && self ? cz : cz - s;
                    var zhi = cz + s;
                    var column = (ix * g.N1 + iy) * g.N2;
                    if (g.Periodic)
                    {
                        if (zlo < 0) AddRun(column, zlo + g.N2, g.N2 - 1, shx, shy, -g.Box, false);
                        AddRun(column, Math.Max(zlo, 0), Math.Min(zhi, g.N2 - 1), shx, shy, 0, auto && self);
                        if (zhi >= g.N2) AddRun(column, 0, zhi - g.N2, shx, shy, g.Box, false);
                    }
                    else
                    {
                        AddRun(column, Math.Max(zlo, 0), Math.Min(zhi, g.N2 - 1), 0, 0, 0, auto && self);
                    }
                }
            }
        }

        private bool Wrap(ref int i, int n, ref float shift)
        {
            if (i >= 0 && i < n) return true;
            if (!g.Periodic) return false;
            // A neighbour across the face at x = 0 holds points near L: their image is at x − L.
            if (i < 0) { i += n; shift = -g.Box; }
            else { i -= n; shift = g.Box; }
            return true;
        }

        private void AddRun(int column, int zFirst, int zLast, float sx, float sy, float sz, bool self)
        {
            if (zLast < zFirst) return;
            var a = secondary.CellStart[column + zFirst];
            var b = secondary.CellStart[column + zLast + 1];
            if (b > a || self) _runs.Add(new Run(a, b, sx, sy, sz, self));
        }
    }
}
