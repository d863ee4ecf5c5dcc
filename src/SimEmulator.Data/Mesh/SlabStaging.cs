using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SimEmulator.Data.Mesh;

/// <summary>
/// Particles waiting to be deposited, bucketed by x slab. Each particle is stored once, already in grid units and wrapped
/// into [0, N), as (gx, gy, gz, w) in 16 KB pages owned by its slab; within a slab, pages and particles stay in input order.
/// Depositing then walks the slabs of one parity at a time (even, then odd) — slabs are ≥ 2 cells wide and their number
/// is even, so no two slabs of one parity touch the same cell, across the periodic seam included — which makes the
/// deposit parallel without locks or private meshes, cache-local (a slab's cells are a few MB at most), and its float
/// additions happen in an order that depends only on the particle sequence, not on the thread count or call chunking.
/// </summary>
internal sealed unsafe class SlabStaging
{
    /// <summary>Particles per page (16 KB of float32 quadruples).</summary>
    public const int PageParticles = 1024;

    // Fewer particles than this per thread are appended or deposited on one thread.
    private const int MinParticlesPerThread = 1 << 15;

    private readonly int _n;
    private readonly MassAssignment _assignment;
    private readonly float _scale;
    private readonly double _scaleD;
    private readonly int[] _slabOfCell;
    private readonly int _slabCount;
    private readonly List<Page>[] _pages;
    private readonly Page?[] _open;
    private readonly Stack<Page> _pool = new();
    private readonly Lock _poolLock = new();

    public SlabStaging(int gridSize, double boxSize, MassAssignment assignment, int targetSlabWidth)
    {
        _n = gridSize;
        _assignment = assignment;
        _scaleD = gridSize / boxSize;
        _scale = (float)_scaleD;
        var slabs = gridSize / Math.Max(2, targetSlabWidth) & ~1;
        _slabCount = slabs >= 2 ? slabs : 1;
        _slabOfCell = new int[gridSize];
        for (var i = 0; i < gridSize; i++) _slabOfCell[i] = (int)((long)i * _slabCount / gridSize);
        _pages = new List<Page>[_slabCount];
        for (var s = 0; s < _slabCount; s++) _pages[s] = [];
        _open = new Page?[_slabCount];
    }

    /// <summary>Particles staged and not yet deposited.</summary>
    public int Count { get; private set; }

    /// <summary>True while pages are held, staged or pooled for reuse.</summary>
    public bool HoldsMemory => _pool.Count > 0 || _open.Any(p => p is not null);

    /// <summary>Stages <paramref name="count"/> particles (positions already checked finite).</summary>
    public void Append(float* xyz, float* weights, float constantWeight, int count, int maxThreads)
    {
        if (count == 0) return;
        var threads = Math.Clamp(count / MinParticlesPerThread, 1, maxThreads);
        if (threads == 1)
        {
            AppendRange(xyz, weights, constantWeight, 0, count, _open, _pages);
        }
        else
        {
            // Each thread buckets a contiguous range into pages of its own; concatenating them slab by slab in
            // thread order keeps every slab's particles in input order.
            var open = new Page?[threads][];
            var lists = new List<Page>[threads][];
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                open[t] = new Page?[_slabCount];
                lists[t] = new List<Page>[_slabCount];
                for (var s = 0; s < _slabCount; s++) lists[t][s] = [];
                var begin = (int)((long)count * t / threads);
                var end = (int)((long)count * (t + 1) / threads);
                AppendRange(xyz, weights, constantWeight, begin, end, open[t], lists[t]);
            });
            for (var s = 0; s < _slabCount; s++)
            {
                for (var t = 0; t < threads; t++) _pages[s].AddRange(lists[t][s]);
                _open[s] = _pages[s].Count > 0 ? _pages[s][^1] : null;
            }
        }
        Count += count;
    }

    /// <summary>Deposits every staged particle into <paramref name="mesh"/> (N³, C order) and empties the stage.</summary>
    public void DepositInto(float* mesh, int maxThreads, bool keepPages)
    {
        if (Count > 0)
        {
            var parallel = _slabCount > 1 && maxThreads > 1 && Count >= 2 * MinParticlesPerThread;
            var options = new ParallelOptions { MaxDegreeOfParallelism = maxThreads };
            for (var parity = 0; parity < 2; parity++)
            {
                if (!parallel)
                {
                    for (var s = parity; s < _slabCount; s += 2) DepositSlab(mesh, s);
                }
                else
                {
                    var p = parity;
                    Parallel.For(0, _slabCount / 2, options, h => DepositSlab(mesh, 2 * h + p));
                }
            }
        }
        Discard(keepPages);
    }

    /// <summary>Drops staged particles; pages go back to the pool, or to the garbage collector.</summary>
    public void Discard(bool keepPages)
    {
        for (var s = 0; s < _slabCount; s++)
        {
            if (keepPages)
                foreach (var page in _pages[s])
                {
                    page.Count = 0;
                    _pool.Push(page);
                }
            _pages[s].Clear();
            _open[s] = null;
        }
        if (!keepPages) _pool.Clear();
        Count = 0;
    }

    private void DepositSlab(float* mesh, int slab)
    {
        foreach (var page in _pages[slab])
            MassAssignmentKernels.Deposit(_assignment, mesh, _n, page.Values, 0, page.Count);
    }

    private void AppendRange(float* xyz, float* weights, float constantWeight, int begin, int end, Page?[] open, List<Page>[] pages)
    {
        int n = _n, slabs = _slabCount;
        float scale = _scale;
        var scaleD = _scaleD;
        // A particle belongs to the slab of its home x cell: floor(g) for CIC (it writes cells i, i+1), round(g) for NGP
        // (i) and TSC (i−1, i, i+1). Slabs ≥ 2 cells wide then keep same-parity slabs' writes apart.
        var homeShift = _assignment == MassAssignment.CIC ? 0f : 0.5f;
        // Unit weights read one constant with stride 0.
        var w = weights;
        nint wStride = 1;
        if (w == null)
        {
            w = &constantWeight;
            wStride = 0;
        }

        // Write cursors into each slab's open page, kept in plain arrays so the loop touches no objects.
        var cursor = new nint[slabs];
        var limit = new nint[slabs];
        for (var s = 0; s < slabs; s++)
            if (open[s] is { } page)
            {
                cursor[s] = (nint)(page.Values + 4 * page.Count);
                limit[s] = (nint)(page.Values + 4 * PageParticles);
            }

        fixed (int* slabOf = _slabOfCell)
        fixed (nint* cur = cursor)
        fixed (nint* lim = limit)
        {
            for (var i = begin; i < end; i++)
            {
                var p = xyz + 3L * i;
                var gx = ToGrid(p[0], scale, scaleD, n);
                var gy = ToGrid(p[1], scale, scaleD, n);
                var gz = ToGrid(p[2], scale, scaleD, n);
                var h = (int)(gx + homeShift);
                var s = slabOf[h == n ? 0 : h];
                var q = (float*)cur[s];
                if ((nint)q == lim[s])
                {
                    // Also taken for a slab with no page yet (both are 0).
                    if (open[s] is { } full) full.Count = PageParticles;
                    var page = Rent();
                    pages[s].Add(page);
                    open[s] = page;
                    q = page.Values;
                    lim[s] = (nint)(q + 4 * PageParticles);
                }
                q[0] = gx;
                q[1] = gy;
                q[2] = gz;
                q[3] = w[i * wStride];
                cur[s] = (nint)(q + 4);
            }
        }

        for (var s = 0; s < slabs; s++)
            if (open[s] is { } page)
                page.Count = (int)(((float*)cursor[s] - page.Values) / 4);
    }

    private Page Rent()
    {
        lock (_poolLock) return _pool.Count > 0 ? _pool.Pop() : new Page();
    }

    /// <summary>x/Δ wrapped into [0, N), computed in float32 as Pylians does for float32 positions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ToGrid(float x, float scale, double scaleD, int n)
    {
        var g = x * scale;
        return g >= 0f && g < n ? g : Wrap(x, scaleD, n);
    }

    // Outside [0, L), or rounding to exactly N: wrap in double. Callers have checked that x is finite.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Wrap(float x, double scale, int n)
    {
        var g = x * scale;
        g -= n * Math.Floor(g / n);
        var f = (float)g;
        return f >= 0f && f < n ? f : 0f;
    }

    /// <summary>A pinned block of PageParticles (gx, gy, gz, w) quadruples.</summary>
    private sealed class Page
    {
        private readonly float[] _storage = GC.AllocateUninitializedArray<float>(4 * PageParticles, pinned: true);

        public Page() => Values = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_storage));

        public float* Values { get; }

        public int Count;
    }
}
