using MathNet.Numerics;

namespace SimEmulator.Validation.Ensembles;

/// <summary>
/// Probability integral transform u = F(x) of observed values under a predictive distribution; for a calibrated
/// prediction u ~ U(0, 1), a ∪-shaped histogram means the prediction is too narrow, a ∩ shape too wide, a slope a bias.
/// </summary>
public static class ProbabilityIntegralTransform
{
    /// <summary>PIT under a Gaussian prediction, u = Φ((x − μ)/σ).</summary>
    public static double[] Gaussian(ReadOnlySpan<double> values, double mean, double sigma)
    {
        if (!(sigma > 0) || !double.IsFinite(sigma))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "The predictive standard deviation must be finite and > 0.");
        if (!double.IsFinite(mean))
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "The predictive mean must be finite.");
        var u = new double[values.Length];
        for (int i = 0; i < u.Length; i++)
            u[i] = 0.5 * SpecialFunctions.Erfc(-(values[i] - mean) / (sigma * Math.Sqrt(2)));
        return u;
    }

    /// <summary>
    /// Per-bin Gaussian PIT of an N × p ensemble's values under per-bin means μ_j and standard deviations σ_j
    /// (e.g. those of a reference ensemble): row i, column j is Φ((x_ij − μ_j)/σ_j).
    /// </summary>
    public static double[,] Gaussian(double[,] values, ReadOnlySpan<double> mean, ReadOnlySpan<double> sigma)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.GetLength(0), p = values.GetLength(1);
        if (mean.Length != p || sigma.Length != p)
            throw new ArgumentException($"Values have p = {p} bins but mean has {mean.Length} and sigma {sigma.Length} entries.", nameof(values));
        var u = new double[n, p];
        var column = new double[n];
        for (int j = 0; j < p; j++)
        {
            for (int i = 0; i < n; i++) column[i] = values[i, j];
            var uj = Gaussian(column, mean[j], sigma[j]);
            for (int i = 0; i < n; i++) u[i, j] = uj[i];
        }
        return u;
    }

    /// <summary>Counts of PIT values in <paramref name="bins"/> equal bins of [0, 1] (u = 1 falls in the last bin).</summary>
    public static long[] Histogram(IEnumerable<double> pit, int bins = 10)
    {
        ArgumentNullException.ThrowIfNull(pit);
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "A PIT histogram needs at least 1 bin.");
        var counts = new long[bins];
        foreach (var u in pit)
        {
            if (!(u >= 0 && u <= 1))
                throw new ArgumentException($"PIT value {u} is outside [0, 1].", nameof(pit));
            counts[Math.Min(bins - 1, (int)(u * bins))]++;
        }
        return counts;
    }
}
