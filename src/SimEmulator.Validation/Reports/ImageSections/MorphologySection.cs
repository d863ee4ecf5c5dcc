using System.Text;
using System.Text.Json.Nodes;
using SimEmulator.Validation.Ensembles;
using SimEmulator.Validation.Images;
using SimEmulator.Validation.Reports.Svg;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Validation.Reports.ImageSections;

/// <summary>
/// Morphology (<see cref="Images.Morphology.Measure"/>: flux, ellipticity, r½, C, A, S, Gini, M20) of every image of both
/// sets, compared statistic by statistic as distributions: two-sample KS (checked, p ≥ images.min_p_value), Anderson–Darling
/// and Wasserstein-1 (reported), with histograms of both sets on common bins.
/// </summary>
public sealed class MorphologySection(ImageValidationContext context) : ImageValidationSection(context)
{
    /// <summary>A morphology statistic: its key in the config and summary.json, its label with unit, and how to read it.</summary>
    public sealed record Statistic(string Key, string Label, Func<MorphologyMeasurement, double> Value);

    /// <summary>Every statistic the section can compare, in report order; images.statistics names a subset.</summary>
    public static IReadOnlyList<Statistic> All { get; } =
    [
        new("flux", "flux [image units]", m => m.Flux),
        new("e1", "e1", m => m.E1),
        new("e2", "e2", m => m.E2),
        new("e", "|e|", m => m.EMagnitude),
        new("half_light_radius", "r½ [arcsec]", m => m.HalfLightRadiusArcsec),
        new("concentration", "C = 5 log10(r80/r20)", m => m.Concentration),
        new("asymmetry", "asymmetry A", m => m.Asymmetry),
        new("smoothness", "smoothness S", m => m.Smoothness),
        new("gini", "Gini", m => m.Gini),
        new("m20", "M20", m => m.M20),
    ];

    public override string Id => "morphology";
    public override string Title => "Morphology distributions";

    public override SectionResult Run()
    {
        var o = Context.Config.Images;
        var (refValues, refErrors) = Context.Morphology(SetRole.Reference);
        var (candValues, candErrors) = Context.Morphology(SetRole.Candidate);
        var notes = refErrors.Concat(candErrors).Select(e => $"morphology not measured for {e}").ToList();
        var checks = new List<ValidationCheck>();
        var numbers = new JsonObject
        {
            ["conventions"] = Morphology.Conventions,
            ["reference_measured"] = refValues.Count(v => v is not null),
            ["candidate_measured"] = candValues.Count(v => v is not null),
        };
        var figures = new StringBuilder("<div class=\"figures\">\n");
        var table = new StringBuilder("<table>\n<tr><th>statistic</th><th>reference mean ± σ</th><th>candidate mean ± σ</th><th>KS D</th><th>KS p</th><th>AD p</th><th>W1</th></tr>\n");
        foreach (var s in All.Where(s => o.Statistics.Contains(s.Key)))
        {
            var a = refValues.Where(v => v is not null).Select(v => s.Value(v!)).Where(double.IsFinite).ToArray();
            var b = candValues.Where(v => v is not null).Select(v => s.Value(v!)).Where(double.IsFinite).ToArray();
            if (a.Length < 2 || b.Length < 2)
            {
                var why = $"{s.Key}: only {a.Length} reference and {b.Length} candidate finite values; the KS test needs at least 2 of each";
                notes.Add(why);
                checks.Add(ValidationCheck.AtLeast(Id, $"{s.Key} KS p-value", double.NaN, o.MinPValue, why));
                continue;
            }
            var ks = TwoSampleTests.KolmogorovSmirnov(b, a);
            double adP = double.NaN, adStatistic = double.NaN;
            string adNote = "";
            try
            {
                var ad = TwoSampleTests.AndersonDarling(b, a);
                (adP, adStatistic, adNote) = (ad.PValue, ad.Statistic, ad.PValueCapped);
            }
            catch (ArgumentException e) { adNote = e.Message; } // e.g. every value identical
            var w1 = TwoSampleTests.Wasserstein1(b, a);
            var (ma, sa) = MeanSigma(a);
            var (mb, sb) = MeanSigma(b);
            checks.Add(ValidationCheck.AtLeast(Id, $"{s.Key} KS p-value", ks.PValue, o.MinPValue,
                $"{s.Label}: {b.Length} candidate vs {a.Length} reference values, D = {Fmt.G(ks.Statistic)} ({ks.Method}); " +
                $"means {Fmt.G(mb)} vs {Fmt.G(ma)}; AD p = {Fmt.G(adP)}, W1 = {Fmt.G(w1)}"));

            var edges = Edges(a.Concat(b), o.HistogramBins);
            numbers[s.Key] = new JsonObject
            {
                ["reference_mean"] = ma, ["reference_std"] = sa, ["candidate_mean"] = mb, ["candidate_std"] = sb,
                ["ks_statistic"] = ks.Statistic, ["ks_p_value"] = ks.PValue, ["ks_method"] = ks.Method,
                ["anderson_darling_statistic"] = adStatistic, ["anderson_darling_p_value"] = adP, ["anderson_darling_p_value_note"] = adNote,
                ["wasserstein1"] = w1,
                ["histogram_edges"] = ResultJson.Node(edges),
                ["histogram_reference"] = ResultJson.Node(Histogram(a, edges)),
                ["histogram_candidate"] = ResultJson.Node(Histogram(b, edges)),
            };
            var panel = new Panel(s.Label, "probability density") { Title = s.Key, YMin = 0 }
                .Steps(edges, Density(Histogram(a, edges), edges), Palette.Reference, $"reference (N={a.Length})")
                .Steps(edges, Density(Histogram(b, edges), edges), Palette.Candidate, $"candidate (N={b.Length})");
            figures.Append(Html.Figure(SvgFigure.Render(panel, 330, 230), $"{s.Label}: KS p = {Fmt.G(ks.PValue)}, AD p = {Fmt.G(adP)}, W1 = {Fmt.G(w1)}"));
            table.Append($"<tr><td>{Html.Escape(s.Label)}</td><td class=\"num\">{Fmt.G(ma)} ± {Fmt.G(sa)}</td><td class=\"num\">{Fmt.G(mb)} ± {Fmt.G(sb)}</td>" +
                         $"<td class=\"num\">{Fmt.G(ks.Statistic)}</td><td class=\"num\">{Fmt.G(ks.PValue)}</td><td class=\"num\">{Fmt.G(adP)}</td><td class=\"num\">{Fmt.G(w1)}</td></tr>\n");
        }
        var html = Html.Paragraph(
                       $"Non-parametric morphology of every image (band {Context.Band}, each set's own pixel scale; noiseless conventions: no background terms), " +
                       $"compared as distributions. A statistic passes when the two-sample KS p-value is ≥ {Fmt.G(o.MinPValue)}; with {checks.Count} statistics " +
                       $"two sets from one distribution fail at least one of them with probability up to ≈ {Fmt.Percent(1 - Math.Pow(1 - o.MinPValue, Math.Max(1, checks.Count)))} " +
                       "(the statistics are correlated, so less). Anderson–Darling (scipy's capped p) and Wasserstein-1 (in the statistic's units) are reported.")
                   + table.Append("</table>\n") + figures.Append("</div>\n") + string.Concat(notes.Select(Html.Note));
        return new SectionResult(Id, Title, checks, numbers, notes, html);
    }

    private static (double Mean, double Sigma) MeanSigma(double[] v)
    {
        var m = v.Average();
        return (m, Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Length - 1)));
    }

    /// <summary><paramref name="bins"/> equal bins over the pooled range (widened when all values coincide).</summary>
    private static double[] Edges(IEnumerable<double> values, int bins)
    {
        var all = values.ToArray();
        double lo = all.Min(), hi = all.Max();
        if (!(hi > lo)) { lo -= 0.5; hi += 0.5; }
        return Enumerable.Range(0, bins + 1).Select(i => lo + (hi - lo) * i / bins).ToArray();
    }

    // Counts in [e_i, e_i+1); the maximum falls in the last bin, as numpy.histogram.
    private static long[] Histogram(double[] values, double[] edges)
    {
        var counts = new long[edges.Length - 1];
        var width = (edges[^1] - edges[0]) / counts.Length;
        foreach (var v in values) counts[Math.Clamp((int)Math.Floor((v - edges[0]) / width), 0, counts.Length - 1)]++;
        return counts;
    }

    private static double[] Density(long[] counts, double[] edges)
    {
        double n = counts.Sum();
        return counts.Select((c, i) => n > 0 ? c / (n * (edges[i + 1] - edges[i])) : 0).ToArray();
    }
}
