using System.Text.Json.Nodes;
using SimEmulator.Validation.Reports.Svg;

namespace SimEmulator.Validation.Reports.Sections;

/// <summary>Mean P(k) of both sets with ±1σ bands (log-log) and their ratio, checked bin by bin up to k_max.</summary>
public sealed class PowerSpectrumSection(ValidationContext context) : ValidationSection(context)
{
    private readonly List<double[]> reference = [], candidate = [];
    private double[] k = [];
    private long[] modes = [];

    public override string Id => "power_spectrum";
    public override string Title => "Power spectrum P(k)";

    /// <summary>The compared k range's upper end, h/Mpc: the config's k_max or the Nyquist wavenumber.</summary>
    public static double KMax(ValidationContext c) => c.Config.PowerSpectrum.KMaxHMpc > 0 ? c.Config.PowerSpectrum.KMaxHMpc : c.KNyquist;

    public override void Add(Realization r)
    {
        var p = r.PowerSpectrum;
        if (k.Length == 0) (k, modes) = (p.K, p.Modes);
        (r.Role == SetRole.Reference ? reference : candidate).Add(p.P0);
    }

    public override SectionResult Finish()
    {
        var o = Context.Config.PowerSpectrum;
        var kMax = KMax(Context);
        var c = BinwiseComparison.Compute(k, reference, candidate, o.RatioTolerance, Context.Config.NoiseSigmas, i => k[i] <= kMax * (1 + 1e-12));
        var check = c.ToCheck(Id, "P(k) mean ratio", "k", "h/Mpc");
        var numbers = new JsonObject
        {
            ["k_max"] = kMax,
            ["k_nyquist"] = Context.KNyquist,
            ["modes"] = Statistics.ResultJson.Node(modes),
            ["comparison"] = c.ToJsonNode(),
        };
        var svg = ComparisonPlot.Render(c, "P(k): mean of each set", "k [h/Mpc]", "P(k) [(Mpc/h)³]", AxisScale.Log, AxisScale.Log);
        var html = Html.Figure(svg, $"Mean P(k) with ±1σ bands of the realizations; lower panel: candidate/reference with the standard error of the ratio. " +
                                    $"Bins up to k_max = {Fmt.G(kMax, 4)} h/Mpc; a bin passes within ±{Fmt.Percent(o.RatioTolerance)} or {Fmt.G(Context.Config.NoiseSigmas, 3)}σ of the ensemble noise.");
        return new SectionResult(Id, Title, [check], numbers, [], html);
    }
}
