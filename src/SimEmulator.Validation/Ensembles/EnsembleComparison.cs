using MathNet.Numerics;
using System.Text.Json.Serialization;
using MathNet.Numerics.Distributions;

namespace SimEmulator.Validation.Ensembles;

/// <summary>Statistical comparisons of two ensembles of the same summary statistic (e.g. emulator vs simulations).</summary>
public static class EnsembleComparison
{
    /// <summary>
    /// σ²_A,i / σ²_B,i per bin. Each diagonal covariance element has Wishart relative error √(2/(N−1)); the ratio of two
    /// independent estimates has relative error √(2/(N_A−1) + 2/(N_B−1)) (first order).
    /// </summary>
    public static CovarianceDiagonalRatio DiagonalRatio(Ensemble a, Ensemble b)
    {
        RequireSameBins(a, b);
        var ca = a.CovarianceMatrix;
        var cb = b.CovarianceMatrix;
        double relA = Math.Sqrt(2.0 / (a.N - 1)), relB = Math.Sqrt(2.0 / (b.N - 1));
        double rel = Math.Sqrt(relA * relA + relB * relB);
        var ratio = new double[a.P];
        var err = new double[a.P];
        for (int i = 0; i < a.P; i++)
        {
            ratio[i] = ca[i, i] / cb[i, i];
            err[i] = Math.Abs(ratio[i]) * rel;
        }
        return new CovarianceDiagonalRatio(ratio, err, relA, relB, ComparisonAttrs.Of(a, b));
    }

    /// <summary>
    /// Kullback–Leibler divergence D(𝒩(0,C_A) ‖ 𝒩(0,C_B)) = ½[tr(C_B⁻¹C_A) − p + ln det C_B − ln det C_A] in nats,
    /// with the value it takes on average when both are independent estimates of one Σ (<see cref="ExpectedNullKLDivergence"/>).
    /// </summary>
    public static CovarianceKLDivergence KLDivergence(Ensemble a, Ensemble b)
    {
        RequireSameBins(a, b);
        var cholA = a.RequireCholesky("KL divergence");
        var cholB = b.RequireCholesky("KL divergence");
        double trace = cholB.Solve(a.CovarianceMatrix).Trace();
        double kl = 0.5 * (trace - a.P + cholB.DeterminantLn - cholA.DeterminantLn);
        double expected = b.N - 1 > a.P + 1 ? ExpectedNullKLDivergence(a.P, a.N, b.N) : double.NaN;
        return new CovarianceKLDivergence(kl, expected, ComparisonAttrs.Of(a, b));
    }

    /// <summary>
    /// E[D_KL(Ĉ_A ‖ Ĉ_B)] when Ĉ_A, Ĉ_B are independent unbiased estimates of the same Σ from N_A, N_B Gaussian
    /// realizations (n = N−1 Wishart dof): ½[p n_B/(n_B−p−1) − p + Σ_{i=1..p}(ψ((n_B−i+1)/2) − ψ((n_A−i+1)/2)) − p ln(n_B/n_A)].
    /// For N_A = N_B = N this is p(p+1) / (2(N−p−2)) ≈ p(p+1)/(2N).
    /// </summary>
    public static double ExpectedNullKLDivergence(int p, int nA, int nB)
    {
        double dofA = nA - 1.0, dofB = nB - 1.0;
        if (dofB <= p + 1)
            throw new ArgumentOutOfRangeException(nameof(nB), nB, $"E[C_B⁻¹] exists only for N_B > p + 2 (N_B = {nB}, p = {p}).");
        if (dofA < p)
            throw new ArgumentOutOfRangeException(nameof(nA), nA, $"ln det C_A is finite only for N_A > p (N_A = {nA}, p = {p}).");
        double digammaDiff = 0;
        for (int i = 1; i <= p; i++)
            digammaDiff += SpecialFunctions.DiGamma((dofB - i + 1) / 2) - SpecialFunctions.DiGamma((dofA - i + 1) / 2);
        return 0.5 * (p * dofB / (dofB - p - 1) - p + digammaDiff - p * Math.Log(dofB / dofA));
    }

    /// <summary>
    /// χ² of every realization of <paramref name="test"/> under the mean and un-Hartlapped estimated precision of
    /// <paramref name="reference"/>, KS-tested against the exact law for an independent vector and an estimated
    /// covariance, (N+1)/N · p(N−1)/(N−p) · F(p, N−p) (see <see cref="EstimatedCovarianceChiSquared"/>), and, for
    /// contrast, against the naive χ²(p) that ignores the estimation noise.
    /// </summary>
    /// <remarks>
    /// The χ² values all share the reference's mean and covariance, so they are i.i.d. only conditionally on it, whereas
    /// the F law is the marginal over reference ensembles. For N_ref ≫ p the difference is small; for N_ref ~ p and many
    /// test realizations the KS p-value is too small (it tests the particular reference draw, not the method).
    /// </remarks>
    public static ChiSquaredComparison ChiSquaredTest(Ensemble reference, Ensemble test)
    {
        RequireSameBins(reference, test);
        var exact = new EstimatedCovarianceChiSquared(reference.P, reference.N);
        var chi2 = new double[test.N];
        for (int i = 0; i < test.N; i++) chi2[i] = reference.ChiSquared(test.Realization(i));

        var ksExact = KolmogorovSmirnov.OneSample(chi2, exact.CumulativeDistribution,
            $"(N+1)/N·p(N-1)/(N-p)·F(p={reference.P}, N-p={reference.N - reference.P})");
        var naive = new ChiSquared(reference.P);
        var ksNaive = KolmogorovSmirnov.OneSample(chi2, naive.CumulativeDistribution, $"chi2(p={reference.P})");

        return new ChiSquaredComparison(chi2, chi2.Average(), exact.Mean, exact.Prefactor,
            reference.P, reference.N - reference.P, ksExact, ksNaive, ComparisonAttrs.Of(reference, test));
    }

    private static void RequireSameBins(Ensemble a, Ensemble b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.P != b.P)
            throw new ArgumentException(
                $"Ensembles{Label(a)} and{Label(b)} have different numbers of bins (p = {a.P} vs {b.P}); compare the same summary statistic on the same binning.");
    }

    private static string Label(Ensemble e) => e.Name is null ? "" : $" '{e.Name}'";
}

/// <summary>Metadata of a two-ensemble comparison: realizations of each, bins, labels.</summary>
public sealed record ComparisonAttrs(
    [property: JsonPropertyName("nA")] int NA,
    [property: JsonPropertyName("nB")] int NB,
    int P,
    string? NameA,
    string? NameB)
{
    internal static ComparisonAttrs Of(Ensemble a, Ensemble b) => new(a.N, b.N, a.P, a.Name, b.Name);
}

/// <summary>Per-bin variance ratio σ²_A/σ²_B with 1σ errors; RelativeErrorA/B are √(2/(N−1)) of each ensemble.</summary>
public sealed record CovarianceDiagonalRatio(
    double[] Ratio,
    double[] RatioError,
    double RelativeErrorA,
    double RelativeErrorB,
    ComparisonAttrs Attrs)
{
    public string ToJson() => EnsembleJson.Serialize(this);
}

/// <summary>Gaussian KL divergence (nats) between two covariance estimates and its expectation if both estimate one Σ.</summary>
public sealed record CovarianceKLDivergence(double Divergence, double ExpectedUnderNull, ComparisonAttrs Attrs)
{
    public string ToJson() => EnsembleJson.Serialize(this);
}

/// <summary>
/// χ² of each test realization under the reference ensemble, with KS tests against the exact estimated-covariance law
/// (χ² = Prefactor · F(FDof1, FDof2)) and against the naive χ²(p).
/// </summary>
public sealed record ChiSquaredComparison(
    double[] ChiSquared,
    double MeanChiSquared,
    double ExpectedMeanChiSquared,
    double Prefactor,
    int FDof1,
    int FDof2,
    KolmogorovSmirnovResult KS,
    KolmogorovSmirnovResult KSNaiveChiSquared,
    ComparisonAttrs Attrs)
{
    public string ToJson() => EnsembleJson.Serialize(this);
}
