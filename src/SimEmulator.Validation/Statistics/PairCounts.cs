using System.Text.Json.Nodes;
using SimEmulator.Data.Layouts;

namespace SimEmulator.Validation.Statistics;

/// <summary>
/// Radial pair counts of point sets (positions float32 [N, 3], Mpc/h), in a periodic box (minimum-image separations)
/// or in open space: columns <see cref="Pairs"/>, <see cref="WeightedPairs"/> and <see cref="MeanSeparation"/> per bin
/// [e_k, e_(k+1)) of <see cref="Edges"/>.
/// </summary>
/// <remarks>
/// <para>Ordered pairs, as Corrfunc with <c>autocorr=1</c>: an auto count holds every pair twice (i→j and j→i, i ≠ j), so
/// it totals N(N−1) over all separations; a cross count holds each (a, b) once, N_a·N_b in total. Weighted pairs are
/// Σ w_i·w_j over the same ordered pairs (equal to <see cref="Pairs"/> without weights).</para>
/// <para>Separations are computed in float32 as the positions are stored: bin k holds e_k² ≤ d² &lt; e_(k+1)² with the
/// squared edges rounded to float32. In a periodic box d is the minimum image, for any r_max (at most √3·L/2).</para>
/// <para>Attrs: <see cref="Periodic"/>, <see cref="BoxSize"/> L (Mpc/h; NaN in open space), <see cref="Count1"/> and
/// <see cref="Count2"/> the points of each set (equal for an auto count), <see cref="IsAuto"/>.</para>
/// </remarks>
/// <param name="Edges">Bin edges, Mpc/h, strictly increasing from ≥ 0; K+1 edges for K bins.</param>
/// <param name="Pairs">Ordered pairs per bin.</param>
/// <param name="WeightedPairs">Σ w_i·w_j over the ordered pairs per bin.</param>
/// <param name="MeanSeparation">Unweighted mean separation of the pairs in each bin, Mpc/h; NaN for an empty bin (or when not computed).</param>
public sealed record PairCounts(
    double[] Edges,
    long[] Pairs,
    double[] WeightedPairs,
    double[] MeanSeparation,
    bool Periodic,
    double BoxSize,
    long Count1,
    long Count2,
    bool IsAuto)
{
    public const string Convention = "ordered pairs (auto: each pair twice, i != j; cross: each (a, b) once); bins e_k <= d < e_k+1 in float32; periodic: minimum image";

    /// <summary>Number of radial bins.</summary>
    public int Count => Pairs.Length;

    /// <summary>Pairs within one catalog, periodic in its box unless <paramref name="periodic"/> is false; its weights if it has them.</summary>
    public static PairCounts Auto(Catalog catalog, double[] edgesMpcH, bool periodic = true, bool meanSeparation = true)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Auto(catalog.Positions, edgesMpcH, periodic ? catalog.BoxSizeMpcH : null, catalog.Weights, meanSeparation);
    }

    /// <summary>Pairs between two catalogs, periodic in their (common) box unless <paramref name="periodic"/> is false.</summary>
    public static PairCounts Cross(Catalog a, Catalog b, double[] edgesMpcH, bool periodic = true, bool meanSeparation = true)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (periodic && a.BoxSizeMpcH != b.BoxSizeMpcH)
            throw new ArgumentException($"periodic cross counts need one box: catalog 'a' has L = {a.BoxSizeMpcH} Mpc/h, 'b' has L = {b.BoxSizeMpcH} Mpc/h", nameof(b));
        return Cross(a.Positions, b.Positions, edgesMpcH, periodic ? a.BoxSizeMpcH : null, a.Weights, b.Weights, meanSeparation);
    }

    /// <summary>
    /// Pairs within one point set [N, 3] (Mpc/h), in a periodic box of side <paramref name="periodicBoxMpcH"/> (points in
    /// [0, L]) or in open space when it is null; optional weights [N]; the mean separation per bin costs ~15 % more time.
    /// </summary>
    public static PairCounts Auto(float[] positions, double[] edgesMpcH, double? periodicBoxMpcH, float[]? weights = null, bool meanSeparation = true)
    {
        var n = CheckPositions(positions, nameof(positions), periodicBoxMpcH);
        CheckWeights(weights, n, nameof(weights));
        var e2 = CheckEdges(edgesMpcH);
        var rMax = edgesMpcH[^1];
        var grid = periodicBoxMpcH is { } box ? PairCountEngine.PeriodicGrid(box, rMax, n) : PairCountEngine.OpenGrid(rMax, n, positions);
        var sorted = PairCountEngine.Sort(grid, positions, weights);
        var sums = PairCountEngine.Count(grid, sorted, sorted, auto: true, e2, meanSeparation);
        // The engine visits each unordered pair once; ordered pairs are twice that, with the same mean separation.
        var pairs = sums.Pairs.Select(p => 2 * p).ToArray();
        var weighted = sums.Weighted.Select(w => 2 * w).ToArray();
        return new PairCounts((double[])edgesMpcH.Clone(), pairs, weighted, MeanOf(sums, meanSeparation),
            periodicBoxMpcH is not null, periodicBoxMpcH ?? double.NaN, n, n, IsAuto: true);
    }

    /// <summary>Pairs (a, b) between two point sets [N_a, 3] and [N_b, 3] (Mpc/h), periodic or (box null) open; optional weights.</summary>
    public static PairCounts Cross(float[] a, float[] b, double[] edgesMpcH, double? periodicBoxMpcH,
        float[]? weightsA = null, float[]? weightsB = null, bool meanSeparation = true)
    {
        var na = CheckPositions(a, nameof(a), periodicBoxMpcH);
        var nb = CheckPositions(b, nameof(b), periodicBoxMpcH);
        CheckWeights(weightsA, na, nameof(weightsA));
        CheckWeights(weightsB, nb, nameof(weightsB));
        var e2 = CheckEdges(edgesMpcH);
        if (weightsA is not null || weightsB is not null)
        {
            weightsA ??= Ones(na);
            weightsB ??= Ones(nb);
        }
        var rMax = edgesMpcH[^1];
        var grid = periodicBoxMpcH is { } box ? PairCountEngine.PeriodicGrid(box, rMax, na + nb) : PairCountEngine.OpenGrid(rMax, na + nb, a, b);
        var sa = PairCountEngine.Sort(grid, a, weightsA);
        var sb = PairCountEngine.Sort(grid, b, weightsB);
        var sums = PairCountEngine.Count(grid, sa, sb, auto: false, e2, meanSeparation);
        return new PairCounts((double[])edgesMpcH.Clone(), sums.Pairs, sums.Weighted, MeanOf(sums, meanSeparation),
            periodicBoxMpcH is not null, periodicBoxMpcH ?? double.NaN, na, nb, IsAuto: false);
    }

    private static float[] Ones(long n)
    {
        var w = new float[n];
        Array.Fill(w, 1f);
        return w;
    }

    private static double[] MeanOf(PairCountEngine.Sums sums, bool computed) =>
        sums.Pairs.Select((p, k) => computed && p > 0 ? sums.SumR[k] / p : double.NaN).ToArray();

    private static long CheckPositions(float[] positions, string name, double? box)
    {
        ArgumentNullException.ThrowIfNull(positions, name);
        if (positions.Length % 3 != 0)
            throw new ArgumentException($"'{name}' must hold [N, 3] positions (x, y, z per point), got {positions.Length} values, not a multiple of 3", name);
        if (box is { } l && (!(l > 0) || double.IsInfinity(l)))
            throw new ArgumentOutOfRangeException("periodicBoxMpcH", l, "the periodic box side must be positive and finite, in Mpc/h (or null for open space)");
        for (var i = 0; i < positions.Length; i++)
        {
            var v = positions[i];
            if (!float.IsFinite(v))
                throw new ArgumentException($"'{name}' holds a non-finite coordinate ({v}) at point {i / 3}, axis {i % 3}", name);
            if (box is { } L && (v < 0 || v > L))
                throw new ArgumentException($"'{name}' point {i / 3} has coordinate {v} on axis {i % 3}, outside the periodic box [0, {L}] Mpc/h; wrap positions into the box first", name);
        }
        return positions.Length / 3;
    }

    private static void CheckWeights(float[]? weights, long n, string name)
    {
        if (weights is null) return;
        if (weights.Length != n)
            throw new ArgumentException($"'{name}' holds {weights.Length} weights for {n} points (expected one per point)", name);
        for (var i = 0; i < weights.Length; i++)
            if (!float.IsFinite(weights[i]))
                throw new ArgumentException($"'{name}' holds a non-finite weight ({weights[i]}) at point {i}", name);
    }

    /// <summary>Validates the edges and returns them squared in float32, the form the kernel compares with.</summary>
    private static float[] CheckEdges(double[] edges)
    {
        ArgumentNullException.ThrowIfNull(edges, "edgesMpcH");
        if (edges.Length < 2)
            throw new ArgumentException($"'edgesMpcH' needs at least 2 edges (one bin), got {edges.Length}", "edgesMpcH");
        for (var k = 0; k < edges.Length; k++)
        {
            if (!double.IsFinite(edges[k]) || edges[k] < 0 || (k > 0 && !(edges[k] > edges[k - 1])))
                throw new ArgumentException($"'edgesMpcH' must be finite, ≥ 0 and strictly increasing (Mpc/h); edge {k} is {edges[k]}", "edgesMpcH");
        }
        if (!(edges[^1] > 0))
            throw new ArgumentException("'edgesMpcH' must end at r_max > 0", "edgesMpcH");
        return edges.Select(e => (float)(e * e)).ToArray();
    }

    // ------------------------------------------------------------------ JSON

    /// <summary>nbodykit-style JSON: {"columns": {"r_low", "r_high", "npairs", "weighted", "r_mean"}, "attrs": {periodic, BoxSize, N1, N2, auto, convention}}.</summary>
    public string ToJson() => new JsonObject
    {
        ["columns"] = new JsonObject
        {
            ["r_low"] = ResultJson.Node(Edges[..^1]),
            ["r_high"] = ResultJson.Node(Edges[1..]),
            ["npairs"] = ResultJson.Node(Pairs),
            ["weighted"] = ResultJson.Node(WeightedPairs),
            ["r_mean"] = ResultJson.Node(MeanSeparation),
        },
        ["attrs"] = new JsonObject
        {
            ["periodic"] = Periodic,
            ["BoxSize"] = ResultJson.Node(BoxSize),
            ["N1"] = Count1,
            ["N2"] = Count2,
            ["auto"] = IsAuto,
            ["convention"] = Convention,
        },
    }.ToJsonString(ResultJson.Options);

    /// <summary>Reads what <see cref="ToJson"/> wrote (the values round-trip exactly).</summary>
    public static PairCounts FromJson(string json)
    {
        const string what = "pair counts";
        var (c, a) = ResultJson.ParseColumnsAttrs(json, what);
        var low = ResultJson.Read<double[]>(c, "r_low", what);
        var high = ResultJson.Read<double[]>(c, "r_high", what);
        var pairs = ResultJson.Read<long[]>(c, "npairs", what);
        var weighted = ResultJson.Read<double[]>(c, "weighted", what);
        var mean = ResultJson.Read<double[]>(c, "r_mean", what);
        if (low.Length == 0 || high.Length != low.Length || pairs.Length != low.Length || weighted.Length != low.Length || mean.Length != low.Length)
            throw new FormatException($"{what} JSON columns are empty or differ in length (r_low {low.Length}, r_high {high.Length}, npairs {pairs.Length}, weighted {weighted.Length}, r_mean {mean.Length})");
        return new PairCounts([.. low, high[^1]], pairs, weighted, mean,
            ResultJson.Read<bool>(a, "periodic", what), ResultJson.Read<double>(a, "BoxSize", what),
            ResultJson.Read<long>(a, "N1", what), ResultJson.Read<long>(a, "N2", what), ResultJson.Read<bool>(a, "auto", what));
    }
}
