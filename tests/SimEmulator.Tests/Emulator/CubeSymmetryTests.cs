using SimEmulator.Emulator.Datasets;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Tests.Emulator;

public class CubeSymmetryTests
{
    /// <summary>A cube whose cells all differ, so equal outputs mean equal index maps.</summary>
    private static float[] Generic(int n) => [.. Enumerable.Range(0, n * n * n).Select(i => (float)i)];

    private static float[] Apply(float[] src, int n, int s)
    {
        var dst = new float[src.Length];
        CubeSymmetry.Apply(src, dst, n, s);
        return dst;
    }

    private static string Key(float[] a) => string.Join(",", a);

    [Fact]
    public void Each_of_the_48_symmetries_is_a_bijection_and_symmetry_zero_is_the_identity()
    {
        var src = Generic(5);
        for (var s = 0; s < CubeSymmetry.Count; s++)
            Assert.Equal(src, Apply(src, 5, s).Order()); // every cell appears exactly once
        Assert.Equal(src, Apply(src, 5, 0));
    }

    [Fact]
    public void The_48_symmetries_are_distinct_and_closed_under_composition()
    {
        const int n = 4;
        var src = Generic(n);
        var index = new Dictionary<string, int>();
        for (var s = 0; s < CubeSymmetry.Count; s++) index[Key(Apply(src, n, s))] = s;
        Assert.Equal(48, index.Count);
        // The full octahedral group: applying s1 then s2 is again one of the 48, and each has an inverse.
        for (var s1 = 0; s1 < 48; s1++)
        {
            var first = Apply(src, n, s1);
            var hasInverse = false;
            for (var s2 = 0; s2 < 48; s2++)
            {
                var composed = Key(Apply(first, n, s2));
                Assert.True(index.TryGetValue(composed, out var s3), $"symmetry {s2} after {s1} is not one of the 48");
                hasInverse |= s3 == 0;
            }
            Assert.True(hasInverse, $"symmetry {s1} has no inverse among the 48");
        }
    }

    [Fact]
    public void Symmetries_match_numpy_transpose_and_flip_as_documented()
    {
        const int n = 3;
        var src = Generic(n);
        // Peer: numpy, the convention the doc comment states: np.flip(np.transpose(a, P[s // 8]), axes of bits of s % 8).
        const string script = """
            import itertools, numpy as np
            a = np.arange(27, dtype=np.float32).reshape(3, 3, 3)
            for s in range(48):
                p = list(itertools.permutations(range(3)))[s // 8]
                b = np.transpose(a, p)
                axes = [ax for ax in range(3) if (s % 8) >> ax & 1]
                if axes: b = np.flip(b, axes)
                print(",".join(str(int(v)) for v in b.ravel()))
            """;
        var (code, stdout, stderr) = PythonPeer.Run("-c", script);
        Assert.True(code == 0, stderr);
        var lines = stdout.Trim().Split('\n');
        Assert.Equal(48, lines.Length);
        for (var s = 0; s < 48; s++)
            Assert.Equal(lines[s].Trim(), string.Join(",", Apply(src, n, s).Select(v => (int)v)));
    }

    [Fact]
    public void Power_spectrum_is_unchanged_by_every_symmetry_and_by_a_periodic_roll()
    {
        const int n = 16;
        const double box = 100.0;
        var delta = EmulatorTestData.LognormalDelta(n, 21);
        var reference = PowerSpectrum.Compute(delta, box);
        // |δ_k| is invariant under k → permuted/negated k (and a phase for the one-cell shift in i → n−1−i), and the
        // bins depend on |k| only, so the monopole agrees to float rounding of the FFT input: 1e-5 relative per bin.
        void AssertSame(float[] cube, string what)
        {
            var p = PowerSpectrum.Compute(cube, box);
            Assert.Equal(reference.Modes, p.Modes);
            for (var b = 0; b < reference.Count; b++)
                Assert.True(Math.Abs(p.P0[b] - reference.P0[b]) <= 1e-5 * Math.Abs(reference.P0[b]),
                    $"{what}: bin {b} P0 {p.P0[b]} vs {reference.P0[b]}");
        }
        for (var s = 1; s < CubeSymmetry.Count; s++) AssertSame(Apply(delta, n, s), $"symmetry {s}");
        var rolled = new float[delta.Length];
        CubeSymmetry.RollCrop(delta, n, rolled, n, 3, 7, 11);
        AssertSame(rolled, "roll (3, 7, 11)");
    }

    [Fact]
    public void RollCrop_matches_the_brute_force_periodic_index_formula()
    {
        const int n = 5, m = 3;
        var src = Generic(n);
        foreach (var (ox, oy, oz) in new[] { (0, 0, 0), (4, 3, 2), (-1, 7, 12), (2, -6, 4) })
        {
            var dst = new float[m * m * m];
            CubeSymmetry.RollCrop(src, n, dst, m, ox, oy, oz);
            static int Wrap(int a) => ((a % n) + n) % n;
            for (var i = 0; i < m; i++)
                for (var j = 0; j < m; j++)
                    for (var k = 0; k < m; k++)
                        Assert.Equal(src[(Wrap(ox + i) * n + Wrap(oy + j)) * n + Wrap(oz + k)], dst[(i * m + j) * m + k]);
        }
    }

    [Fact]
    public void Wrong_sizes_and_symmetry_indices_are_rejected()
    {
        var src = Generic(4);
        Assert.Throws<ArgumentOutOfRangeException>(() => CubeSymmetry.Apply(src, new float[64], 4, 48));
        Assert.Throws<ArgumentException>(() => CubeSymmetry.Apply(src, new float[63], 4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CubeSymmetry.RollCrop(src, 4, new float[125], 5, 0, 0, 0));
    }
}
