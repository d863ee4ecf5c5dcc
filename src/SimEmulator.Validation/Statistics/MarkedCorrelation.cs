using System.Text.Json.Nodes;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Validation.Statistics;

/// <summary>
/// Marked correlation function M(r) of a periodic 3D overdensity field with White's (2016) density mark
/// m = [(1 + δs)/(1 + δs + δ_R)]^p, which up-weights low-density regions for p &gt; 0.
/// </summary>
/// <remarks>
/// <para>On the grid, ρ = 1 + δ per cell and δ_R is δ smoothed by <see cref="Smoothing.Apply"/> with radius R. With the
/// marked density ρ_m = m·ρ, W(r) is the correlation function of ρ_m/⟨ρ_m⟩ − 1 and ξ(r) that of ρ/⟨ρ⟩ − 1, both from
/// <see cref="CorrelationFunction"/> (same periodic separations and bins [b, b+1)·L/N), and
/// M(r) = [1 + W(r)]/[1 + ξ(r)] = Σ_pairs m_i m_j ρ_i ρ_j / (m̄² Σ_pairs ρ_i ρ_j) over the cell pairs of each bin,
/// m̄ = ⟨m ρ⟩/⟨ρ⟩ the density-weighted mean mark. M → 1 where marks are uncorrelated with the pairs.</para>
/// <para>The mark needs 1 + δs + δ_R &gt; 0 everywhere (when p ≠ 0) and ⟨ρ⟩ &gt; 0.</para>
/// </remarks>
/// <param name="R">Mean separation of each bin, Mpc/h.</param>
/// <param name="M">Marked correlation [1 + W]/[1 + ξ].</param>
/// <param name="Xi">ξ(r) of the unmarked field.</param>
/// <param name="W">W(r), the correlation of the marked density normalised by its mean.</param>
/// <param name="Separations">Grid offsets in each bin.</param>
/// <param name="M0">Zero-lag value [1 + W(0)]/[1 + ξ(0)] = ⟨m²ρ²⟩/(m̄²⟨ρ²⟩).</param>
/// <param name="BoxSize">L, Mpc/h.</param>
/// <param name="Nmesh">N, cells per side.</param>
/// <param name="BinWidth">L/N, Mpc/h.</param>
/// <param name="P">Mark exponent p.</param>
/// <param name="DeltaS">Mark offset δs.</param>
/// <param name="SmoothingRadius">R of δ_R, Mpc/h.</param>
/// <param name="Filter">Window of δ_R.</param>
/// <param name="MeanMark">m̄ = ⟨m ρ⟩/⟨ρ⟩.</param>
/// <param name="Estimator">The estimator, in words.</param>
public sealed record MarkedCorrelation(
    double[] R, double[] M, double[] Xi, double[] W, long[] Separations, double M0,
    double BoxSize, int Nmesh, double BinWidth, double P, double DeltaS, double SmoothingRadius, SmoothingFilter Filter,
    double MeanMark, string Estimator)
{
    public const string WhiteMark =
        "M(r) = [1+W(r)]/[1+xi(r)], W = xi of m*rho/<m*rho> - 1, m = ((1+ds)/(1+ds+delta_R))^p, grid pairs binned as CorrelationFunction";

    /// <summary>Number of radial bins.</summary>
    public int Count => R.Length;

    /// <summary>M(r) of a host cube of n³ overdensity values (C order, x slowest).</summary>
    public static MarkedCorrelation Compute(float[] delta, double boxSizeMpcH, double p = 1, double deltaS = 0.25,
        double radiusMpcH = 10, SmoothingFilter filter = SmoothingFilter.TopHat)
    {
        using var cube = Smoothing.CubeFromHost(delta, nameof(delta));
        return Compute(cube, boxSizeMpcH, p, deltaS, radiusMpcH, filter);
    }

    /// <summary>
    /// M(r) of an overdensity cube δ [N, N, N] of side <paramref name="boxSizeMpcH"/> (Mpc/h), with mark exponent
    /// <paramref name="p"/>, offset <paramref name="deltaS"/> and δ smoothed on <paramref name="radiusMpcH"/> by <paramref name="filter"/>.
    /// </summary>
    public static MarkedCorrelation Compute(Tensor delta, double boxSizeMpcH, double p = 1, double deltaS = 0.25,
        double radiusMpcH = 10, SmoothingFilter filter = SmoothingFilter.TopHat)
    {
        ArgumentNullException.ThrowIfNull(delta);
        Smoothing.CheckField(delta, boxSizeMpcH, nameof(delta), requiredRank: 3);
        CorrelationFunction xi, w;
        double meanMark;
        using (var scope = NewDisposeScope())
        {
            var rho = delta.to(ScalarType.Float64) + 1.0;
            var meanRho = rho.mean().item<double>();
            if (!(meanRho > 0))
                throw new ArgumentException($"'delta' must be an overdensity with mean density ⟨1 + δ⟩ > 0, got {meanRho}", nameof(delta));
            var mark = Mark(delta, boxSizeMpcH, p, deltaS, radiusMpcH, filter);
            var marked = mark * rho;
            var meanMarked = marked.mean().item<double>();
            if (!(meanMarked > 0))
                throw new ArgumentException($"the mean marked density ⟨m(1 + δ)⟩ = {meanMarked} must be positive", nameof(delta));
            meanMark = meanMarked / meanRho;
            xi = CorrelationFunction.Compute(rho / meanRho - 1.0, boxSizeMpcH);
            w = CorrelationFunction.Compute(marked / meanMarked - 1.0, boxSizeMpcH);
        }

        var m = new double[xi.Count];
        for (var b = 0; b < m.Length; b++) m[b] = (1 + w.Xi[b]) / (1 + xi.Xi[b]);
        return new MarkedCorrelation(xi.R, m, xi.Xi, w.Xi, xi.Separations, (1 + w.Xi0) / (1 + xi.Xi0),
            boxSizeMpcH, xi.Nmesh, xi.BinWidth, p, deltaS, radiusMpcH, filter, meanMark, WhiteMark);
    }

    /// <summary>The mark m = [(1 + δs)/(1 + δs + δ_R)]^p on the grid, a new float64 tensor on δ's device.</summary>
    public static Tensor Mark(Tensor delta, double boxSizeMpcH, double p = 1, double deltaS = 0.25,
        double radiusMpcH = 10, SmoothingFilter filter = SmoothingFilter.TopHat)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (!double.IsFinite(p)) throw new ArgumentOutOfRangeException(nameof(p), p, "the mark exponent p must be finite");
        if (!(deltaS > -1) || double.IsInfinity(deltaS))
            throw new ArgumentOutOfRangeException(nameof(deltaS), deltaS, "the mark offset δs must be finite and > −1 so that 1 + δs > 0");
        using var scope = NewDisposeScope();
        var smoothed = Smoothing.Apply(delta, boxSizeMpcH, filter, radiusMpcH);
        var denominator = smoothed + (1 + deltaS);
        if (p != 0)
        {
            var lowest = denominator.min().item<double>();
            if (!(lowest > 0))
                throw new ArgumentException(
                    $"the mark needs 1 + δs + δ_R > 0 everywhere, but its minimum is {lowest} (δs = {deltaS}, R = {radiusMpcH} Mpc/h); raise δs or smooth on a larger R", nameof(delta));
        }
        var mark = ((1 + deltaS) / denominator).pow(p);
        return mark.MoveToOuterDisposeScope();
    }

    /// <summary>nbodykit-style JSON: {"columns": {"r", "M", "xi", "W", "separations"}, "attrs": {BoxSize, Nmesh, BinWidth, p, delta_s, R, filter, ...}}.</summary>
    public string ToJson() => new JsonObject
    {
        ["columns"] = new JsonObject
        {
            ["r"] = ResultJson.Node(R),
            ["M"] = ResultJson.Node(M),
            ["xi"] = ResultJson.Node(Xi),
            ["W"] = ResultJson.Node(W),
            ["separations"] = ResultJson.Node(Separations),
        },
        ["attrs"] = new JsonObject
        {
            ["BoxSize"] = BoxSize,
            ["Nmesh"] = Nmesh,
            ["BinWidth"] = BinWidth,
            ["M0"] = ResultJson.Node(M0),
            ["p"] = ResultJson.Node(P),
            ["delta_s"] = ResultJson.Node(DeltaS),
            ["R"] = ResultJson.Node(SmoothingRadius),
            ["filter"] = Filter.ToString(),
            ["mean_mark"] = ResultJson.Node(MeanMark),
            ["estimator"] = Estimator,
        },
    }.ToJsonString(ResultJson.Options);

    /// <summary>Reads what <see cref="ToJson"/> wrote (the values round-trip exactly).</summary>
    public static MarkedCorrelation FromJson(string json)
    {
        const string what = "marked correlation function";
        var (c, a) = ResultJson.ParseColumnsAttrs(json, what);
        var r = ResultJson.Read<double[]>(c, "r", what);
        var m = ResultJson.Read<double[]>(c, "M", what);
        var xi = ResultJson.Read<double[]>(c, "xi", what);
        var w = ResultJson.Read<double[]>(c, "W", what);
        var separations = ResultJson.Read<long[]>(c, "separations", what);
        if (m.Length != r.Length || xi.Length != r.Length || w.Length != r.Length || separations.Length != r.Length)
            throw new FormatException($"{what} JSON columns differ in length (r {r.Length}, M {m.Length}, xi {xi.Length}, W {w.Length}, separations {separations.Length})");
        var filterName = ResultJson.Read<string>(a, "filter", what);
        if (!Enum.TryParse<SmoothingFilter>(filterName, out var filter))
            throw new FormatException($"{what} JSON \"filter\" must be one of {string.Join(", ", Enum.GetNames<SmoothingFilter>())}, got \"{filterName}\"");
        return new MarkedCorrelation(r, m, xi, w, separations, ResultJson.Read<double>(a, "M0", what),
            ResultJson.Read<double>(a, "BoxSize", what), ResultJson.Read<int>(a, "Nmesh", what), ResultJson.Read<double>(a, "BinWidth", what),
            ResultJson.Read<double>(a, "p", what), ResultJson.Read<double>(a, "delta_s", what), ResultJson.Read<double>(a, "R", what), filter,
            ResultJson.Read<double>(a, "mean_mark", what), ResultJson.Read<string>(a, "estimator", what));
    }
}
