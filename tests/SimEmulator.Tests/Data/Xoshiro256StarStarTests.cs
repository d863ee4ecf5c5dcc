using SimEmulator.Data.Randomness;

namespace SimEmulator.Tests.Data;

public class Xoshiro256StarStarTests
{
    // The reference C code of SplitMix64 and xoshiro256** (prng.di.unimi.it), transliterated to Python integers.
    private const string ReferencePython = """
        import sys
        M = (1 << 64) - 1
        def rotl(x, k): return ((x << k) | (x >> (64 - k))) & M
        x = int(sys.argv[1])
        def splitmix():
            global x
            x = (x + 0x9E3779B97F4A7C15) & M
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
            return z ^ (z >> 31)
        s = [splitmix() for _ in range(4)]
        out = []
        for _ in range(8):
            out.append((rotl((s[1] * 5) & M, 7) * 9) & M)
            t = (s[1] << 17) & M
            s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
        print(" ".join(str(v) for v in out))
        """;

    [Fact]
    public void Sequence_matches_the_reference_xoshiro256starstar_seeded_through_splitmix64()
    {
        const ulong seed = 20240611;
        var (code, stdout, stderr) = PythonPeer.Run("-c", ReferencePython, seed.ToString());
        Assert.True(code == 0, stderr);
        var expected = stdout.Trim().Split(' ').Select(ulong.Parse).ToArray();
        var rng = new Xoshiro256StarStar(seed);
        var actual = Enumerable.Range(0, 8).Select(_ => rng.NextUInt64()).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Known_state_gives_the_published_first_outputs()
    {
        // xoshiro256** from state {1, 2, 3, 4}: rotl(2·5, 7)·9 = 11520, then s1 becomes 0 so the second output is 0.
        var rng = new Xoshiro256StarStar(0) { State = [1, 2, 3, 4] };
        Assert.Equal(11520UL, rng.NextUInt64());
        Assert.Equal(0UL, rng.NextUInt64());
        // SplitMix64's first output from seed 0 is the well-known 0xE220A8397B1DCDAF; it is the first state word.
        Assert.Equal(0xE220A8397B1DCDAFUL, new Xoshiro256StarStar(0).State[0]);
    }

    [Fact]
    public void Restoring_a_saved_state_replays_the_same_sequence()
    {
        var rng = new Xoshiro256StarStar(7);
        for (var i = 0; i < 13; i++) rng.NextUInt64();
        var saved = rng.State;
        var first = Enumerable.Range(0, 20).Select(_ => rng.NextUInt64()).ToArray();
        var restored = new Xoshiro256StarStar(999) { State = saved };
        var second = Enumerable.Range(0, 20).Select(_ => restored.NextUInt64()).ToArray();
        Assert.Equal(first, second);
        Assert.NotSame(rng.State, rng.State);
    }

    [Fact]
    public void NextDouble_is_in_the_half_open_unit_interval_with_mean_one_half()
    {
        var rng = new Xoshiro256StarStar(3);
        const int n = 100_000;
        double min = 1, max = 0, sum = 0;
        for (var i = 0; i < n; i++)
        {
            var u = rng.NextDouble();
            min = Math.Min(min, u);
            max = Math.Max(max, u);
            sum += u;
        }
        Assert.True(min >= 0 && max < 1, $"range [{min}, {max}]");
        // Uniform on [0,1): mean 1/2 with standard error sqrt(1/12/n) = 0.00091; allow 5σ.
        Assert.Equal(0.5, sum / n, 0.0046);
    }

    [Fact]
    public void NextInt_passes_a_chi_square_test_on_ten_bins()
    {
        var rng = new Xoshiro256StarStar(11);
        const int draws = 20_000;
        var counts = new int[10];
        for (var i = 0; i < draws; i++) counts[rng.NextInt(10)]++;
        var expected = draws / 10.0;
        var chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        // χ² with 9 degrees of freedom: the 99.9 % quantile is 27.88 (scipy.stats.chi2.ppf(0.999, 9)).
        Assert.True(chi2 < 27.88, $"chi2 = {chi2:F2}, counts {string.Join(",", counts)}");
    }

    [Fact]
    public void NextInt_stays_in_range_for_extreme_bounds()
    {
        var rng = new Xoshiro256StarStar(5);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(0, rng.NextInt(1));
            var v = rng.NextInt(int.MaxValue);
            Assert.InRange(v, 0, int.MaxValue - 1);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(0));
    }

    [Fact]
    public void All_zero_or_wrong_length_state_is_rejected()
    {
        var rng = new Xoshiro256StarStar(1);
        var e = Assert.Throws<ArgumentException>(() => rng.State = [0, 0, 0, 0]);
        Assert.Contains("all zero", e.Message);
        Assert.Throws<ArgumentException>(() => rng.State = [1, 2, 3]);
    }
}
