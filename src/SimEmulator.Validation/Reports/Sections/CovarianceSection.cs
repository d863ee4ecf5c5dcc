using System.Globalization;
using System.Text.Json.Nodes;
using MathNet.Numerics.Distributions;
using SimEmulator.Validation.Ensembles;
using SimEmulator.Validation.Reports.Svg;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Validation.Reports.Sections;

/// <summary>
/// Covariance and correlation matrices of P(k) (bins up to k_max) side by side with their difference, the per-bin variance
/// ratio against its Wishart error, and the Gaussian KL divergence between the two covariances.
/// </summary>
public sealed class CovarianceSection(ValidationContext context) : ValidationSection(context)
{
    private readonly List<double[]> reference = [], candidate = [];
    private double[] k = [];

    public override string Id => "covariance";
    public override string Title => "Covariance of P(k)";

    public override void Add(Realization r)
    {
        var p = r.PowerSpectrum;
        if (k.Length == 0) k = p.K;
        (r.Role == SetRole.Reference ? reference : candidate).Add(p.P0);
    }

    public override SectionResult Finish()
    {
        var o = Context.Config.Covariance;
        var kMax = PowerSpectrumSection.KMax(Context);
        var bins = Enumerable.Range(0, k.Length).Where(i => k[i] <= kMax * (1 + 1e-12)).ToArray();
        var kUsed = bins.Select(i => k[i]).ToArray();
        var refEnsemble = Ensemble.FromRealizations(reference.Select(v => bins.Select(i => v[i]).ToArray()).ToList(), "reference");
        var candEnsemble = Ensemble.FromRealizations(candidate.Select(v => bins.Select(i => v[i]).ToArray()).ToList(), "candidate");
        int p = bins.Length, na = refEnsemble.N, nb = candEnsemble.N;
        var checks = new List<ValidationCheck>();
        var notes = new List<string>();
        var numbers = new JsonObject { ["k"] = ResultJson.Node(kUsed), ["bins"] = p };

        // Variance ratio per bin in units of its Wishart error.
        var diag = EnsembleComparison.DiagonalRatio(candEnsemble, refEnsemble);
        var pulls = diag.Ratio.Zip(diag.RatioError, (r, e) => e > 0 ? Math.Abs(r - 1) / e : double.PositiveInfinity).ToArray();
        var worst = Enumerable.Range(0, p).MaxBy(i => pulls[i]);
        checks.Add(ValidationCheck.AtMost(Id, "variance ratio (Wishart σ)", pulls[worst], o.DiagonalSigmas,
            $"worst of {p} bins at k = {F(kUsed[worst])} h/Mpc: σ²_cand/σ²_ref = {F(diag.Ratio[worst])} ± {F(diag.RatioError[worst])}; " +
            $"{pulls.Count(v => !(v <= o.DiagonalSigmas))} bin(s) beyond {F(o.DiagonalSigmas)}σ"));
        numbers["variance_ratio"] = ResultJson.Node(diag.Ratio);
        numbers["variance_ratio_error"] = ResultJson.Node(diag.RatioError);

        // Correlation matrices: max |Δr| off the diagonal.
        var ra = refEnsemble.Correlation();
        var rb = candEnsemble.Correlation();
        var maxDiff = 0.0;
        for (var i = 0; i < p; i++)
            for (var j = 0; j < i; j++)
            {
                var d = Math.Abs(rb[i, j] - ra[i, j]);
                maxDiff = Math.Max(maxDiff, double.IsNaN(d) ? double.PositiveInfinity : d); // a zero-variance bin fails loudly
            }
        var pairs = p * (p - 1) / 2;
        numbers["correlation_max_abs_difference"] = ResultJson.Node(maxDiff);
        if (pairs == 0) notes.Add("one P(k) bin: no correlation coefficients to compare");
        else if (o.CorrelationMaxAbsDifference == 0 && (na <= 3 || nb <= 3))
            notes.Add($"correlation check skipped: the automatic tolerance needs more than 3 realizations per set (N_ref = {na}, N_cand = {nb})");
        else
        {
            var z = Normal.InvCDF(0, 1, 1 - o.FalseAlarm / (2.0 * pairs));
            var tol = o.CorrelationMaxAbsDifference > 0 ? o.CorrelationMaxAbsDifference : z * Math.Sqrt(1.0 / (na - 3) + 1.0 / (nb - 3));
            var source = o.CorrelationMaxAbsDifference > 0 ? "configured" : $"automatic: {F(z)}·√(1/(N_ref−3) + 1/(N_cand−3)), false-alarm {F(o.FalseAlarm)} over {pairs} pairs";
            checks.Add(ValidationCheck.AtMost(Id, "correlation max |Δr|", maxDiff, tol, $"largest off-diagonal |r_cand − r_ref| of {pairs} pairs; tolerance {source}"));
            numbers["correlation_tolerance"] = tol;
        }

        // KL divergence between the two Gaussian covariances, against its value for two estimates of one Σ (information only).
        try
        {
            var kl = EnsembleComparison.KLDivergence(candEnsemble, refEnsemble);
            numbers["kl_divergence"] = ResultJson.Node(kl.Divergence);
            numbers["kl_divergence_expected_same_covariance"] = ResultJson.Node(kl.ExpectedUnderNull);
        }
        catch (InvalidOperationException e) { notes.Add($"KL divergence not computed: {e.Message}"); }

        var ca = refEnsemble.Covariance();
        var cb = candEnsemble.Covariance();
        var na2 = new double[p, p];
        var nb2 = new double[p, p];
        for (var i = 0; i < p; i++)
            for (var j = 0; j < p; j++)
            {
                var s = Math.Sqrt(ca[i, i] * ca[j, j]);
                na2[i, j] = ca[i, j] / s;
                nb2[i, j] = cb[i, j] / s;
            }
        var axis = $"k bin (0 … {p - 1}, k ≤ {F(kMax)} h/Mpc)";
        var html = Html.Figure(SvgHeatmap.Comparison("reference", na2, "candidate", nb2, axis, "Covariance C_ij / √(C^ref_ii C^ref_jj)"),
                       "Covariances of P(k) normalised by the reference's diagonal (so the candidate's diagonal is its variance ratio), and their difference.")
                 + Html.Figure(SvgHeatmap.Comparison("reference", ra, "candidate", rb, axis, "Correlation r_ij"),
                       "Correlation matrices of P(k) and their difference.")
                 + Html.Figure(SvgFigure.Render(new Panel("k [h/Mpc]", "σ²_cand / σ²_ref", AxisScale.Log) { Title = "Variance ratio per k bin" }
                           .HLine(1, Palette.Neutral)
                           .Band(kUsed, diag.Ratio.Zip(diag.RatioError, (r, e) => r - e).ToArray(), diag.Ratio.Zip(diag.RatioError, (r, e) => r + e).ToArray(), Palette.Candidate, "±1σ Wishart error")
                           .Line(kUsed, diag.Ratio, Palette.Candidate, "variance ratio", markers: true), 640, 240),
                       $"Diagonal ratio with its first-order Wishart error √(2/(N_ref−1) + 2/(N_cand−1)) = {F(Math.Sqrt(diag.RelativeErrorA * diag.RelativeErrorA + diag.RelativeErrorB * diag.RelativeErrorB))} (relative); " +
                       $"a bin passes within {F(o.DiagonalSigmas)}σ.")
                 + string.Concat(notes.Select(Html.Note));
        return new SectionResult(Id, Title, checks, numbers, notes, html);
    }

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
