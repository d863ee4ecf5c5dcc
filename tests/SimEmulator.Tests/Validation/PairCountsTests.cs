using SimEmulator.Data.Layouts;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Tests.Validation;

public class PairCountsTests
{
    private const float Box = 100f;

    private static float[] Uniform(int n, int seed, float lo0, float hi0, float lo1, float hi1, float lo2, float hi2)
    {
        var rng = new Random(seed);
        var p = new float[3 * n];
        for (var i = 0; i < n; i++)
        {
            p[3 * i] = lo0 + (hi0 - lo0) * (float)rng.NextDouble();
            p[3 * i + 1] = lo1 + (hi1 - lo1) * (float)rng.NextDouble();
            p[3 * i + 2] = lo2 + (hi2 - lo2) * (float)rng.NextDouble();
        }
        return p;
    }

    private static float[] InBox(int n, int seed) => Uniform(n, seed, 0, Box, 0, Box, 0, Box);

    /// <summary>
    /// The O(N·M) double loop in the same float32 arithmetic as the documented convention: d = x_j − x_i, minimum image
    /// by ±L when |d| &gt; L/2, d² = (dx² + dy²) + dz², bin k when e_k² ≤ d² &lt; e_(k+1)² with e² rounded to float32.
    /// Auto: pairs i &lt; j counted twice (ordered); weights multiply.
    /// </summary>
    private static (long[] pairs, double[] weighted) BruteForce(float[] a, float[]? b, double[] edges, float? box, float[]? wa = null, float[]? wb = null)
    {
        var e2 = edges.Select(e => (float)(e * e)).ToArray();
        var auto = b is null;
        b ??= a; wb ??= wa;
        var pairs = new long[edges.Length - 1];
        var weighted = new double[edges.Length - 1];
        var na = a.Length / 3; var nb = b.Length / 3;
        for (var i = 0; i < na; i++)
            for (var j = auto ? i + 1 : 0; j < nb; j++)
            {
                var dx = Image(b[3 * j] - a[3 * i], box);
                var dy = Image(b[3 * j + 1] - a[3 * i + 1], box);
                var dz = Image(b[3 * j + 2] - a[3 * i + 2], box);
                var d2 = dx * dx + dy * dy + dz * dz;
                for (var k = 0; k < pairs.Length; k++)
                    if (e2[k] <= d2 && d2 < e2[k + 1])
                    {
                        var w = (wa is null ? 1.0 : wa[i]) * (wb is null ? 1.0 : wb[j]);
                        pairs[k] += auto ? 2 : 1;
                        weighted[k] += auto ? 2 * w : w;
                    }
            }
        return (pairs, weighted);
    }

    private static float Image(float d, float? box)
    {
        if (box is not { } l) return d;
        var half = l / 2;
        if (d > half) return d - l;
        if (d < -half) return d + l;
        return d;
    }

    [Theory]
    [InlineData(7.0)]   // 28 cells per side, ±2 stencil
    [InlineData(30.0)]  // 6 cells per side: runs across both faces
    [InlineData(45.0)]  // r_max > 0.4·L: one cell, minimum image per pair
    [InlineData(80.0)]  // r_max > L/2: minimum-image separations up to √3·L/2
    public void Periodic_auto_counts_equal_brute_force_double_loop(double rMax)
    {
        // Expected: the float32 brute-force double loop above (same arithmetic), so the integer counts must be equal.
        var p = InBox(700, seed: 11);
        double[][] edgeSets = [RadialEdges.Linear(0, rMax, 13), RadialEdges.Log(0.5, rMax, 9)];
        foreach (var edges in edgeSets)
        {
            var counts = PairCounts.Auto(p, edges, Box);
            var (expected, _) = BruteForce(p, null, edges, Box);
            Assert.Equal(expected, counts.Pairs);
        }
    }

    [Theory]
    [InlineData(6.0)]
    [InlineData(35.0)]
    [InlineData(120.0)]
    public void Open_auto_and_cross_counts_equal_brute_force_double_loop(double rMax)
    {
        // Expected: the float32 brute force without images; a flat slab region tests unequal cell counts per axis.
        var a = Uniform(600, 3, 10, 90, 0, 50, 20, 30);
        var b = Uniform(500, 4, 0, 100, 10, 40, 0, 60);
        var edges = RadialEdges.Linear(1, rMax, 11);

        Assert.Equal(BruteForce(a, null, edges, null).pairs, PairCounts.Auto(a, edges, null).Pairs);
        Assert.Equal(BruteForce(a, b, edges, null).pairs, PairCounts.Cross(a, b, edges, null).Pairs);
    }

    [Fact]
    public void Periodic_cross_counts_equal_brute_force_double_loop()
    {
        var a = InBox(400, 5);
        var b = InBox(650, 6);
        foreach (var rMax in new[] { 9.0, 33.0, 70.0 })
        {
            var edges = RadialEdges.Linear(0, rMax, 7);
            Assert.Equal(BruteForce(a, b, edges, Box).pairs, PairCounts.Cross(a, b, edges, Box).Pairs);
        }
    }

    [Fact]
    public void Weighted_counts_equal_brute_force_weight_products()
    {
        // Σ w_i w_j per bin against the brute force in float64; the kernel sums w_j in float32 per primary point,
        // so the tolerance is 1e-6 relative.
        var p = InBox(800, 8);
        var rng = new Random(9);
        var w = Enumerable.Range(0, 800).Select(_ => (float)(0.5 + rng.NextDouble())).ToArray();
        var edges = RadialEdges.Linear(0, 25, 10);

        var counts = PairCounts.Auto(p, edges, Box, w);
        var (pairs, weighted) = BruteForce(p, null, edges, Box, w);

        Assert.Equal(pairs, counts.Pairs);
        for (var k = 0; k < edges.Length - 1; k++)
            Assert.Equal(weighted[k], counts.WeightedPairs[k], weighted[k] * 1e-6);
    }

    [Fact]
    public void Auto_counts_total_N_times_N_minus_1_ordered_pairs_and_mean_separation_lies_in_its_bin()
    {
        // Every minimum-image separation is ≤ √3·L/2 < 87 Mpc/h: the ordered total is N(N−1) exactly.
        const int n = 900;
        var p = InBox(n, 12);
        var counts = PairCounts.Auto(p, RadialEdges.Linear(0, 87, 29), Box);
        Assert.Equal((long)n * (n - 1), counts.Pairs.Sum());
        for (var k = 0; k < counts.Count; k++)
            Assert.InRange(counts.MeanSeparation[k], counts.Edges[k] - 1e-4, counts.Edges[k + 1] + 1e-4);
    }

    [Fact]
    public void Mean_separation_equals_brute_force_mean_to_float32_precision()
    {
        // Brute-force mean of √d² over the pairs of each bin (float64); the kernel sums √d² in float32 per point: 1e-5 relative.
        var p = InBox(500, 13);
        var edges = RadialEdges.Log(1, 30, 6);
        var counts = PairCounts.Auto(p, edges, Box);
        var e2 = edges.Select(e => (float)(e * e)).ToArray();
        var sum = new double[6]; var cnt = new long[6];
        for (var i = 0; i < 500; i++)
            for (var j = i + 1; j < 500; j++)
            {
                var dx = Image(p[3 * j] - p[3 * i], Box); var dy = Image(p[3 * j + 1] - p[3 * i + 1], Box); var dz = Image(p[3 * j + 2] - p[3 * i + 2], Box);
                var d2 = dx * dx + dy * dy + dz * dz;
                for (var k = 0; k < 6; k++)
                    if (e2[k] <= d2 && d2 < e2[k + 1]) { sum[k] += Math.Sqrt(d2); cnt[k]++; }
            }
        for (var k = 0; k < 6; k++)
            Assert.Equal(sum[k] / cnt[k], counts.MeanSeparation[k], sum[k] / cnt[k] * 1e-5);
    }

    [Fact]
    public void Pair_counts_round_trip_through_json()
    {
        var p = InBox(200, 14);
        var counts = PairCounts.Auto(new Catalog(Box, p), RadialEdges.Linear(0, 20, 4));
        var back = PairCounts.FromJson(counts.ToJson());
        Assert.Equal(counts.Edges, back.Edges);
        Assert.Equal(counts.Pairs, back.Pairs);
        Assert.Equal(counts.WeightedPairs, back.WeightedPairs);
        Assert.Equal(counts.MeanSeparation, back.MeanSeparation);
        Assert.Equal((counts.Periodic, counts.BoxSize, counts.Count1, counts.Count2, counts.IsAuto), (back.Periodic, back.BoxSize, back.Count1, back.Count2, back.IsAuto));
    }

    [Fact]
    public void Bad_inputs_are_rejected_with_the_argument_named()
    {
        var p = InBox(10, 15);
        Assert.Equal("edgesMpcH", Assert.Throws<ArgumentException>(() => PairCounts.Auto(p, [0, 5, 5], Box)).ParamName);
        Assert.Equal("positions", Assert.Throws<ArgumentException>(() => PairCounts.Auto(new float[7], [0, 5], Box)).ParamName);
        var outside = (float[])p.Clone();
        outside[4] = 101f;
        var e = Assert.Throws<ArgumentException>(() => PairCounts.Auto(outside, [0, 5], Box));
        Assert.Contains("outside the periodic box", e.Message);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => PairCounts.Auto(p, [0, 5], Box, new float[3])).ParamName);
    }
}
