using System.Globalization;
using System.Text.Json.Nodes;
using SimEmulator.Validation.Ensembles;
using SimEmulator.Validation.Reports.Svg;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Validation.Reports.Sections;

/// <summary>
/// χ² of every candidate P(k) (bins up to k_max, merged down to p bins) under the reference's mean and estimated
/// covariance, KS-tested against its exact law (N+1)/N · p(N−1)/(N−p) · F(p, N−p) (<see cref="EstimatedCovarianceChiSquared"/>);
/// the reference's own leave-one-out χ² values, under the law for N−1, are shown as the baseline.
/// </summary>
public sealed class ChiSquaredSection(ValidationContext context) : ValidationSection(context)
{
    private readonly List<double[]> reference = [], candidate = [];
    private double[] k = [];
    private long[] modes = [];

    public override string Id => "chi_squared";
    public override string Title => "χ² of P(k) under the reference covariance";

    public override void Add(Realization r)
    {
        var p = r.PowerSpectrum;
        if (k.Length == 0) (k, modes) = (p.K, p.Modes);
        (r.Role == SetRole.Reference ? reference : candidate).Add(p.P0);
    }

    public override SectionResult Finish()
    {
        var o = Context.Config.ChiSquared;
        var kMax = PowerSpectrumSection.KMax(Context);
        var bins = Enumerable.Range(0, k.Length).Where(i => k[i] <= kMax * (1 + 1e-12)).ToArray();
        var nRef = reference.Count;
        var wanted = o.MaxBins > 0 ? o.MaxBins : Math.Max(1, nRef / 4);
        var groups = Math.Min(Math.Min(bins.Length, wanted), nRef - 2); // leave-one-out needs N_ref − 1 > p
        var numbers = new JsonObject { ["bins_available"] = bins.Length };
        if (groups < 1)
        {
            var why = $"χ² test skipped: it needs at least 3 reference realizations (N_ref = {nRef})";
            return new SectionResult(Id, Title, [], numbers, [why], Html.Note(why));
        }

        // Merge consecutive k bins, weighting by their mode counts, so that N_ref ≫ p.
        var group = bins.Select((_, j) => j * groups / bins.Length).ToArray();
        double[] Merge(double[] v)
        {
            var sum = new double[groups];
            var weight = new double[groups];
            for (var j = 0; j < bins.Length; j++)
            {
                sum[group[j]] += v[bins[j]] * modes[bins[j]];
                weight[group[j]] += modes[bins[j]];
            }
            return sum.Zip(weight, (s, w) => s / w).ToArray();
        }
        var refEnsemble = Ensemble.FromRealizations(reference.Select(Merge).ToList(), "reference");
        var candEnsemble = Ensemble.FromRealizations(candidate.Select(Merge).ToList(), "candidate");
        numbers["bins"] = groups;
        numbers["k"] = ResultJson.Node(Merge(k));

        ChiSquaredComparison test;
        double[] loo;
        try
        {
            test = EnsembleComparison.ChiSquaredTest(refEnsemble, candEnsemble);
            loo = Enumerable.Range(0, nRef).Select(i =>
                Ensemble.FromRealizations(Enumerable.Range(0, nRef).Where(j => j != i).Select(refEnsemble.Realization).ToList()).ChiSquared(refEnsemble.Realization(i))).ToArray();
        }
        catch (InvalidOperationException e)
        {
            var why = $"χ² test not possible: {e.Message}";
            return new SectionResult(Id, Title, [ValidationCheck.AtLeast(Id, "χ² KS p-value", double.NaN, o.MinPValue, why)], numbers, [why], Html.Note(why));
        }
        var looLaw = new EstimatedCovarianceChiSquared(groups, nRef - 1);
        var looKs = KolmogorovSmirnov.OneSample(loo, looLaw.CumulativeDistribution, $"(N+1)/N·p(N-1)/(N-p)·F(p={groups}, N-p={nRef - 1 - groups}), N = N_ref - 1");
        var check = ValidationCheck.AtLeast(Id, "χ² KS p-value", test.KS.PValue, o.MinPValue,
            $"{test.ChiSquared.Length} candidate χ² values over p = {groups} bins: mean {F(test.MeanChiSquared)} (expected {F(test.ExpectedMeanChiSquared)}), " +
            $"KS D = {F(test.KS.Statistic)} against {test.KS.Reference}; reference leave-one-out p = {F(looKs.PValue)}");
        numbers["candidate_chi_squared"] = ResultJson.Node(test.ChiSquared);
        numbers["expected_mean"] = test.ExpectedMeanChiSquared;
        numbers["ks_statistic"] = test.KS.Statistic;
        numbers["ks_p_value"] = test.KS.PValue;
        numbers["ks_p_value_naive_chi2"] = test.KSNaiveChiSquared.PValue;
        numbers["reference_leave_one_out_chi_squared"] = ResultJson.Node(loo);
        numbers["reference_leave_one_out_ks_p_value"] = looKs.PValue;
        var notes = new List<string>();
        if (looKs.PValue < o.MinPValue)
            notes.Add($"the reference's own leave-one-out χ² values disagree with the theory (KS p = {F(looKs.PValue)}): the P(k) bins are far from Gaussian, or N_ref is too small for p = {groups}");

        var law = new EstimatedCovarianceChiSquared(groups, nRef);
        var xMax = Math.Max(test.ChiSquared.Concat(loo).Max(), 3 * law.Mean) * 1.02;
        var nBins = Math.Clamp((int)Math.Ceiling(2 * Math.Sqrt(Math.Max(test.ChiSquared.Length, loo.Length))), 6, 30);
        var edges = Enumerable.Range(0, nBins + 1).Select(i => xMax * i / nBins).ToArray();
        var xs = Enumerable.Range(1, 200).Select(i => xMax * i / 200).ToArray();
        var panel = new Panel("χ²", "probability density") { Title = $"χ² of P(k) under the reference covariance (p = {groups} bins)", YMin = 0 }
            .Steps(edges, Histogram(loo, edges), Palette.Reference, $"reference, leave-one-out (N={loo.Length})")
            .Steps(edges, Histogram(test.ChiSquared, edges), Palette.Candidate, $"candidate (N={test.ChiSquared.Length})")
            .Line(xs, xs.Select(law.Density).ToArray(), Palette.Theory, $"theory, N_ref={nRef}");
        var html = Html.Figure(SvgFigure.Render(panel),
                       $"χ² = (x − x̄_ref)ᵀ C_ref⁻¹ (x − x̄_ref) of each realization; the curve is the exact density (N+1)/N · p(N−1)/(N−p) · F(p, N−p) for an independent vector. " +
                       $"Candidate KS p = {F(test.KS.PValue)} (must be ≥ {F(o.MinPValue)}); reference leave-one-out KS p = {F(looKs.PValue)}.")
                   + string.Concat(notes.Select(Html.Note));
        return new SectionResult(Id, Title, [check], numbers, notes, html);
    }

    /// <summary>Histogram normalised as a density: count / (n · width).</summary>
    private static double[] Histogram(double[] values, double[] edges)
    {
        var h = new double[edges.Length - 1];
        foreach (var v in values)
        {
            var b = (int)((v - edges[0]) / (edges[^1] - edges[0]) * h.Length);
            h[Math.Clamp(b, 0, h.Length - 1)]++;
        }
        for (var i = 0; i < h.Length; i++) h[i] /= values.Length * (edges[i + 1] - edges[i]);
        return h;
    }

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
