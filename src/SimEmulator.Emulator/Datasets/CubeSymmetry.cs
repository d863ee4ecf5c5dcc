using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SimEmulator.Emulator.Datasets;

/// <summary>
/// The 48 symmetries of the cube (6 axis permutations × 8 reflections) and periodic shifts / crops with wrap-around,
/// on n³ cubes in C order (x slowest). None of them changes the power spectrum of a periodic field.
/// </summary>
public static class CubeSymmetry
{
    public const int Count = 48;

    /// <summary>Axis permutations in lexicographic order; symmetry s uses Permutations[s / 8].</summary>
    private static readonly int[][] Permutations = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

    /// <summary>
    /// Symmetry s (0 = identity) as numpy writes it: <c>np.flip(np.transpose(src, P[s // 8]), axes)</c>, where P lists
    /// the 6 permutations of (0, 1, 2) in lexicographic order and output axis a is flipped (i → n−1−i) when bit a of
    /// s % 8 is set. <paramref name="dst"/> must not overlap <paramref name="src"/>.
    /// </summary>
    public static void Apply(ReadOnlySpan<float> src, Span<float> dst, int n, int symmetry)
    {
        var cells = CheckCube(src, n, nameof(src));
        if (dst.Length != cells) throw new ArgumentException($"dst must hold n³ = {cells} values, got {dst.Length}", nameof(dst));
        if ((uint)symmetry >= Count)
            throw new ArgumentOutOfRangeException(nameof(symmetry), symmetry, $"symmetry must be in [0, {Count})");
        var perm = Permutations[symmetry / 8];
        var flips = symmetry % 8;
        Span<long> start = stackalloc long[3];
        Span<long> step = stackalloc long[3];
        for (var a = 0; a < 3; a++)
        {
            // Output axis a walks source axis perm[a]; its stride there is n^(2 − perm[a]).
            long stride = perm[a] switch { 0 => (long)n * n, 1 => n, _ => 1 };
            var flipped = (flips >> a & 1) != 0;
            start[a] = flipped ? (n - 1) * stride : 0;
            step[a] = flipped ? -stride : stride;
        }
        // Sizes were checked above, so every offset below stays inside src: gather without per-element bounds checks.
        ref var s0 = ref MemoryMarshal.GetReference(src);
        var contiguous = perm[2] == 2; // the fastest output axis walks the fastest source axis: whole rows copy
        var o = 0;
        var off0 = start[0];
        for (var i = 0; i < n; i++, off0 += step[0])
        {
            var off1 = off0 + start[1];
            for (var j = 0; j < n; j++, off1 += step[1], o += n)
            {
                var row = dst.Slice(o, n);
                if (contiguous)
                {
                    src.Slice((int)off1, n).CopyTo(row); // off1 is the row's start; a flip reads it backwards
                    if (step[2] < 0) row.Reverse();
                    continue;
                }
                var off2 = off1 + start[2];
                var s2 = step[2];
                for (var k = 0; k < n; k++, off2 += s2) row[k] = Unsafe.Add(ref s0, (nint)off2);
            }
        }
    }

    /// <summary>
    /// Periodic shift-and-crop: dst[i,j,k] = src[(ox+i) mod n, (oy+j) mod n, (oz+k) mod n] for i, j, k &lt; m ≤ n.
    /// With m = n it is a periodic roll of the box by (−ox, −oy, −oz) cells. Offsets may be any integer.
    /// </summary>
    public static void RollCrop(ReadOnlySpan<float> src, int n, Span<float> dst, int m, int ox, int oy, int oz)
    {
        CheckCube(src, n, nameof(src));
        if (m < 1 || m > n) throw new ArgumentOutOfRangeException(nameof(m), m, $"crop size must be in [1, n = {n}]");
        if (dst.Length != m * m * m) throw new ArgumentException($"dst must hold m³ = {m * m * m} values, got {dst.Length}", nameof(dst));
        ox = Mod(ox, n);
        oy = Mod(oy, n);
        oz = Mod(oz, n);
        // Along z the crop is at most two contiguous runs: [oz, n) then [0, ...).
        var firstRun = Math.Min(m, n - oz);
        var o = 0;
        for (var i = 0; i < m; i++)
        {
            var x = ox + i;
            if (x >= n) x -= n;
            for (var j = 0; j < m; j++)
            {
                var y = oy + j;
                if (y >= n) y -= n;
                var row = src.Slice((x * n + y) * n, n);
                row.Slice(oz, firstRun).CopyTo(dst.Slice(o, firstRun));
                if (firstRun < m) row[..(m - firstRun)].CopyTo(dst.Slice(o + firstRun, m - firstRun));
                o += m;
            }
        }
    }

    private static int Mod(int a, int n)
    {
        var r = a % n;
        return r < 0 ? r + n : r;
    }

    private static int CheckCube(ReadOnlySpan<float> src, int n, string name)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "grid n must be at least 1");
        var cells = (long)n * n * n;
        if (cells > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(n), n, "cube too large for one span");
        if (src.Length != cells) throw new ArgumentException($"{name} must hold n³ = {cells} values for n = {n}, got {src.Length}", name);
        return (int)cells;
    }
}
