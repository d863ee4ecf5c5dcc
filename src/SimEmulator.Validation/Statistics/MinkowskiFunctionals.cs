using System.Text.Json.Nodes;
using SimEmulator.Torch;

namespace SimEmulator.Validation.Statistics;

/// <summary>
/// The three 2D Minkowski functionals V0 (area), V1 (boundary length) and V2 (Euler characteristic) of the excursion
/// sets of a periodic map, or of the slices of a cube, against the threshold ν in units of the standard deviation.
/// </summary>
/// <remarks>
/// <para>The estimator is LensTools' <c>ConvergenceMap.minkowskiFunctionals</c> applied to the standardised map
/// u = (κ − κ̄)/σ0 (σ0 with 1/N_pixels), so that the functionals do not change when the map is scaled or shifted:
/// V0(ν) = fraction of pixels with u ≥ ν; V1(ν) = (1/4A)∫δ(u − ν)|∇u| dA; V2(ν) = (1/2πA)∫δ(u − ν)
/// (2u_x u_y u_xy − u_x² u_yy − u_y² u_xx)/(u_x² + u_y²) dA. Derivatives are LensTools' periodic central differences
/// (u_x = [u(i+1) − u(i−1)]/2h, u_xx = [u(i+2) + u(i−2) − 2u(i)]/4h², u_xy from the four diagonal neighbours over 4h²,
/// h = L/N); δ(u − ν) is the pixel fraction in the bin ν − w/2 ≤ u &lt; ν + w/2 divided by w, as LensTools bins between
/// threshold edges. Where the gradient vanishes the V2 integrand takes its direction average −(u_xx + u_yy)/2.</para>
/// <para>Units: V0 dimensionless, V1 in h/Mpc, V2 in (h/Mpc)²; LensTools' per-pixel values are V1·h and V2·h². For a
/// Gaussian field (Tomita 1986; Matsubara 2010) V0 = ½ erfc(ν/√2), V1 = (σ1/σ0)/(8√2)·e^{−ν²/2},
/// V2 = σ1²/(2σ0²)·ν e^{−ν²/2}/(2π)^{3/2}, with σ1² = ⟨|∇κ|²⟩ from the same differences.</para>
/// </remarks>
/// <param name="Nu">Thresholds ν, in units of σ0 above the mean.</param>
/// <param name="V0">Area fraction with u ≥ ν.</param>
/// <param name="V1">Boundary length per unit area over 4, h/Mpc.</param>
/// <param name="V2">Integrated boundary curvature per unit area over 2π, (h/Mpc)².</param>
/// <param name="BinWidth">w, the width in ν of the bin that stands for δ(u − ν).</param>
/// <param name="Mean">κ̄ of the input over all pixels.</param>
/// <param name="Sigma">σ0 of the input over all pixels (1/N).</param>
/// <param name="BoxSize">Side of each map, Mpc/h.</param>
/// <param name="Nmesh">Pixels per side.</param>
/// <param name="Maps">Number of maps averaged (1, or the slices of a cube).</param>
/// <param name="Definition">The estimator, in words.</param>
public sealed record MinkowskiFunctionals(
    double[] Nu, double[] V0, double[] V1, double[] V2,
    double BinWidth, double Mean, double Sigma, double BoxSize, int Nmesh, int Maps, string Definition)
{
    public const string LensToolsDefinition =
        "LensTools minkowskiFunctionals on u=(kappa-mean)/sigma: periodic central differences, delta(u-nu) as bin [nu-w/2, nu+w/2)/w, V0 = frac(u >= nu); V1 in h/Mpc, V2 in (h/Mpc)^2";

    /// <summary>The default thresholds ν = −3, −2.8, …, 3 (bin width 0.2).</summary>
    public static double[] DefaultThresholds => Enumerable.Range(0, 31).Select(i => -3 + 0.2 * i).ToArray();

    /// <summary>Number of thresholds.</summary>
    public int Count => Nu.Length;

    /// <summary>Minkowski functionals of a periodic map [N, N] of side <paramref name="boxSizeMpcH"/> (Mpc/h).</summary>
    /// <param name="map">The map, e.g. a convergence map or a projected density.</param>
    /// <param name="boxSizeMpcH">Side of the map, Mpc/h; sets the units of V1 and V2.</param>
    /// <param name="thresholds">ν values (units of σ0 above the mean); <see cref="DefaultThresholds"/> when null.</param>
    /// <param name="binWidth">Width w of the δ-function bins; the smallest spacing of the thresholds when null.</param>
    public static MinkowskiFunctionals Compute(Tensor map, double boxSizeMpcH, double[]? thresholds = null, double? binWidth = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        var shape = Smoothing.CheckField(map, boxSizeMpcH, nameof(map), requiredRank: 2);
        var n = (int)shape[0];
        CheckSide(n, shape, nameof(map));
        return FromMaps(Smoothing.ToHost(map), n, 1, boxSizeMpcH, thresholds, binWidth);
    }

    /// <summary>
    /// Minkowski functionals averaged over the N slices of a cube [N, N, N] perpendicular to <paramref name="axis"/>
    /// (every <paramref name="stride"/>-th slice from the first when stride &gt; 1); ν is in units of σ0 above the mean of
    /// the slices measured (the whole cube for stride 1), so every slice is measured against the same levels.
    /// </summary>
    public static MinkowskiFunctionals ForCubeSlices(Tensor cube, double boxSizeMpcH, int axis = 0, double[]? thresholds = null, double? binWidth = null, int stride = 1)
    {
        ArgumentNullException.ThrowIfNull(cube);
        var shape = Smoothing.CheckField(cube, boxSizeMpcH, nameof(cube), requiredRank: 3);
        if (axis is < 0 or > 2)
            throw new ArgumentOutOfRangeException(nameof(axis), axis, "'axis' (the axis perpendicular to the slices) must be 0, 1 or 2");
        if (stride < 1)
            throw new ArgumentOutOfRangeException(nameof(stride), stride, "'stride' (measure every stride-th slice) must be ≥ 1");
        var n = (int)shape[0];
        CheckSide(n, shape, nameof(cube));
        double[] slices;
        // Slices perpendicular to the axis become the leading index; the other two keep their order.
        using (var moved = cube.permute(axis switch { 0 => [0, 1, 2], 1 => [1, 0, 2], _ => [2, 0, 1] }))
            slices = Smoothing.ToHost(moved);
        var maps = (n + stride - 1) / stride;
        if (stride > 1)
        {
            var plane = (long)n * n;
            var kept = new double[maps * plane];
            for (var m = 0; m < maps; m++) Array.Copy(slices, m * stride * plane, kept, m * plane, plane);
            slices = kept;
        }
        return FromMaps(slices, n, maps, boxSizeMpcH, thresholds, binWidth);
    }

    /// <summary>Slices of a host cube of n³ values (C order, x slowest), e.g. a <c>FieldSet</c> realization.</summary>
    public static MinkowskiFunctionals ForCubeSlices(float[] cube, double boxSizeMpcH, int axis = 0, double[]? thresholds = null, double? binWidth = null, int stride = 1)
    {
        using var field = Smoothing.CubeFromHost(cube, nameof(cube));
        return ForCubeSlices(field, boxSizeMpcH, axis, thresholds, binWidth, stride);
    }

    private static void CheckSide(int n, long[] shape, string name)
    {
        if (n < 5)
            throw new ArgumentException($"the second differences reach ±2 pixels, so the map needs N ≥ 5 per side, got shape [{string.Join(", ", shape)}]", name);
    }

    /// <summary>The functionals of <paramref name="maps"/> maps of n × n pixels stored one after another (C order).</summary>
    private static MinkowskiFunctionals FromMaps(double[] values, int n, int maps, double boxSize, double[]? thresholds, double? binWidth)
    {
        var nu = (double[])(thresholds ?? DefaultThresholds).Clone();
        if (nu.Length == 0 || nu.Any(t => !double.IsFinite(t)))
            throw new ArgumentException("give at least one threshold ν, all finite", nameof(thresholds));
        var w = binWidth ?? DefaultBinWidth(nu);
        if (!(w > 0) || double.IsInfinity(w))
            throw new ArgumentOutOfRangeException(nameof(binWidth), w, "the δ-function bin width must be positive and finite (units of σ)");

        var mean = values.Average();
        var variance = 0.0;
        foreach (var v in values) variance += (v - mean) * (v - mean);
        var sigma = Math.Sqrt(variance / values.Length);
        if (!(sigma > 0))
            throw new ArgumentException("the map is constant (σ = 0): its excursion sets are empty or everything, so ν in units of σ is undefined", "map");
        var u = new double[values.Length];
        for (var i = 0; i < u.Length; i++) u[i] = (values[i] - mean) / sigma;

        var h = boxSize / n;
        var t = nu.Length;
        var pixels = (long)n * n;
        // One row of partial sums per map, merged in order: the same bytes for any thread count.
        var partial = new double[maps][];
        Parallel.For(0, maps, s =>
        {
            var sums = new double[3 * t];
            var offset = s * pixels;
            int At(int i, int j) => (int)(offset + (long)Wrap(i, n) * n + Wrap(j, n));
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                {
                    var c = u[At(i, j)];
                    var gx = (u[At(i + 1, j)] - u[At(i - 1, j)]) / (2 * h);
                    var gy = (u[At(i, j + 1)] - u[At(i, j - 1)]) / (2 * h);
                    var hxx = (u[At(i + 2, j)] + u[At(i - 2, j)] - 2 * c) / (4 * h * h);
                    var hyy = (u[At(i, j + 2)] + u[At(i, j - 2)] - 2 * c) / (4 * h * h);
                    var hxy = (u[At(i + 1, j + 1)] + u[At(i - 1, j - 1)] - u[At(i - 1, j + 1)] - u[At(i + 1, j - 1)]) / (4 * h * h);
                    var g2 = gx * gx + gy * gy;
                    var length = 0.25 * Math.Sqrt(g2);
                    var curvature = (g2 == 0 ? -(hxx + hyy) / 2 : (2 * gx * gy * hxy - gx * gx * hyy - gy * gy * hxx) / g2) / (2 * Math.PI);
                    for (var b = 0; b < t; b++)
                    {
                        if (c >= nu[b]) sums[b] += 1;
                        if (c >= nu[b] - w / 2 && c < nu[b] + w / 2)
                        {
                            sums[t + b] += length;
                            sums[2 * t + b] += curvature;
                        }
                    }
                }
            partial[s] = sums;
        });

        var total = new double[3 * t];
        foreach (var sums in partial)
            for (var i = 0; i < total.Length; i++) total[i] += sums[i];
        var area = (double)pixels * maps;
        var v0 = new double[t]; var v1 = new double[t]; var v2 = new double[t];
        for (var b = 0; b < t; b++)
        {
            v0[b] = total[b] / area;
            v1[b] = total[t + b] / (area * w);
            v2[b] = total[2 * t + b] / (area * w);
        }
        return new MinkowskiFunctionals(nu, v0, v1, v2, w, mean, sigma, boxSize, n, maps, LensToolsDefinition);
    }

    /// <summary>The smallest spacing between distinct thresholds, so neighbouring bins do not overlap; 0.2 for a single ν.</summary>
    private static double DefaultBinWidth(double[] nu)
    {
        var sorted = nu.Distinct().Order().ToArray();
        if (sorted.Length < 2) return 0.2;
        var w = double.PositiveInfinity;
        for (var i = 1; i < sorted.Length; i++) w = Math.Min(w, sorted[i] - sorted[i - 1]);
        return w;
    }

    private static int Wrap(int i, int n) => ((i % n) + n) % n;

    /// <summary>nbodykit-style JSON: {"columns": {"nu", "V0", "V1", "V2"}, "attrs": {BoxSize, Nmesh, maps, bin_width, mean, sigma, definition}}.</summary>
    public string ToJson() => new JsonObject
    {
        ["columns"] = new JsonObject
        {
            ["nu"] = ResultJson.Node(Nu),
            ["V0"] = ResultJson.Node(V0),
            ["V1"] = ResultJson.Node(V1),
            ["V2"] = ResultJson.Node(V2),
        },
        ["attrs"] = new JsonObject
        {
            ["BoxSize"] = BoxSize,
            ["Nmesh"] = Nmesh,
            ["maps"] = Maps,
            ["bin_width"] = ResultJson.Node(BinWidth),
            ["mean"] = ResultJson.Node(Mean),
            ["sigma"] = ResultJson.Node(Sigma),
            ["definition"] = Definition,
        },
    }.ToJsonString(ResultJson.Options);

    /// <summary>Reads what <see cref="ToJson"/> wrote (the values round-trip exactly).</summary>
    public static MinkowskiFunctionals FromJson(string json)
    {
        const string what = "Minkowski functionals";
        var (c, a) = ResultJson.ParseColumnsAttrs(json, what);
        var nu = ResultJson.Read<double[]>(c, "nu", what);
        var v0 = ResultJson.Read<double[]>(c, "V0", what);
        var v1 = ResultJson.Read<double[]>(c, "V1", what);
        var v2 = ResultJson.Read<double[]>(c, "V2", what);
        if (v0.Length != nu.Length || v1.Length != nu.Length || v2.Length != nu.Length)
            throw new FormatException($"{what} JSON columns differ in length (nu {nu.Length}, V0 {v0.Length}, V1 {v1.Length}, V2 {v2.Length})");
        return new MinkowskiFunctionals(nu, v0, v1, v2, ResultJson.Read<double>(a, "bin_width", what), ResultJson.Read<double>(a, "mean", what),
            ResultJson.Read<double>(a, "sigma", what), ResultJson.Read<double>(a, "BoxSize", what), ResultJson.Read<int>(a, "Nmesh", what),
            ResultJson.Read<int>(a, "maps", what), ResultJson.Read<string>(a, "definition", what));
    }
}
