using MathNet.Numerics.Distributions;

namespace SimEmulator.Validation.Ensembles;

/// <summary>
/// Exact distribution of χ² = (x − m̂)ᵀ Ĉ⁻¹ (x − m̂) for a vector x independent of the N realizations that
/// gave the sample mean m̂ and the unbiased covariance Ĉ (1/(N−1)), all Gaussian with the same mean and Σ.
/// </summary>
/// <remarks>
/// x − m̂ ~ 𝒩(0, (1 + 1/N)Σ) independently of (N−1)Ĉ ~ Wishart(Σ, N−1), so χ²/(1 + 1/N) is Hotelling's
/// T²(p, N−1) = (N−1)p/(N−p) · F(p, N−p). Hence
/// χ² ~ (N+1)/N · p(N−1)/(N−p) · F(p, N−p), mean (N+1)(N−1)p / (N(N−p−2)).
/// The (1 + 1/N) factor is there because m̂ is estimated too; it is absent for a realization that was
/// itself one of the N (that case is a scaled Beta, not an F). As N → ∞ this tends to χ²(p).
/// </remarks>
public sealed class EstimatedCovarianceChiSquared
{
    private readonly FisherSnedecor _f;

    public EstimatedCovarianceChiSquared(int p, int n)
    {
        if (p < 1) throw new ArgumentOutOfRangeException(nameof(p), p, "Number of bins 'p' must be at least 1.");
        if (n <= p)
            throw new ArgumentOutOfRangeException(nameof(n), n,
                $"The estimated-covariance χ² needs more realizations than bins: N = {n}, p = {p}; need N > p (N ≥ {p + 1}).");
        P = p;
        N = n;
        Prefactor = (n + 1.0) / n * p * (n - 1.0) / (n - p);
        _f = new FisherSnedecor(p, n - p);
    }

    /// <summary>Number of bins (first F degree of freedom).</summary>
    public int P { get; }

    /// <summary>Number of realizations behind the mean and covariance (second F dof is N − p).</summary>
    public int N { get; }

    /// <summary>(N+1)/N · p(N−1)/(N−p): χ² = Prefactor · F(p, N−p).</summary>
    public double Prefactor { get; }

    /// <summary>E[χ²] = (N+1)(N−1)p / (N(N−p−2)); infinite for N ≤ p + 2.</summary>
    public double Mean => N - P > 2 ? (N + 1.0) * (N - 1.0) * P / ((double)N * (N - P - 2)) : double.PositiveInfinity;

    public double CumulativeDistribution(double chiSquared) =>
        chiSquared <= 0 ? 0 : _f.CumulativeDistribution(chiSquared / Prefactor);

    public double Density(double chiSquared) =>
        chiSquared <= 0 ? 0 : _f.Density(chiSquared / Prefactor) / Prefactor;
}
