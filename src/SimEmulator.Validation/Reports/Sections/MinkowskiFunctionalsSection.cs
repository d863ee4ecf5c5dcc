using System.Text.Json.Nodes;
using SimEmulator.Validation.Reports.Svg;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Validation.Reports.Sections;

/// <summary>
/// Mean Minkowski functionals V0 (area), V1 (boundary length) and V2 (Euler characteristic) of slices of every cube
/// against ν (units of the cube's σ), three panels with ratios; each functional is one check, bin by bin. They respond
/// to the shape of the one-point distribution and to the topology of the excursion sets, not to the amplitude.
/// </summary>
public sealed class MinkowskiFunctionalsSection(ValidationContext context) : ValidationSection(context)
{
    private readonly List<double[]>[] reference = [[], [], []], candidate = [[], [], []];
    private double binWidth;
    private int maps;

    public override string Id => "minkowski_functionals";
    public override string Title => "Minkowski functionals of slices";

    /// <summary>ν = −nu_max … nu_max in <see cref="ValidationConfig.MinkowskiFunctionalsOptions.Thresholds"/> even steps.</summary>
    public static double[] Thresholds(ValidationConfig.MinkowskiFunctionalsOptions o) =>
        Enumerable.Range(0, o.Thresholds).Select(i => -o.NuMax + 2 * o.NuMax * i / (o.Thresholds - 1)).ToArray();

    public override void Add(Realization r)
    {
        var o = Context.Config.MinkowskiFunctionals;
        var mf = Statistics.MinkowskiFunctionals.ForCubeSlices(r.Delta, Context.BoxSizeMpcH, o.Axis, Thresholds(o), stride: o.SliceStride);
        (binWidth, maps) = (mf.BinWidth, mf.Maps);
        var sets = r.Role == SetRole.Reference ? reference : candidate;
        sets[0].Add(mf.V0);
        sets[1].Add(mf.V1);
        sets[2].Add(mf.V2);
    }

    public override SectionResult Finish()
    {
        var o = Context.Config.MinkowskiFunctionals;
        var nu = Thresholds(o);
        var sigmas = Context.Config.NoiseSigmas;
        var names = new[] { "V0", "V1", "V2" };
        var yTitles = new[] { "V0 (area fraction)", "V1 [h/Mpc]", "V2 [(h/Mpc)²]" };
        var yScales = new[] { AxisScale.Log, AxisScale.Linear, AxisScale.Linear };
        var checks = new List<ValidationCheck>();
        var numbers = new JsonObject
        {
            ["nu"] = ResultJson.Node(nu),
            ["bin_width"] = binWidth,
            ["axis"] = o.Axis,
            ["slice_stride"] = o.SliceStride,
            ["slices_per_cube"] = maps,
            ["definition"] = Statistics.MinkowskiFunctionals.LensToolsDefinition,
        };
        var html = new System.Text.StringBuilder();
        for (var f = 0; f < 3; f++)
        {
            var c = BinwiseComparison.Compute(nu, reference[f], candidate[f], o.RelativeTolerance, sigmas);
            // V2 changes sign at ν ≈ 0 and V1, V0 fall to ≈ 0 in the tails: the check is on |Δ|, the ratio panel is for the eye.
            checks.Add(c.ToCheck(Id, $"{names[f]}(ν) mean", "ν", "", relative: f == 0));
            numbers[names[f]] = c.ToJsonNode();
            html.Append(Html.Figure(ComparisonPlot.Render(c, $"{names[f]}(ν): mean of each set", "ν (threshold in units of σ)", yTitles[f], AxisScale.Linear, yScales[f]), f switch
            {
                0 => $"Area fraction of the excursion set δ ≥ ν·σ in {maps} slices per cube perpendicular to axis {o.Axis} (slice stride {o.SliceStride}); lower panel: candidate/reference.",
                1 => "Boundary length per unit area over 4 (LensTools' estimator, periodic central differences).",
                _ => "Euler characteristic per unit area (integrated boundary curvature over 2π): positive where isolated hot spots dominate, negative where holes do.",
            } + $" A threshold passes within ±{Fmt.Percent(o.RelativeTolerance)} of |V_ref| or {Fmt.G(sigmas, 3)}σ of the ensemble noise."));
        }
        return new SectionResult(Id, Title, checks, numbers, [], html.ToString());
    }
}
