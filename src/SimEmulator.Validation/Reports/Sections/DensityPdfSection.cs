using System.Text.Json.Nodes;
using SimEmulator.Validation.Reports.Svg;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Validation.Reports.Sections;

/// <summary>Mean one-point PDF dP/dln(1+δ) of both sets and their ratio, checked in bins the reference populates.</summary>
public sealed class DensityPdfSection(ValidationContext context) : ValidationSection(context)
{
    private readonly List<double[]> reference = [], candidate = [];
    private readonly List<double> referenceBelow = [], candidateBelow = [];
    private double[] density = [], edges = [];

    public override string Id => "density_pdf";
    public override string Title => "Density PDF";

    public override void Add(Realization r)
    {
        var pdf = r.DensityPdf;
        if (density.Length == 0) (density, edges) = (pdf.Density, pdf.BinEdges);
        (r.Role == SetRole.Reference ? reference : candidate).Add(pdf.Pdf);
        (r.Role == SetRole.Reference ? referenceBelow : candidateBelow).Add(pdf.FractionBelow);
    }

    public override SectionResult Finish()
    {
        var o = Context.Config.DensityPdf;
        var dln = Enumerable.Range(0, density.Length).Select(i => Math.Log(edges[i + 1] / edges[i])).ToArray();
        var (refMean, _) = BinwiseComparison.MeanAndSigma(reference, density.Length, "reference");
        var c = BinwiseComparison.Compute(density, reference, candidate, o.RelativeTolerance, Context.Config.NoiseSigmas,
            i => refMean[i] * dln[i] >= o.MinProbability && refMean[i] > 0);
        var check = c.ToCheck(Id, "PDF mean ratio", "1+δ", "");
        var svg = ComparisonPlot.Render(c, "PDF of 1+δ: mean of each set", "1+δ", "dP/dln(1+δ)", AxisScale.Log, AxisScale.Log);
        var smoothing = ValidationConfig.ParseFilter(o.Smoothing) is SmoothingFilter.None or null ? "no smoothing" : $"{o.Smoothing} smoothing R = {Fmt.G(o.SmoothingRadiusMpch, 4)} Mpc/h";
        var html = Html.Figure(svg, $"dP/dln(1+δ) in {o.Bins} log bins ({smoothing}); bins holding ≥ {Fmt.G(o.MinProbability, 3)} of the reference's cells are shown and checked " +
                                    $"(within ±{Fmt.Percent(o.RelativeTolerance)} or {Fmt.G(Context.Config.NoiseSigmas, 3)}σ).");
        var numbers = new JsonObject
        {
            ["edges"] = ResultJson.Node(edges),
            ["smoothing"] = o.Smoothing,
            ["smoothing_radius"] = o.SmoothingRadiusMpch,
            ["reference_fraction_below"] = referenceBelow.Average(),
            ["candidate_fraction_below"] = candidateBelow.Average(),
            ["comparison"] = c.ToJsonNode(),
        };
        return new SectionResult(Id, Title, [check], numbers, [], html);
    }
}
