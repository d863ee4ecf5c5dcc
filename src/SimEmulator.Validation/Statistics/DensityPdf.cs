using System.Text.Json.Nodes;
using SimEmulator.Torch;
using S = SimEmulator.Validation.Statistics.Smoothing;

namespace SimEmulator.Validation.Statistics;

/// <summary>
/// One-point PDF of 1+δ in log-spaced bins, optionally after top-hat or Gaussian smoothing: columns
/// <see cref="BinEdges"/>, <see cref="Density"/> (geometric bin centres of 1+δ), <see cref="Pdf"/> and <see cref="Counts"/>.
/// </summary>
/// <remarks>
/// <para><see cref="Pdf"/> is dP/d ln(1+δ): count_i / (N_cells · Δln(1+δ)_i), normalised by <em>all</em> cells, so
/// Σ Pdf_i·Δln_i + <see cref="FractionBelow"/> + <see cref="FractionAbove"/> = 1. Multiply by 1/(1+δ) for dP/d(1+δ).</para>
/// <para>Cells with 1+δ below the first edge (including 1+δ ≤ 0, where the log is undefined) count in FractionBelow;
/// cells at or above the last edge in FractionAbove. Bins are [e_i, e_{i+1}).</para>
/// <para>Attrs: <see cref="BoxSize"/> and <see cref="SmoothingRadius"/> in Mpc/h, <see cref="Nmesh"/> cells per side.</para>
/// </remarks>
public sealed record DensityPdf(
    double[] BinEdges,
    double[] Density,
    double[] Pdf,
    long[] Counts,
    double FractionBelow,
    double FractionAbove,
    long Cells,
    double BoxSize,
    int Nmesh,
    int Dimensions,
    SmoothingFilter Smoothing,
    double SmoothingRadius,
    string Normalization)
{
    public const string LogNormalization = "dP/dln(1+delta), normalised by all cells: sum(pdf*dln) + fraction_below + fraction_above = 1";

    /// <summary>PDF of 1+δ for a host cube of n³ values of δ (C order, x slowest), e.g. a <c>FieldSet</c> realization.</summary>
    public static DensityPdf Compute(float[] overdensity, double boxSizeMpcH, double minDensity = 1e-2, double maxDensity = 1e2, int bins = 40,
        SmoothingFilter smoothing = SmoothingFilter.None, double smoothingRadiusMpcH = 0)
    {
        using var cube = S.CubeFromHost(overdensity, nameof(overdensity));
        return Compute(cube, boxSizeMpcH, minDensity, maxDensity, bins, smoothing, smoothingRadiusMpcH);
    }

    /// <summary>
    /// PDF of 1+δ for an overdensity field δ (3D [N, N, N] or 2D [N, N]) of side <paramref name="boxSizeMpcH"/>, in
    /// <paramref name="bins"/> log-spaced bins from <paramref name="minDensity"/> to <paramref name="maxDensity"/> (values of 1+δ).
    /// </summary>
    public static DensityPdf Compute(Tensor overdensity, double boxSizeMpcH, double minDensity = 1e-2, double maxDensity = 1e2, int bins = 40,
        SmoothingFilter smoothing = SmoothingFilter.None, double smoothingRadiusMpcH = 0)
    {
        ArgumentNullException.ThrowIfNull(overdensity);
        var shape = S.CheckField(overdensity, boxSizeMpcH, nameof(overdensity));
        if (!(minDensity > 0) || !(maxDensity > minDensity) || double.IsInfinity(maxDensity))
            throw new ArgumentOutOfRangeException(nameof(minDensity), $"the 1+δ range must satisfy 0 < min < max < ∞, got [{minDensity}, {maxDensity}]");
        if (bins < 1)
            throw new ArgumentOutOfRangeException(nameof(bins), bins, "the number of bins must be ≥ 1");
        if (smoothing == SmoothingFilter.None && smoothingRadiusMpcH != 0)
            throw new ArgumentException($"a smoothing radius of {smoothingRadiusMpcH} Mpc/h was given with no filter; choose TopHat or Gaussian", nameof(smoothingRadiusMpcH));

        double[] delta;
        using (var smoothed = S.Apply(overdensity, boxSizeMpcH, smoothing, smoothingRadiusMpcH))
            delta = S.ToHost(smoothed);

        var logMin = Math.Log(minDensity);
        var logMax = Math.Log(maxDensity);
        var dLog = (logMax - logMin) / bins;
        var edges = new double[bins + 1];
        for (var i = 0; i <= bins; i++) edges[i] = Math.Exp(logMin + i * dLog);
        edges[0] = minDensity;
        edges[bins] = maxDensity;

        var counts = new long[bins];
        long below = 0, above = 0;
        foreach (var d in delta)
        {
            var rho = 1 + d;
            if (!(rho >= minDensity)) { below++; continue; } // also NaN and 1+δ ≤ 0
            if (rho >= maxDensity) { above++; continue; }
            var b = (int)((Math.Log(rho) - logMin) / dLog);
            // The log can land one bin off next to an edge; the edges themselves decide.
            if (b >= bins) b = bins - 1;
            while (b > 0 && rho < edges[b]) b--;
            while (b < bins - 1 && rho >= edges[b + 1]) b++;
            counts[b]++;
        }

        long cells = delta.Length;
        var pdf = new double[bins];
        var centres = new double[bins];
        for (var i = 0; i < bins; i++)
        {
            pdf[i] = counts[i] / (cells * (Math.Log(edges[i + 1]) - Math.Log(edges[i])));
            centres[i] = Math.Sqrt(edges[i] * edges[i + 1]);
        }
        return new DensityPdf(edges, centres, pdf, counts, (double)below / cells, (double)above / cells, cells, boxSizeMpcH,
            (int)shape[0], shape.Length, smoothing, smoothing == SmoothingFilter.None ? 0 : smoothingRadiusMpcH, LogNormalization);
    }

    /// <summary>Σ Pdf_i·Δln(1+δ)_i: the fraction of cells inside the binned range.</summary>
    public double IntegralInRange()
    {
        var s = 0.0;
        for (var i = 0; i < Pdf.Length; i++) s += Pdf[i] * (Math.Log(BinEdges[i + 1]) - Math.Log(BinEdges[i]));
        return s;
    }

    /// <summary>nbodykit-style JSON: {"columns": {"edges", "density", "pdf", "counts"}, "attrs": {BoxSize, Nmesh, smoothing, ...}}; "edges" has one more entry.</summary>
    public string ToJson() => new JsonObject
    {
        ["columns"] = new JsonObject
        {
            ["edges"] = ResultJson.Node(BinEdges),
            ["density"] = ResultJson.Node(Density),
            ["pdf"] = ResultJson.Node(Pdf),
            ["counts"] = ResultJson.Node(Counts),
        },
        ["attrs"] = new JsonObject
        {
            ["BoxSize"] = BoxSize,
            ["Nmesh"] = Nmesh,
            ["dimensions"] = Dimensions,
            ["cells"] = Cells,
            ["fraction_below"] = ResultJson.Node(FractionBelow),
            ["fraction_above"] = ResultJson.Node(FractionAbove),
            ["smoothing"] = Smoothing.ToString(),
            ["smoothing_radius"] = SmoothingRadius,
            ["normalization"] = Normalization,
        },
    }.ToJsonString(ResultJson.Options);

    /// <summary>Reads what <see cref="ToJson"/> wrote (the values round-trip exactly).</summary>
    public static DensityPdf FromJson(string json)
    {
        const string what = "density PDF";
        var (c, a) = ResultJson.ParseColumnsAttrs(json, what);
        var edges = ResultJson.Read<double[]>(c, "edges", what);
        var density = ResultJson.Read<double[]>(c, "density", what);
        var pdf = ResultJson.Read<double[]>(c, "pdf", what);
        var counts = ResultJson.Read<long[]>(c, "counts", what);
        if (density.Length != pdf.Length || counts.Length != pdf.Length || edges.Length != pdf.Length + 1)
            throw new FormatException($"{what} JSON columns disagree in length (edges {edges.Length}, density {density.Length}, pdf {pdf.Length}, counts {counts.Length})");
        var filterName = ResultJson.Read<string>(a, "smoothing", what);
        if (!Enum.TryParse<SmoothingFilter>(filterName, out var filter))
            throw new FormatException($"{what} JSON attribute \"smoothing\" is '{filterName}', expected None, TopHat or Gaussian");
        return new DensityPdf(edges, density, pdf, counts, ResultJson.Read<double>(a, "fraction_below", what), ResultJson.Read<double>(a, "fraction_above", what),
            ResultJson.Read<long>(a, "cells", what), ResultJson.Read<double>(a, "BoxSize", what), ResultJson.Read<int>(a, "Nmesh", what), ResultJson.Read<int>(a, "dimensions", what),
            filter, ResultJson.Read<double>(a, "smoothing_radius", what), ResultJson.Read<string>(a, "normalization", what));
    }
}
