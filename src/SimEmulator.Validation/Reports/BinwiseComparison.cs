using System.Globalization;
using System.Text.Json.Nodes;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Validation.Reports;

/// <summary>
/// Bin-by-bin comparison of the mean of a statistic over two ensembles. Bin i passes when
/// |B_i − A_i| ≤ Allowed_i = max(tolerance·|A_i|, noiseSigmas·σ_Δ,i), σ_Δ = √(σ²_A/N_A + σ²_B/N_B) the standard error of
/// the difference of the means (σ with 1/(N−1)); bins with Included false are reported but not checked.
/// <see cref="RatioError"/> = σ_Δ/|A| is the first-order error of B/A.
/// </summary>
public sealed record BinwiseComparison(
    double[] X,
    double[] ReferenceMean, double[] ReferenceSigma, int ReferenceCount,
    double[] CandidateMean, double[] CandidateSigma, int CandidateCount,
    double[] Ratio, double[] RatioError, double[] Difference, double[] DifferenceError, double[] Allowed,
    bool[] Included, bool[] Passed, double Tolerance, double NoiseSigmas)
{
    /// <summary>Compares per-realization vectors (all of one length) of reference A and candidate B.</summary>
    public static BinwiseComparison Compute(double[] x, IReadOnlyList<double[]> reference, IReadOnlyList<double[]> candidate,
        double tolerance, double noiseSigmas, Func<int, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        var (ma, sa) = MeanAndSigma(reference, x.Length, nameof(reference));
        var (mb, sb) = MeanAndSigma(candidate, x.Length, nameof(candidate));
        int p = x.Length, na = reference.Count, nb = candidate.Count;
        var ratio = new double[p]; var ratioError = new double[p]; var diff = new double[p]; var diffError = new double[p];
        var allowed = new double[p]; var included = new bool[p]; var passed = new bool[p];
        for (var i = 0; i < p; i++)
        {
            diff[i] = mb[i] - ma[i];
            diffError[i] = Math.Sqrt(sa[i] * sa[i] / na + sb[i] * sb[i] / nb);
            ratio[i] = mb[i] / ma[i];
            ratioError[i] = diffError[i] / Math.Abs(ma[i]);
            allowed[i] = Math.Max(tolerance * Math.Abs(ma[i]), noiseSigmas * diffError[i]);
            included[i] = (include?.Invoke(i) ?? true) && double.IsFinite(ma[i]) && double.IsFinite(mb[i]);
            passed[i] = !included[i] || Math.Abs(diff[i]) <= allowed[i];
        }
        return new BinwiseComparison(x, ma, sa, na, mb, sb, nb, ratio, ratioError, diff, diffError, allowed, included, passed, tolerance, noiseSigmas);
    }

    /// <summary>The included bin with the largest |B − A|/Allowed, or −1 when none is included.</summary>
    public int WorstBin
    {
        get
        {
            int worst = -1;
            double score = double.NegativeInfinity;
            for (var i = 0; i < X.Length; i++)
            {
                if (!Included[i]) continue;
                var s = Allowed[i] > 0 ? Math.Abs(Difference[i]) / Allowed[i] : Difference[i] == 0 ? 0 : double.PositiveInfinity;
                if (s > score) (score, worst) = (s, i);
            }
            return worst;
        }
    }

    public int IncludedCount => Included.Count(b => b);

    public int FailedCount => Passed.Count(b => !b);

    /// <summary>
    /// The section's check: at the worst bin, |B/A − 1| ≤ Allowed/|A| (<paramref name="relative"/>) or |B − A| ≤ Allowed;
    /// it passes exactly when every included bin passes. <paramref name="xName"/> names the bin coordinate with its unit.
    /// </summary>
    public ValidationCheck ToCheck(string section, string name, string xName, string xUnit, bool relative = true)
    {
        var w = WorstBin;
        if (w < 0)
            return new ValidationCheck(section, name, double.NaN, ValidationCheck.AtMostSymbol, Tolerance, false, "no bin could be compared");
        var scale = relative ? Math.Abs(ReferenceMean[w]) : 1;
        var value = Math.Abs(Difference[w]) / scale;
        var limit = Allowed[w] / scale;
        var limitSource = Tolerance * Math.Abs(ReferenceMean[w]) >= NoiseSigmas * DifferenceError[w]
            ? $"tolerance {F(Tolerance)}" : $"{F(NoiseSigmas)}σ ensemble noise";
        var what = relative
            ? $"cand/ref = {F(Ratio[w])} ± {F(RatioError[w])}"
            : $"Δ = {F(Difference[w])} ± {F(DifferenceError[w])}";
        var detail = $"worst of {IncludedCount} bins at {xName} = {F(X[w])} {xUnit}: {what}; allowed {(relative ? "|ratio − 1|" : "|Δ|")} ≤ {F(limit)} ({limitSource}); {FailedCount} bin(s) fail";
        return new ValidationCheck(section, name, value, ValidationCheck.AtMostSymbol, limit, FailedCount == 0, detail.Trim());
    }

    public JsonObject ToJsonNode() => new()
    {
        ["x"] = ResultJson.Node(X),
        ["reference_mean"] = ResultJson.Node(ReferenceMean),
        ["reference_std"] = ResultJson.Node(ReferenceSigma),
        ["candidate_mean"] = ResultJson.Node(CandidateMean),
        ["candidate_std"] = ResultJson.Node(CandidateSigma),
        ["ratio"] = ResultJson.Node(Ratio),
        ["ratio_error"] = ResultJson.Node(RatioError),
        ["difference"] = ResultJson.Node(Difference),
        ["difference_error"] = ResultJson.Node(DifferenceError),
        ["allowed_abs_difference"] = ResultJson.Node(Allowed),
        ["included"] = ResultJson.Node(Included),
        ["passed"] = ResultJson.Node(Passed),
        ["reference_realizations"] = ReferenceCount,
        ["candidate_realizations"] = CandidateCount,
        ["tolerance"] = Tolerance,
        ["noise_sigmas"] = NoiseSigmas,
    };

    internal static (double[] Mean, double[] Sigma) MeanAndSigma(IReadOnlyList<double[]> rows, int p, string name)
    {
        ArgumentNullException.ThrowIfNull(rows, name);
        if (rows.Count < 2)
            throw new ArgumentException($"'{name}' needs at least 2 realizations to estimate a spread, got {rows.Count}", name);
        var mean = new double[p];
        var sigma = new double[p];
        foreach (var r in rows)
        {
            if (r.Length != p) throw new ArgumentException($"'{name}' rows must have {p} values like the bin coordinates, got {r.Length}", name);
            for (var i = 0; i < p; i++) mean[i] += r[i];
        }
        for (var i = 0; i < p; i++) mean[i] /= rows.Count;
        foreach (var r in rows)
            for (var i = 0; i < p; i++) sigma[i] += (r[i] - mean[i]) * (r[i] - mean[i]);
        for (var i = 0; i < p; i++) sigma[i] = Math.Sqrt(sigma[i] / (rows.Count - 1));
        return (mean, sigma);
    }

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
