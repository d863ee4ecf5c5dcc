using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace SimEmulator.Validation.Ensembles;

/// <summary>
/// N realizations × p summary values (e.g. P(k) bins) with the one-point and two-point statistics used to
/// compare emulated and simulated ensembles: mean, σ, covariance (1/(N−1)), correlation, Hartlap precision.
/// </summary>
public sealed class Ensemble
{
    private readonly double[,] _samples;
    private readonly Lazy<double[]> _mean;
    private readonly Lazy<Matrix<double>> _covariance;
    private readonly Lazy<Cholesky<double>?> _cholesky;

    /// <param name="samples">Row i is realization i, column j is summary value (bin) j.</param>
    /// <param name="name">Label carried into results (e.g. "emulator", "simulations").</param>
    public Ensemble(double[,] samples, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        int n = samples.GetLength(0), p = samples.GetLength(1);
        if (n < 2)
            throw new ArgumentException($"An ensemble needs at least 2 realizations (rows) to estimate a covariance; got {n}.", nameof(samples));
        if (p < 1)
            throw new ArgumentException("An ensemble needs at least one summary value (column); got 0.", nameof(samples));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++)
                if (!double.IsFinite(samples[i, j]))
                    throw new ArgumentException($"Ensemble value at realization {i}, bin {j} is {samples[i, j]}; all values must be finite.", nameof(samples));

        _samples = (double[,])samples.Clone();
        Name = name;
        _mean = new Lazy<double[]>(ComputeMean);
        _covariance = new Lazy<Matrix<double>>(ComputeCovariance);
        _cholesky = new Lazy<Cholesky<double>?>(() =>
        {
            try { return _covariance.Value.Cholesky(); }
            catch (ArgumentException) { return null; } // not positive definite
        });
    }

    /// <summary>Builds an ensemble from one array per realization (all of equal length p).</summary>
    public static Ensemble FromRealizations(IReadOnlyList<double[]> realizations, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(realizations);
        if (realizations.Count == 0)
            throw new ArgumentException("No realizations given.", nameof(realizations));
        int p = realizations[0].Length;
        var m = new double[realizations.Count, p];
        for (int i = 0; i < realizations.Count; i++)
        {
            if (realizations[i].Length != p)
                throw new ArgumentException($"Realization {i} has {realizations[i].Length} values, expected p = {p} like realization 0.", nameof(realizations));
            for (int j = 0; j < p; j++) m[i, j] = realizations[i][j];
        }
        return new Ensemble(m, name);
    }

    public string? Name { get; }

    /// <summary>Number of realizations.</summary>
    public int N => _samples.GetLength(0);

    /// <summary>Number of summary values per realization.</summary>
    public int P => _samples.GetLength(1);

    public EnsembleAttrs Attrs => new(N, P, Name);

    /// <summary>A copy of realization <paramref name="i"/>.</summary>
    public double[] Realization(int i)
    {
        if ((uint)i >= (uint)N) throw new ArgumentOutOfRangeException(nameof(i), i, $"Realization index must be in [0, {N}).");
        var r = new double[P];
        for (int j = 0; j < P; j++) r[j] = _samples[i, j];
        return r;
    }

    /// <summary>A copy of the N × p data.</summary>
    public double[,] Samples() => (double[,])_samples.Clone();

    public double[] Mean() => (double[])_mean.Value.Clone();

    /// <summary>Per-bin standard deviation with 1/(N−1), i.e. √diag(C).</summary>
    public double[] StandardDeviation()
    {
        var c = _covariance.Value;
        var s = new double[P];
        for (int j = 0; j < P; j++) s[j] = Math.Sqrt(c[j, j]);
        return s;
    }

    /// <summary>Unbiased sample covariance C = Σ (x − x̄)(x − x̄)ᵀ / (N − 1).</summary>
    public double[,] Covariance() => _covariance.Value.ToArray();

    /// <summary>
    /// Wishart standard error of each covariance element, √((C_ij² + C_ii C_jj)/(N−1)), evaluated at the estimate;
    /// on the diagonal this is C_ii·√(2/(N−1)).
    /// </summary>
    public double[,] CovarianceStandardError()
    {
        var c = _covariance.Value;
        var e = new double[P, P];
        for (int i = 0; i < P; i++)
            for (int j = 0; j < P; j++)
                e[i, j] = Math.Sqrt((c[i, j] * c[i, j] + c[i, i] * c[j, j]) / (N - 1));
        return e;
    }

    /// <summary>Correlation r_ij = C_ij / √(C_ii C_jj); NaN in rows/columns of zero-variance bins.</summary>
    public double[,] Correlation()
    {
        var c = _covariance.Value;
        var r = new double[P, P];
        for (int i = 0; i < P; i++)
            for (int j = 0; j < P; j++)
                r[i, j] = i == j && c[i, i] > 0 ? 1.0 : c[i, j] / Math.Sqrt(c[i, i] * c[j, j]);
        return r;
    }

    /// <summary>Hartlap, Simon &amp; Schneider (2007) de-biasing factor (N − p − 2)/(N − 1) for the inverse of an estimated covariance.</summary>
    public static double HartlapFactor(int n, int p)
    {
        if (p < 1) throw new ArgumentOutOfRangeException(nameof(p), p, "Number of bins 'p' must be at least 1.");
        if (n <= p + 2)
            throw new ArgumentOutOfRangeException(nameof(n), n,
                $"The Hartlap-corrected precision needs N > p + 2 realizations: N = {n}, p = {p}, so at least {p + 3} realizations are required (the factor (N−p−2)/(N−1) would be ≤ 0).");
        return (n - p - 2.0) / (n - 1.0);
    }

    /// <summary>
    /// Inverse covariance. With <paramref name="hartlap"/> (the default) multiplied by (N−p−2)/(N−1), which makes it an
    /// unbiased estimate of Σ⁻¹; throws when N ≤ p + 2. Without it, C⁻¹ itself (needs N > p).
    /// </summary>
    public double[,] Precision(bool hartlap = true)
    {
        double h = hartlap ? HartlapFactor(N, P) : 1.0;
        return RequireCholesky("precision").Solve(Matrix<double>.Build.DenseIdentity(P)).Multiply(h).ToArray();
    }

    /// <summary>Eigenvalues of the covariance, largest first.</summary>
    public double[] EigenvalueSpectrum()
    {
        var evd = _covariance.Value.Evd(Symmetricity.Symmetric);
        var ev = evd.EigenValues.Select(z => z.Real).ToArray();
        Array.Sort(ev, (a, b) => b.CompareTo(a));
        return ev;
    }

    /// <summary>ln det C (natural log), from the Cholesky factor.</summary>
    public double LogDeterminant() => RequireCholesky("log-determinant").DeterminantLn;

    /// <summary>
    /// χ² = (x − x̄)ᵀ C⁻¹ (x − x̄) with this ensemble's mean and the plain (un-Hartlapped) inverse of its estimated
    /// covariance. For x independent of the ensemble its distribution is <see cref="EstimatedCovarianceChiSquared"/>.
    /// </summary>
    public double ChiSquared(ReadOnlySpan<double> x)
    {
        if (x.Length != P)
            throw new ArgumentException($"Data vector has {x.Length} values; this ensemble has p = {P} bins.", nameof(x));
        var chol = RequireCholesky("χ²");
        var mean = _mean.Value;
        var d = Vector<double>.Build.Dense(P);
        for (int j = 0; j < P; j++) d[j] = x[j] - mean[j];
        return d.DotProduct(chol.Solve(d));
    }

    /// <summary>
    /// Normalised log-likelihood of data vector x given this ensemble's mean and estimated covariance.
    /// <see cref="LikelihoodKind.Gaussian"/>: 𝒩(x̄, C/h) with the Hartlap factor h.
    /// <see cref="LikelihoodKind.SellentinHeavens"/>: the multivariate-t of Sellentin &amp; Heavens (2016, MNRAS 456, L132),
    /// ln L = ln c̄_p − ½ ln det C − (N/2) ln(1 + χ²/(N−1)), c̄_p = Γ(N/2) / [(π(N−1))^{p/2} Γ((N−p)/2)], which
    /// marginalises over the unknown true covariance instead of de-biasing its inverse.
    /// </summary>
    public double LogLikelihood(ReadOnlySpan<double> x, LikelihoodKind kind = LikelihoodKind.SellentinHeavens)
    {
        double chi2 = ChiSquared(x);
        double logDet = LogDeterminant();
        switch (kind)
        {
            case LikelihoodKind.Gaussian:
            {
                double h = HartlapFactor(N, P);
                return -0.5 * (h * chi2 + logDet - P * Math.Log(h) + P * Math.Log(2 * Math.PI));
            }
            case LikelihoodKind.SellentinHeavens:
            {
                double logC = SpecialFunctions.GammaLn(N / 2.0) - 0.5 * P * Math.Log(Math.PI * (N - 1.0))
                              - SpecialFunctions.GammaLn((N - P) / 2.0);
                return logC - 0.5 * logDet - 0.5 * N * Math.Log(1 + chi2 / (N - 1.0));
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown likelihood kind.");
        }
    }

    /// <summary>Mean, σ, covariance, correlation, eigenvalues and (when defined) the Hartlap factor as one JSON-able record.</summary>
    public EnsembleSummary Summarize() => new(
        Mean(), StandardDeviation(), Covariance(), Correlation(), EigenvalueSpectrum(),
        N > P + 2 ? HartlapFactor(N, P) : null, Attrs);

    internal Matrix<double> CovarianceMatrix => _covariance.Value;

    internal Cholesky<double> RequireCholesky(string what)
    {
        if (N <= P)
            throw new InvalidOperationException(
                $"Cannot compute the {what} of ensemble{NameSuffix}: its covariance from N = {N} realizations of p = {P} bins is singular (need N > p).");
        return _cholesky.Value ?? throw new InvalidOperationException(
            $"Cannot compute the {what} of ensemble{NameSuffix}: its covariance (N = {N}, p = {P}) is not positive definite (a constant or linearly dependent bin?).");
    }

    private string NameSuffix => Name is null ? "" : $" '{Name}'";

    private double[] ComputeMean()
    {
        var m = new double[P];
        for (int i = 0; i < N; i++)
            for (int j = 0; j < P; j++) m[j] += _samples[i, j];
        for (int j = 0; j < P; j++) m[j] /= N;
        return m;
    }

    private Matrix<double> ComputeCovariance()
    {
        // Two-pass (centre first) for accuracy when |mean| ≫ σ, as P(k) at low k usually is.
        var mean = _mean.Value;
        var d = Matrix<double>.Build.Dense(N, P, (i, j) => _samples[i, j] - mean[j]);
        var c = d.TransposeThisAndMultiply(d).Divide(N - 1.0);
        for (int i = 0; i < P; i++)
            for (int j = 0; j < i; j++)
            {
                double s = 0.5 * (c[i, j] + c[j, i]);
                c[i, j] = s;
                c[j, i] = s;
            }
        return c;
    }
}

/// <summary>Which likelihood <see cref="Ensemble.LogLikelihood"/> evaluates.</summary>
public enum LikelihoodKind
{
    /// <summary>Gaussian with the Hartlap-corrected precision.</summary>
    Gaussian,

    /// <summary>Sellentin &amp; Heavens (2016) multivariate-t, marginalised over the true covariance.</summary>
    SellentinHeavens,
}

/// <summary>Metadata of one ensemble: realizations N, bins p, optional label.</summary>
public sealed record EnsembleAttrs(int N, int P, string? Name);

/// <summary>One-ensemble statistics; matrices serialize as arrays of rows.</summary>
public sealed record EnsembleSummary(
    double[] Mean,
    double[] StandardDeviation,
    double[,] Covariance,
    double[,] Correlation,
    double[] Eigenvalues,
    double? HartlapFactor,
    EnsembleAttrs Attrs)
{
    public string ToJson() => EnsembleJson.Serialize(this);
}
