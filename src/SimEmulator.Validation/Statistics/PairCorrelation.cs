using System.Text.Json.Nodes;

namespace SimEmulator.Validation.Statistics;

/// <summary>
/// ξ(r) of a point catalog from pair counts (<see cref="CorrelationFromPairs"/>): columns <see cref="R"/>,
/// <see cref="RLow"/>, <see cref="RHigh"/>, <see cref="DD"/>, <see cref="DR"/>, <see cref="RR"/> and <see cref="Xi"/>.
/// </summary>
/// <remarks>
/// Counts are raw weighted ordered pairs (see <see cref="PairCounts"/>): DD totals (Σw)² − Σw² over all separations.
/// DR is NaN for the natural estimator, whose RR is analytic. Attrs: <see cref="BoxSize"/> L (Mpc/h), <see cref="N"/>
/// data points, <see cref="NRandoms"/> random points (0 with an analytic RR), <see cref="Periodic"/>, <see cref="Estimator"/>.
/// </remarks>
/// <param name="R">Mean separation of the DD pairs in each bin, Mpc/h; the bin centre (r_low + r_high)/2 where DD is empty.</param>
/// <param name="RLow">Lower bin edge, Mpc/h.</param>
/// <param name="RHigh">Upper bin edge, Mpc/h.</param>
public sealed record PairCorrelation(
    double[] R,
    double[] RLow,
    double[] RHigh,
    double[] DD,
    double[] DR,
    double[] RR,
    double[] Xi,
    double BoxSize,
    long N,
    long NRandoms,
    bool Periodic,
    string Estimator)
{
    /// <summary>Number of radial bins.</summary>
    public int Count => R.Length;

    /// <summary>nbodykit-style JSON: {"columns": {"r", "r_low", "r_high", "DD", "DR", "RR", "xi"}, "attrs": {BoxSize, N, N_randoms, periodic, estimator}}.</summary>
    public string ToJson() => new JsonObject
    {
        ["columns"] = new JsonObject
        {
            ["r"] = ResultJson.Node(R),
            ["r_low"] = ResultJson.Node(RLow),
            ["r_high"] = ResultJson.Node(RHigh),
            ["DD"] = ResultJson.Node(DD),
            ["DR"] = ResultJson.Node(DR),
            ["RR"] = ResultJson.Node(RR),
            ["xi"] = ResultJson.Node(Xi),
        },
        ["attrs"] = new JsonObject
        {
            ["BoxSize"] = ResultJson.Node(BoxSize),
            ["N"] = N,
            ["N_randoms"] = NRandoms,
            ["periodic"] = Periodic,
            ["estimator"] = Estimator,
        },
    }.ToJsonString(ResultJson.Options);

    /// <summary>Reads what <see cref="ToJson"/> wrote (the values round-trip exactly).</summary>
    public static PairCorrelation FromJson(string json)
    {
        const string what = "pair correlation function";
        var (c, a) = ResultJson.ParseColumnsAttrs(json, what);
        double[] Column(string key) => ResultJson.Read<double[]>(c, key, what);
        var r = Column("r");
        var columns = new[] { Column("r_low"), Column("r_high"), Column("DD"), Column("DR"), Column("RR"), Column("xi") };
        if (columns.Any(col => col.Length != r.Length))
            throw new FormatException($"{what} JSON columns differ in length (r {r.Length}; r_low, r_high, DD, DR, RR, xi: {string.Join(", ", columns.Select(col => col.Length))})");
        return new PairCorrelation(r, columns[0], columns[1], columns[2], columns[3], columns[4], columns[5],
            ResultJson.Read<double>(a, "BoxSize", what), ResultJson.Read<long>(a, "N", what), ResultJson.Read<long>(a, "N_randoms", what),
            ResultJson.Read<bool>(a, "periodic", what), ResultJson.Read<string>(a, "estimator", what));
    }
}
