using SimEmulator.Data.Layouts;

namespace SimEmulator.Validation.Statistics;

/// <summary>
/// ξ(r) of point catalogs from pair counts: the natural estimator DD/RR − 1 in a periodic box with analytic RR, and
/// Landy–Szalay (DD − 2DR + RR)/RR with a random catalog in open space.
/// </summary>
public static class CorrelationFromPairs
{
    public const string NaturalEstimator = "natural: xi = DD/RR - 1, periodic minimum image; ordered pairs; RR analytic = ((sum w)^2 - sum w^2) * V_shell / L^3 (N(N-1) V_shell / L^3 unweighted)";
    public const string LandySzalayEstimator = "Landy-Szalay: xi = (dd - 2 dr + rr)/rr, open space; dd = DD/((sum w_D)^2 - sum w_D^2), dr = DR/(sum w_D sum w_R), rr = RR/((sum w_R)^2 - sum w_R^2)";

    /// <summary>
    /// ξ = DD/RR − 1 of a catalog in its periodic box, RR the expected ordered pairs of a uniform catalog, exact for
    /// shells inside r ≤ L/2 (the minimum-image sphere); the catalog's weights are used when it has them.
    /// </summary>
    public static PairCorrelation Natural(Catalog catalog, double[] edgesMpcH)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(edgesMpcH);
        var box = catalog.BoxSizeMpcH;
        if (edgesMpcH.Length > 0 && edgesMpcH[^1] > box / 2)
            throw new ArgumentException($"the natural estimator's analytic RR holds for r ≤ L/2 = {box / 2} Mpc/h; 'edgesMpcH' ends at {edgesMpcH[^1]} Mpc/h", nameof(edgesMpcH));
        if (catalog.Count < 2)
            throw new ArgumentException($"'catalog' needs at least 2 points for pair counts, got {catalog.Count}", nameof(catalog));
        var dd = PairCounts.Auto(catalog, edgesMpcH, periodic: true);
        var (sum, sumSq) = WeightSums(catalog);
        var pairsTotal = sum * sum - sumSq; // Σ_{i≠j} w_i w_j
        var volume = box * box * box;
        var bins = dd.Count;
        var rr = new double[bins];
        var xi = new double[bins];
        for (var k = 0; k < bins; k++)
        {
            var lo = edgesMpcH[k]; var hi = edgesMpcH[k + 1];
            rr[k] = pairsTotal * (4.0 / 3.0 * Math.PI * (hi * hi * hi - lo * lo * lo)) / volume;
            xi[k] = dd.WeightedPairs[k] / rr[k] - 1;
        }
        var dr = Enumerable.Repeat(double.NaN, bins).ToArray();
        return Result(dd, dr, rr, xi, box, catalog.Count, 0, periodic: true, NaturalEstimator);
    }

    /// <summary>
    /// Landy–Szalay ξ of a data catalog against a random catalog sampling the same (any) volume, in open space (no
    /// periodic images); weights of either catalog are used when present. Use ≳ 10× more randoms than data points.
    /// </summary>
    public static PairCorrelation LandySzalay(Catalog data, Catalog randoms, double[] edgesMpcH)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(randoms);
        if (data.Count < 2) throw new ArgumentException($"'data' needs at least 2 points, got {data.Count}", nameof(data));
        if (randoms.Count < 2) throw new ArgumentException($"'randoms' needs at least 2 points, got {randoms.Count}", nameof(randoms));
        var dd = PairCounts.Auto(data, edgesMpcH, periodic: false);
        var dr = PairCounts.Cross(data, randoms, edgesMpcH, periodic: false, meanSeparation: false);
        var rr = PairCounts.Auto(randoms, edgesMpcH, periodic: false, meanSeparation: false);
        var (sd, sd2) = WeightSums(data);
        var (sr, sr2) = WeightSums(randoms);
        var bins = dd.Count;
        var xi = new double[bins];
        for (var k = 0; k < bins; k++)
        {
            var ddn = dd.WeightedPairs[k] / (sd * sd - sd2);
            var drn = dr.WeightedPairs[k] / (sd * sr);
            var rrn = rr.WeightedPairs[k] / (sr * sr - sr2);
            xi[k] = rrn > 0 ? (ddn - 2 * drn + rrn) / rrn : double.NaN;
        }
        return Result(dd, dr.WeightedPairs, rr.WeightedPairs, xi, data.BoxSizeMpcH, data.Count, randoms.Count, periodic: false, LandySzalayEstimator);
    }

    private static (double sum, double sumSq) WeightSums(Catalog c)
    {
        if (c.Weights is not { } w) return (c.Count, c.Count);
        double s = 0, s2 = 0;
        foreach (var v in w) { s += v; s2 += (double)v * v; }
        return (s, s2);
    }

    private static PairCorrelation Result(PairCounts dd, double[] dr, double[] rr, double[] xi, double box, long n, long nr, bool periodic, string estimator)
    {
        var low = dd.Edges[..^1];
        var high = dd.Edges[1..];
        var r = dd.MeanSeparation.Select((m, k) => double.IsNaN(m) ? (low[k] + high[k]) / 2 : m).ToArray();
        return new PairCorrelation(r, low, high, dd.WeightedPairs, dr, rr, xi, box, n, nr, periodic, estimator);
    }
}
