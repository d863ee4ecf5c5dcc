using System.Text.Json.Nodes;
using SimEmulator.Torch;
using SimEmulator.Validation.Reports.Svg;
using SimEmulator.Validation.Statistics;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Validation.Reports.Sections;

/// <summary>Mean cumulative peak counts above ν·σ of both sets and their ratio, checked where the reference has enough peaks.</summary>
public sealed class PeakCountsSection(ValidationContext context) : ValidationSection(context)
{
    private readonly List<double[]> reference = [], candidate = [];
    private readonly List<double[]> referenceCounts = [];
    private double[] nu = [];

    public override string Id => "peak_counts";
    public override string Title => "Peak counts";

    public override void Add(Realization r)
    {
        var peaks = r.PeakCounts;
        if (nu.Length == 0) nu = peaks.Nu;
        (r.Role == SetRole.Reference ? reference : candidate).Add(peaks.NumberDensity);
        if (r.Role == SetRole.Reference) referenceCounts.Add(peaks.Counts.Select(c => (double)c).ToArray());
    }

    public override SectionResult Finish()
    {
        var o = Context.Config.PeakCounts;
        var (meanCounts, _) = BinwiseComparison.MeanAndSigma(referenceCounts, nu.Length, "reference");
        var c = BinwiseComparison.Compute(nu, reference, candidate, o.RelativeTolerance, Context.Config.NoiseSigmas,
            i => meanCounts[i] >= o.MinCount && meanCounts[i] > 0);
        var check = c.ToCheck(Id, "peak counts mean ratio", "ν", "");
        var svg = ComparisonPlot.Render(c, "Peaks above ν·σ: mean of each set", "ν (threshold in units of σ)", "n(>ν) [(Mpc/h)⁻³]", AxisScale.Linear, AxisScale.Log);
        var html = Html.Figure(svg, $"Cumulative number density of strict local maxima higher than mean + ν·σ; thresholds where the reference averages ≥ {Fmt.G(o.MinCount, 3)} peaks " +
                                    $"per realization are shown and checked (within ±{Fmt.Percent(o.RelativeTolerance)} or {Fmt.G(Context.Config.NoiseSigmas, 3)}σ).");
        var numbers = new JsonObject
        {
            ["reference_mean_counts"] = ResultJson.Node(meanCounts),
            ["smoothing"] = o.Smoothing,
            ["smoothing_radius"] = o.SmoothingRadiusMpch,
            ["definition"] = PeakCounts.StrictMaximum,
            ["comparison"] = c.ToJsonNode(),
        };
        return new SectionResult(Id, Title, [check], numbers, [], html);
    }
}
