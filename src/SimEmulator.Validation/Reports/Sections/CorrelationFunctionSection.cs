using System.Text.Json.Nodes;
using SimEmulator.Validation.Reports.Svg;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Validation.Reports.Sections;

/// <summary>Mean ξ(r) of both sets with ±1σ bands and their difference in units of its standard error, up to r_max (L/2).</summary>
public sealed class CorrelationFunctionSection(ValidationContext context) : ValidationSection(context)
{
    private readonly List<double[]> reference = [], candidate = [];
    private double[] r = [];

    public override string Id => "correlation_function";
    public override string Title => "Correlation function ξ(r)";

    public override void Add(Realization realization)
    {
        var xi = CorrelationFunction.Compute(realization.Delta, Context.BoxSizeMpcH);
        if (r.Length == 0) r = xi.R;
        (realization.Role == SetRole.Reference ? reference : candidate).Add(xi.Xi);
    }

    public override SectionResult Finish()
    {
        var o = Context.Config.CorrelationFunction;
        var rMax = o.RMaxMpch > 0 ? o.RMaxMpch : Context.BoxSizeMpcH / 2;
        var c = BinwiseComparison.Compute(r, reference, candidate, o.RelativeTolerance, Context.Config.NoiseSigmas, i => r[i] <= rMax);
        var check = c.ToCheck(Id, "ξ(r) mean difference", "r", "Mpc/h", relative: false);

        var idx = Enumerable.Range(0, r.Length).Where(i => c.Included[i]).ToArray();
        double[] Pick(double[] a) => idx.Select(i => a[i]).ToArray();
        var x = Pick(r);
        var main = new Panel("r [Mpc/h]", "ξ(r)") { Title = "ξ(r): mean of each set" }
            .HLine(0, Palette.Neutral)
            .MeanWithBand(x, Pick(c.ReferenceMean), Pick(c.ReferenceSigma), Palette.Reference, $"reference (N={c.ReferenceCount}) ±1σ")
            .MeanWithBand(x, Pick(c.CandidateMean), Pick(c.CandidateSigma), Palette.Candidate, $"candidate (N={c.CandidateCount}) ±1σ");
        var pull = idx.Select(i => c.DifferenceError[i] > 0 ? c.Difference[i] / c.DifferenceError[i] : 0).ToArray();
        var n = Context.Config.NoiseSigmas;
        var half = Math.Max(n > 0 ? n * 1.3 : 3, pull.Select(Math.Abs).DefaultIfEmpty(0).Max() * 1.1);
        var lower = new Panel("r [Mpc/h]", "Δξ / σ_Δ") { YMin = -half, YMax = half }
            .HBand(-n, n, Palette.Tolerance).HLine(0, Palette.Neutral).Line(x, pull, Palette.Candidate, markers: true);
        var html = Html.Figure(SvgFigure.WithRatio(main, lower),
            $"Mean ξ(r) with ±1σ bands for r ≤ {Fmt.G(rMax, 4)} Mpc/h; lower panel: (ξ_cand − ξ_ref)/σ_Δ with the ±{Fmt.G(n, 3)}σ band. " +
            $"A bin passes when |Δξ| ≤ max({Fmt.Percent(o.RelativeTolerance)}·|ξ_ref|, {Fmt.G(n, 3)}σ_Δ).");
        var numbers = new JsonObject { ["r_max"] = rMax, ["estimator"] = CorrelationFunction.FftEstimator, ["comparison"] = c.ToJsonNode() };
        return new SectionResult(Id, Title, [check], numbers, [], html);
    }
}
