using System.Text.Json.Nodes;
using SimEmulator.Validation.Reports.Svg;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Validation.Reports.Sections;

/// <summary>
/// Mean marked correlation M(r) of both sets with White's density mark (up-weighting low densities for p &gt; 0), and their
/// ratio, checked bin by bin up to r_max: it tests how the clustering depends on the local density, e.g. of voids.
/// </summary>
public sealed class MarkedCorrelationSection(ValidationContext context) : ValidationSection(context)
{
    private readonly List<double[]> reference = [], candidate = [];
    private readonly List<string> skipped = [];
    private double[] r = [];
    private double meanMarkReference, meanMarkCandidate;

    public override string Id => "marked_correlation";
    public override string Title => "Marked correlation M(r)";

    private int Limit(SetRole role)
    {
        var max = Context.Config.MarkedCorrelation.MaxRealizations;
        var n = Context.CountOf(role);
        return max > 0 ? Math.Min(max, n) : n;
    }

    public override void Add(Realization realization)
    {
        if (realization.Index >= Limit(realization.Role)) return;
        var o = Context.Config.MarkedCorrelation;
        MarkedCorrelation m;
        try
        {
            m = MarkedCorrelation.Compute(realization.Delta, Context.BoxSizeMpcH, o.P, o.DeltaS, o.RadiusMpch, ValidationConfig.ParseFilter(o.Filter)!.Value);
        }
        catch (ArgumentException e)
        {
            // A mark undefined somewhere (1 + δs + δ_R ≤ 0) must not stop the whole validation: the realization is left out and named.
            skipped.Add($"{realization.Role.ToString().ToLowerInvariant()} #{realization.Index}: {e.Message}");
            return;
        }
        if (r.Length == 0) r = m.R;
        if (realization.Role == SetRole.Reference) { reference.Add(m.M); meanMarkReference += m.MeanMark; }
        else { candidate.Add(m.M); meanMarkCandidate += m.MeanMark; }
    }

    public override SectionResult Finish()
    {
        var o = Context.Config.MarkedCorrelation;
        var notes = skipped.Select(s => $"marked correlation left out {s}").ToList();
        var numbers = new JsonObject { ["estimator"] = MarkedCorrelation.WhiteMark, ["p"] = o.P, ["delta_s"] = o.DeltaS, ["radius"] = o.RadiusMpch, ["filter"] = o.Filter };
        if (reference.Count < 2 || candidate.Count < 2)
        {
            notes.Add($"marked correlation skipped: it needs at least 2 realizations of each set with a defined mark, got {reference.Count} and {candidate.Count}");
            return new SectionResult(Id, Title, [], numbers, notes, string.Concat(notes.Select(Html.Note)));
        }
        var rMax = o.RMaxMpch > 0 ? o.RMaxMpch : Context.BoxSizeMpcH / 2;
        var c = BinwiseComparison.Compute(r, reference, candidate, o.RelativeTolerance, Context.Config.NoiseSigmas, i => r[i] <= rMax);
        var check = c.ToCheck(Id, "M(r) mean ratio", "r", "Mpc/h");
        numbers["r_max"] = rMax;
        numbers["reference_mean_mark"] = meanMarkReference / reference.Count;
        numbers["candidate_mean_mark"] = meanMarkCandidate / candidate.Count;
        numbers["comparison"] = c.ToJsonNode();
        var svg = ComparisonPlot.Render(c, "M(r): mean of each set", "r [Mpc/h]", "M(r) = [1+W(r)]/[1+ξ(r)]", AxisScale.Linear, AxisScale.Linear);
        var html = Html.Figure(svg,
                       $"Marked correlation with m = [(1+δs)/(1+δs+δ_R)]^p, p = {Fmt.G(o.P)}, δs = {Fmt.G(o.DeltaS)}, δ_R smoothed with a {o.Filter} of R = {Fmt.G(o.RadiusMpch)} Mpc/h " +
                       $"(White 2016); M > 1 where pairs of marked (for p > 0: low-density) cells cluster more than average. Bins up to r_max = {Fmt.G(rMax)} Mpc/h pass " +
                       $"within ±{Fmt.Percent(o.RelativeTolerance)} or {Fmt.G(Context.Config.NoiseSigmas, 3)}σ of the ensemble noise.")
                   + string.Concat(notes.Select(Html.Note));
        return new SectionResult(Id, Title, [check], numbers, notes, html);
    }
}
