using System.Text.Json.Nodes;
using SimEmulator.Torch;

namespace SimEmulator.Validation.Statistics;

/// <summary>
/// Cumulative peak counts of a periodic 3D cube or 2D map: columns <see cref="Nu"/>, <see cref="Counts"/> (peaks with
/// height &gt; mean + ν·σ) and <see cref="NumberDensity"/> (per (Mpc/h)³ in 3D, per (Mpc/h)² in 2D).
/// </summary>
/// <remarks>
/// A peak is a cell strictly greater than all 26 (3D) or 8 (2D) periodic neighbours, so a plateau of equal values holds
/// no peak and each cell is tested once (a maximum on the box edge counts once). σ is the population standard deviation
/// (1/N_cells) of the field as given; smooth it first with <see cref="Smoothing.Apply"/> if the statistic needs a scale.
/// Attrs: <see cref="BoxSize"/> L in Mpc/h, <see cref="Nmesh"/> cells per side, <see cref="Dimensions"/> 2 or 3.
/// </remarks>
public sealed record PeakCounts(
    double[] Nu,
    long[] Counts,
    double[] NumberDensity,
    long TotalPeaks,
    double Mean,
    double Sigma,
    double BoxSize,
    int Nmesh,
    int Dimensions,
    string Definition)
{
    public const string StrictMaximum = "cell strictly above all 3^D-1 periodic neighbours; counts are cumulative, height > mean + nu*sigma, sigma with 1/N";

    /// <summary>Peak counts of a host cube of n³ values (C order, x slowest), e.g. a <c>FieldSet</c> realization.</summary>
    public static PeakCounts Compute(float[] cube, double boxSizeMpcH, double[]? thresholds = null)
    {
        using var field = Smoothing.CubeFromHost(cube, nameof(cube));
        return Compute(field, boxSizeMpcH, thresholds);
    }

    /// <summary>The default thresholds ν = 0, 0.5, …, 4.</summary>
    public static double[] DefaultThresholds => Enumerable.Range(0, 9).Select(i => 0.5 * i).ToArray();

    /// <summary>Peak counts of a field [N, N, N] or [N, N] (N ≥ 3) of side <paramref name="boxSizeMpcH"/> above each threshold ν·σ.</summary>
    public static PeakCounts Compute(Tensor field, double boxSizeMpcH, double[]? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(field);
        var shape = Smoothing.CheckField(field, boxSizeMpcH, nameof(field));
        if (shape[0] < 3)
            throw new ArgumentException($"peak finding needs N ≥ 3 per side so that the neighbours are distinct cells, got shape [{string.Join(", ", shape)}]", nameof(field));
        thresholds ??= DefaultThresholds;
        if (thresholds.Length == 0 || thresholds.Any(t => double.IsNaN(t)))
            throw new ArgumentException("give at least one threshold ν, none NaN", nameof(thresholds));

        var values = Smoothing.ToHost(field);
        var n = (int)shape[0];
        var dims = shape.Length;
        var heights = FindPeakHeights(values, n, dims);

        var mean = values.Average();
        var variance = 0.0;
        foreach (var v in values) variance += (v - mean) * (v - mean);
        var sigma = Math.Sqrt(variance / values.Length);

        var volume = Math.Pow(boxSizeMpcH, dims);
        var counts = new long[thresholds.Length];
        var density = new double[thresholds.Length];
        for (var t = 0; t < thresholds.Length; t++)
        {
            var level = mean + thresholds[t] * sigma;
            counts[t] = heights.LongCount(h => h > level);
            density[t] = counts[t] / volume;
        }
        return new PeakCounts((double[])thresholds.Clone(), counts, density, heights.Length, mean, sigma, boxSizeMpcH, n, dims, StrictMaximum);
    }

    /// <summary>Heights of the strict periodic local maxima of a C-order field with N per side in 2 or 3 dimensions.</summary>
    public static double[] FindPeakHeights(ReadOnlySpan<double> values, int n, int dimensions)
    {
        if (dimensions is not (2 or 3))
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, "peaks are found in 2D maps or 3D cubes");
        if (n < 3)
            throw new ArgumentOutOfRangeException(nameof(n), n, "peak finding needs N ≥ 3 per side");
        long cells = dimensions == 3 ? (long)n * n * n : (long)n * n;
        if (values.Length != cells)
            throw new ArgumentException($"expected {cells} values for N = {n} in {dimensions}D, got {values.Length}", nameof(values));

        var peaks = new List<double>();
        // A 2D map is walked as the single slice i = 0 with no i-neighbours.
        var ni = dimensions == 3 ? n : 1;
        for (var i = 0; i < ni; i++)
            for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++)
                {
                    var centre = values[Index(i, j, k, n, dimensions)];
                    if (IsStrictMaximum(values, i, j, k, n, dimensions, centre)) peaks.Add(centre);
                }
        return peaks.ToArray();
    }

    private static bool IsStrictMaximum(ReadOnlySpan<double> values, int i, int j, int k, int n, int dimensions, double centre)
    {
        var di0 = dimensions == 3 ? -1 : 0;
        var di1 = dimensions == 3 ? 1 : 0;
        for (var di = di0; di <= di1; di++)
        {
            var ii = Wrap(i + di, n);
            for (var dj = -1; dj <= 1; dj++)
            {
                var jj = Wrap(j + dj, n);
                for (var dk = -1; dk <= 1; dk++)
                {
                    if (di == 0 && dj == 0 && dk == 0) continue;
                    if (!(centre > values[Index(ii, jj, Wrap(k + dk, n), n, dimensions)])) return false;
                }
            }
        }
        return true;
    }

    private static int Wrap(int i, int n) => i < 0 ? i + n : i >= n ? i - n : i;

    private static int Index(int i, int j, int k, int n, int dimensions) =>
        dimensions == 3 ? (i * n + j) * n + k : j * n + k;

    /// <summary>nbodykit-style JSON: {"columns": {"nu", "counts", "number_density"}, "attrs": {BoxSize, Nmesh, dimensions, mean, sigma, ...}}.</summary>
    public string ToJson() => new JsonObject
    {
        ["columns"] = new JsonObject
        {
            ["nu"] = ResultJson.Node(Nu),
            ["counts"] = ResultJson.Node(Counts),
            ["number_density"] = ResultJson.Node(NumberDensity),
        },
        ["attrs"] = new JsonObject
        {
            ["BoxSize"] = BoxSize,
            ["Nmesh"] = Nmesh,
            ["dimensions"] = Dimensions,
            ["total_peaks"] = TotalPeaks,
            ["mean"] = ResultJson.Node(Mean),
            ["sigma"] = ResultJson.Node(Sigma),
            ["definition"] = Definition,
        },
    }.ToJsonString(ResultJson.Options);

    /// <summary>Reads what <see cref="ToJson"/> wrote (the values round-trip exactly).</summary>
    public static PeakCounts FromJson(string json)
    {
        const string what = "peak counts";
        var (c, a) = ResultJson.ParseColumnsAttrs(json, what);
        var nu = ResultJson.Read<double[]>(c, "nu", what);
        var counts = ResultJson.Read<long[]>(c, "counts", what);
        var density = ResultJson.Read<double[]>(c, "number_density", what);
        if (counts.Length != nu.Length || density.Length != nu.Length)
            throw new FormatException($"{what} JSON columns differ in length (nu {nu.Length}, counts {counts.Length}, number_density {density.Length})");
        return new PeakCounts(nu, counts, density, ResultJson.Read<long>(a, "total_peaks", what), ResultJson.Read<double>(a, "mean", what),
            ResultJson.Read<double>(a, "sigma", what), ResultJson.Read<double>(a, "BoxSize", what), ResultJson.Read<int>(a, "Nmesh", what),
            ResultJson.Read<int>(a, "dimensions", what), ResultJson.Read<string>(a, "definition", what));
    }
}
