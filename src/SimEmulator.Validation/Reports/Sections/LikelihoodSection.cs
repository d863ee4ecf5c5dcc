using System.Text;
using System.Text.Json.Nodes;
using SimEmulator.Validation.Ensembles;
using SimEmulator.Validation.Reports.Svg;
using SimEmulator.Validation.Statistics;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Validation.Reports.Sections;

/// <summary>
/// Likelihood distributions (<see cref="LikelihoodDistribution.Compare"/>): a Gaussian likelihood (Hartlap) of a summary
/// vector — P(k) up to k_max merged into mode-weighted groups like the χ² section, optionally with density-PDF and
/// peak-count bins — is fitted on part of the reference; the held-out reference and every candidate are scored and
/// their ln L distributions compared (Δ⟨ln L⟩ with a bootstrap error, KS, Anderson–Darling, W1), with per-element W1 and
/// PIT histograms of the candidate under the reference's per-element Gaussian.
/// </summary>
public sealed class LikelihoodSection(ValidationContext context) : ValidationSection(context)
{
    private readonly List<double[]> refPower = [], candPower = [], refPdf = [], candPdf = [], refPeaks = [], candPeaks = [];
    private double[] k = [], density = [], edges = [], nu = [];
    private long[] modes = [];

    public override string Id => "likelihood";
    public override string Title => "Likelihood distributions";

    public override void Add(Realization r)
    {
        var o = Context.Config.Likelihood;
        var reference = r.Role == SetRole.Reference;
        var p = r.PowerSpectrum;
        if (k.Length == 0) (k, modes) = (p.K, p.Modes);
        (reference ? refPower : candPower).Add(p.P0);
        if (o.IncludeDensityPdf)
        {
            var pdf = r.DensityPdf; // as the density-PDF section measures it (shared, computed once)
            if (density.Length == 0) (density, edges) = (pdf.Density, pdf.BinEdges);
            (reference ? refPdf : candPdf).Add(pdf.Pdf);
        }
        if (o.IncludePeakCounts)
        {
            var peaks = r.PeakCounts; // as the peak-counts section measures them
            if (nu.Length == 0) nu = peaks.Nu;
            (reference ? refPeaks : candPeaks).Add(peaks.Counts.Select(c => (double)c).ToArray());
        }
    }

    /// <summary>One element of the summary vector: which statistic, where, and how it is made from a realization's full vectors.</summary>
    private sealed record Element(string Statistic, string Label, Func<int, bool, double> Value);

    public override SectionResult Finish()
    {
        var o = Context.Config.Likelihood;
        var nRef = refPower.Count;
        var nHeld = (int)Math.Round(o.HoldOutFraction * nRef);
        var nTrain = nRef - nHeld;
        var total = Math.Min(o.MaxBins > 0 ? o.MaxBins : Math.Max(1, nTrain / 4), nTrain - 3); // Hartlap needs N_train > p + 2
        var numbers = new JsonObject { ["realizations_trained"] = nTrain, ["realizations_held_out"] = nHeld };
        if (total < 1 || nHeld < 2)
        {
            var why = $"likelihood comparison skipped: {nRef} reference realizations leave {nTrain} to fit and {nHeld} to hold out " +
                      $"(hold_out_fraction {Fmt.G(o.HoldOutFraction)}); it needs at least 2 held out and more than p + 2 to fit";
            return new SectionResult(Id, Title, [], numbers, [why], Html.Note(why));
        }

        var elements = Elements(total);
        double[] Vector(int i, bool reference) => elements.Select(e => e.Value(i, reference)).ToArray();
        var refEnsemble = Ensemble.FromRealizations(Enumerable.Range(0, nRef).Select(i => Vector(i, true)).ToList(), "reference");
        var candEnsemble = Ensemble.FromRealizations(Enumerable.Range(0, candPower.Count).Select(i => Vector(i, false)).ToList(), "candidate");
        numbers["elements"] = new JsonArray(elements.Select(e => (JsonNode)$"{e.Statistic}: {e.Label}").ToArray());

        LikelihoodDistributionResult result;
        try
        {
            result = LikelihoodDistribution.Compare(refEnsemble, candEnsemble,
                new LikelihoodDistributionOptions(o.HoldOutFraction, o.Seed, o.BootstrapResamples, Kind: LikelihoodKind.Gaussian));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            var why = $"likelihood comparison not possible: {e.Message}";
            return new SectionResult(Id, Title,
                [ValidationCheck.AtMost(Id, "|Δ⟨ln L⟩|", double.NaN, o.MaxAbsDeltaLogLikelihood, why)], numbers, [why], Html.Note(why));
        }

        var delta = result.DeltaMeanLogLikelihood;
        var se = result.DeltaStandardError;
        var tolerance = o.MaxAbsDeltaLogLikelihood > 0 ? o.MaxAbsDeltaLogLikelihood : o.DeltaSigmas * se;
        var tolSource = o.MaxAbsDeltaLogLikelihood > 0 ? "max_abs_delta_log_likelihood" : $"{Fmt.G(o.DeltaSigmas, 3)} bootstrap σ";
        var checks = new List<ValidationCheck>
        {
            ValidationCheck.AtMost(Id, "|Δ⟨ln L⟩|", Math.Abs(delta), tolerance,
                $"Δ⟨ln L⟩ = ⟨ln L⟩_cand − ⟨ln L⟩_ref,held-out = {Fmt.G(delta)} ± {Fmt.G(se)} (bootstrap) over p = {elements.Count} summary values; allowed |Δ| ≤ {Fmt.G(tolerance)} ({tolSource})"),
            ValidationCheck.AtLeast(Id, "ln L KS p-value", result.KS.PValue, o.MinPValue,
                $"two-sample KS of {result.KS.NX} candidate vs {result.KS.NY} held-out reference ln L values: D = {Fmt.G(result.KS.Statistic)} ({result.KS.Method}); " +
                $"Anderson–Darling p = {Fmt.G(result.AndersonDarling.PValue)} ({result.AndersonDarling.PValueCapped}), W1 = {Fmt.G(result.Wasserstein1)}"),
        };

        var sigma = refEnsemble.StandardDeviation();
        var w1Scaled = result.Wasserstein1PerBin.Zip(sigma, (w, s) => s > 0 ? w / s : double.NaN).ToArray();
        var perStatistic = new JsonObject();
        foreach (var g in elements.Select((e, j) => (e.Statistic, j)).GroupBy(x => x.Statistic))
            perStatistic[g.Key] = new JsonObject
            {
                ["mean_w1_over_reference_sigma"] = g.Average(x => w1Scaled[x.j]),
                ["max_w1_over_reference_sigma"] = g.Max(x => w1Scaled[x.j]),
            };
        numbers["delta_mean_log_likelihood"] = delta;
        numbers["delta_standard_error"] = se;
        numbers["mean_log_likelihood_reference_held_out"] = result.MeanLogLikelihoodA;
        numbers["mean_log_likelihood_candidate"] = result.MeanLogLikelihoodB;
        numbers["ks_statistic"] = result.KS.Statistic;
        numbers["ks_p_value"] = result.KS.PValue;
        numbers["anderson_darling_statistic"] = result.AndersonDarling.Statistic;
        numbers["anderson_darling_p_value"] = result.AndersonDarling.PValue;
        numbers["wasserstein1"] = result.Wasserstein1;
        numbers["wasserstein1_per_element"] = ResultJson.Node(result.Wasserstein1PerBin);
        numbers["wasserstein1_per_element_over_reference_sigma"] = ResultJson.Node(w1Scaled);
        numbers["wasserstein1_per_statistic"] = perStatistic;
        numbers["histogram_edges"] = ResultJson.Node(result.HistogramEdges);
        numbers["histogram_reference_held_out"] = ResultJson.Node(result.HistogramA);
        numbers["histogram_candidate"] = ResultJson.Node(result.HistogramB);
        numbers["pit_histogram_reference_held_out"] = ResultJson.Node(result.PitHistogramA);
        numbers["pit_histogram_candidate"] = ResultJson.Node(result.PitHistogramB);
        numbers["log_likelihood_reference_held_out"] = ResultJson.Node(result.LogLikelihoodA);
        numbers["log_likelihood_candidate"] = ResultJson.Node(result.LogLikelihoodB);
        numbers["seed"] = o.Seed;

        return new SectionResult(Id, Title, checks, numbers, [], Render(result, elements, w1Scaled, o));
    }

    /// <summary>
    /// The summary vector: peaks and PDF (when included) take an equal share of the <paramref name="total"/> elements,
    /// P(k) the rest. P(k) bins up to k_max are merged into consecutive mode-weighted groups (as the χ² section); PDF bins
    /// the density-PDF section checks are merged into consecutive groups of probability Σ pdf·Δln(1+δ); peak thresholds
    /// the peak-counts section checks are thinned to evenly spaced ones (cumulative counts are nested, not additive).
    /// </summary>
    private List<Element> Elements(int total)
    {
        var o = Context.Config.Likelihood;
        var extras = (o.IncludeDensityPdf ? 1 : 0) + (o.IncludePeakCounts ? 1 : 0);
        var share = extras == 0 ? 0 : Math.Max(1, total / (extras + 1));
        var elements = new List<Element>();

        var kMax = PowerSpectrumSection.KMax(Context);
        var bins = Enumerable.Range(0, k.Length).Where(i => k[i] <= kMax * (1 + 1e-12)).ToArray();
        var groups = Math.Max(1, Math.Min(bins.Length, total - extras * share));
        foreach (var members in Split(bins, groups))
        {
            double weight = members.Sum(b => (double)modes[b]);
            var kMean = members.Sum(b => k[b] * modes[b]) / weight;
            elements.Add(new Element("power_spectrum", $"P(k ≈ {Fmt.G(kMean, 3)} h/Mpc)",
                (i, reference) => members.Sum(b => (reference ? refPower : candPower)[i][b] * modes[b]) / weight));
        }
        if (o.IncludeDensityPdf && density.Length > 0)
        {
            var po = Context.Config.DensityPdf;
            var dln = Enumerable.Range(0, density.Length).Select(i => Math.Log(edges[i + 1] / edges[i])).ToArray();
            var (mean, _) = BinwiseComparison.MeanAndSigma(refPdf, density.Length, "reference");
            var usable = Enumerable.Range(0, density.Length).Where(i => mean[i] * dln[i] >= po.MinProbability && mean[i] > 0).ToArray();
            foreach (var members in Split(usable, Math.Min(share, usable.Length)))
                elements.Add(new Element("density_pdf", $"P({Fmt.G(edges[members[0]], 3)} ≤ 1+δ < {Fmt.G(edges[members[^1] + 1], 3)})",
                    (i, reference) => members.Sum(b => (reference ? refPdf : candPdf)[i][b] * dln[b])));
        }
        if (o.IncludePeakCounts && nu.Length > 0)
        {
            var (mean, _) = BinwiseComparison.MeanAndSigma(refPeaks, nu.Length, "reference");
            var usable = Enumerable.Range(0, nu.Length).Where(i => mean[i] >= Context.Config.PeakCounts.MinCount && mean[i] > 0).ToArray();
            var take = Math.Min(share, usable.Length);
            foreach (var t in Enumerable.Range(0, take).Select(j => usable[take == 1 ? 0 : j * (usable.Length - 1) / (take - 1)]).Distinct())
                elements.Add(new Element("peak_counts", $"peaks above ν = {Fmt.G(nu[t], 3)}", (i, reference) => (reference ? refPeaks : candPeaks)[i][t]));
        }
        return elements;
    }

    /// <summary><paramref name="items"/> in <paramref name="groups"/> consecutive runs of (nearly) equal length.</summary>
    private static List<int[]> Split(int[] items, int groups)
    {
        var runs = new List<int[]>();
        for (var g = 0; g < groups; g++)
        {
            int from = g * items.Length / groups, to = (g + 1) * items.Length / groups;
            if (to > from) runs.Add(items[from..to]);
        }
        return runs;
    }

    private string Render(LikelihoodDistributionResult r, List<Element> elements, double[] w1Scaled, ValidationConfig.LikelihoodOptions o)
    {
        var html = new StringBuilder();
        double[] Density(long[] counts, double[] e)
        {
            double n = counts.Sum();
            return counts.Select((c, i) => n > 0 ? c / (n * (e[i + 1] - e[i])) : 0).ToArray();
        }
        var lnL = new Panel("ln L", "probability density") { Title = $"ln L under the reference likelihood (p = {elements.Count})", YMin = 0 }
            .Steps(r.HistogramEdges, Density(r.HistogramA, r.HistogramEdges), Palette.Reference, $"reference, held out (N={r.LogLikelihoodA.Length})")
            .Steps(r.HistogramEdges, Density(r.HistogramB, r.HistogramEdges), Palette.Candidate, $"candidate (N={r.LogLikelihoodB.Length})");
        html.Append(Html.Figure(SvgFigure.Render(lnL),
            $"ln L of each realization under a Gaussian likelihood (Hartlap-corrected) fitted on {r.Attrs.NTrain} reference realizations; the other {r.Attrs.NHeldOut} " +
            $"are scored out of sample like the candidate. Δ⟨ln L⟩ = {Fmt.G(r.DeltaMeanLogLikelihood)} ± {Fmt.G(r.DeltaStandardError)} ({o.BootstrapResamples} bootstrap resamples; " +
            $"negative: the candidate is less likely than the reference's own realizations); KS p = {Fmt.G(r.KS.PValue)}, Anderson–Darling p = {Fmt.G(r.AndersonDarling.PValue)}, " +
            $"W1 = {Fmt.G(r.Wasserstein1)}. Split and bootstrap seed {o.Seed}."));

        var bins = r.PitHistogramA.Length;
        var pitEdges = Enumerable.Range(0, bins + 1).Select(i => (double)i / bins).ToArray();
        var pit = new Panel("PIT u = Φ((x − μ_ref)/σ_ref)", "probability density") { Title = "PIT of every summary value under the reference's per-element Gaussian", YMin = 0 }
            .HLine(1, Palette.Theory, label: "calibrated: uniform")
            .Steps(pitEdges, Density(r.PitHistogramA, pitEdges), Palette.Reference, "reference, held out")
            .Steps(pitEdges, Density(r.PitHistogramB, pitEdges), Palette.Candidate, "candidate");
        html.Append(Html.Figure(SvgFigure.Render(pit),
            "Probability integral transform of each summary value under the reference training mean and σ of that element, pooled over elements: " +
            "flat for a candidate drawn from the reference distribution, ∪-shaped when its spread is too wide, ∩ when too narrow, sloped when biased."));

        html.Append("<table>\n<tr><th>summary value</th><th>W1</th><th>W1 / σ_ref</th></tr>\n");
        for (var j = 0; j < elements.Count; j++)
            html.Append($"<tr><td>{Html.Escape($"{elements[j].Statistic}: {elements[j].Label}")}</td><td class=\"num\">{Fmt.G(r.Wasserstein1PerBin[j])}</td>" +
                        $"<td class=\"num\">{Fmt.G(w1Scaled[j], 3)}</td></tr>\n");
        html.Append("</table>\n");
        html.Append(Html.Paragraph("Wasserstein-1 distance between all reference and all candidate values of each summary element, in its units and in units of the reference σ."));
        return html.ToString();
    }
}
