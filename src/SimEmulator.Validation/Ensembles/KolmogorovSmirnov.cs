namespace SimEmulator.Validation.Ensembles;

/// <summary>One-sample Kolmogorov–Smirnov test of a sample against a continuous reference CDF.</summary>
public static class KolmogorovSmirnov
{
    /// <summary>
    /// D = sup |F_n(x) − F(x)| and its asymptotic p-value Q_KS(λ) with Stephens' (1970) small-sample
    /// correction λ = (√n + 0.12 + 0.11/√n)·D (Numerical Recipes §14.3). Accurate to a few per cent
    /// in p for n ≳ 5; assumes the reference CDF has no parameters fitted to the same sample.
    /// </summary>
    public static KolmogorovSmirnovResult OneSample(ReadOnlySpan<double> sample, Func<double, double> cdf, string reference)
    {
        ArgumentNullException.ThrowIfNull(cdf);
        if (sample.Length == 0)
            throw new ArgumentException("The KS test needs at least one sample value; 'sample' is empty.", nameof(sample));
        var sorted = sample.ToArray();
        foreach (var x in sorted)
            if (double.IsNaN(x))
                throw new ArgumentException("The KS test sample contains NaN.", nameof(sample));
        Array.Sort(sorted);

        int n = sorted.Length;
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max((i + 1.0) / n - f, f - (double)i / n));
        }
        double sqrtN = Math.Sqrt(n);
        double lambda = (sqrtN + 0.12 + 0.11 / sqrtN) * d;
        return new KolmogorovSmirnovResult(d, KolmogorovQ(lambda), n, reference);
    }

    /// <summary>Survival function of the Kolmogorov distribution, Q(λ) = 2 Σ (−1)^{k−1} exp(−2k²λ²).</summary>
    public static double KolmogorovQ(double lambda)
    {
        if (lambda <= 0) return 1.0;
        if (lambda < 1.18)
        {
            // The alternating series converges slowly for small λ; use the Jacobi-theta dual form of the CDF.
            double y = Math.Exp(-Math.PI * Math.PI / (8 * lambda * lambda));
            double cdf = Math.Sqrt(2 * Math.PI) / lambda * (y + Math.Pow(y, 9) + Math.Pow(y, 25) + Math.Pow(y, 49));
            return Math.Clamp(1 - cdf, 0, 1);
        }
        double sum = 0;
        for (int k = 1; k <= 100; k++)
        {
            double term = Math.Exp(-2.0 * k * k * lambda * lambda);
            sum += (k % 2 == 1 ? 2 : -2) * term;
            if (term < 1e-16 * sum) break;
        }
        return Math.Clamp(sum, 0, 1);
    }
}

/// <summary>KS statistic D, its asymptotic p-value, the sample size and a label for the reference distribution.</summary>
public sealed record KolmogorovSmirnovResult(double Statistic, double PValue, int N, string Reference)
{
    public string ToJson() => EnsembleJson.Serialize(this);
}
