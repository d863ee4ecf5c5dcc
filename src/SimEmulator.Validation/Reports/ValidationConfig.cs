using SimEmulator.Data.Config;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Validation.Reports;

/// <summary>
/// Tolerances and options of <c>simemu validate</c>, loaded strictly from YAML (configs/validate.yaml documents every key).
/// A bin passes when |cand − ref| ≤ max(tolerance·|ref|, noise_sigmas·σ_Δ), σ_Δ = √(σ²_ref/N_ref + σ²_cand/N_cand):
/// a relative tolerance where the ensembles measure the mean well, their own noise where they cannot.
/// </summary>
public sealed class ValidationConfig
{
    /// <summary>Use at most this many realizations of each set, the first ones in file order (0 = all).</summary>
    public int MaxRealizations { get; set; }

    /// <summary>Per-bin noise allowance in units of the standard error of the difference of the two means (0 = tolerance only).</summary>
    public double NoiseSigmas { get; set; } = 3;

    public PowerSpectrumOptions PowerSpectrum { get; set; } = new();
    public CorrelationFunctionOptions CorrelationFunction { get; set; } = new();
    public DensityPdfOptions DensityPdf { get; set; } = new();
    public PeakCountsOptions PeakCounts { get; set; } = new();
    public CovarianceOptions Covariance { get; set; } = new();
    public ChiSquaredOptions ChiSquared { get; set; } = new();
    public SlicesOptions Slices { get; set; } = new();

    /// <summary>Reads and validates a config; unknown keys are an error naming the key and the closest known one.</summary>
    public static ValidationConfig Load(string path)
    {
        var c = YamlConfig.Load<ValidationConfig>(path);
        c.Validate(path);
        return c;
    }

    /// <summary>Throws a <see cref="ConfigException"/> naming <paramref name="path"/> and the key of the first invalid value.</summary>
    public void Validate(string path = "validation config")
    {
        YamlConfig.Require(MaxRealizations >= 0, path, "max_realizations", $"must be ≥ 0 (0 = all), got {MaxRealizations}");
        YamlConfig.Require(NoiseSigmas >= 0 && double.IsFinite(NoiseSigmas), path, "noise_sigmas", $"must be a finite number ≥ 0, got {NoiseSigmas}");
        YamlConfig.Require(PowerSpectrum.RatioTolerance > 0, path, "power_spectrum.ratio_tolerance", $"must be positive, got {PowerSpectrum.RatioTolerance}");
        YamlConfig.Require(PowerSpectrum.KMaxHMpc >= 0, path, "power_spectrum.k_max_h_mpc", $"must be ≥ 0 (0 = Nyquist), got {PowerSpectrum.KMaxHMpc}");
        YamlConfig.Require(CorrelationFunction.RelativeTolerance > 0, path, "correlation_function.relative_tolerance", "must be positive");
        YamlConfig.Require(CorrelationFunction.RMaxMpch >= 0, path, "correlation_function.r_max_mpch", "must be ≥ 0 (0 = half the box)");
        YamlConfig.Require(DensityPdf.RelativeTolerance > 0, path, "density_pdf.relative_tolerance", "must be positive");
        YamlConfig.Require(DensityPdf.Bins >= 1, path, "density_pdf.bins", $"must be ≥ 1, got {DensityPdf.Bins}");
        YamlConfig.Require(DensityPdf.MinDensity > 0 && DensityPdf.MaxDensity > DensityPdf.MinDensity, path, "density_pdf.min_density",
            $"and max_density must satisfy 0 < min_density < max_density, got {DensityPdf.MinDensity} and {DensityPdf.MaxDensity}");
        YamlConfig.Require(DensityPdf.MinProbability >= 0, path, "density_pdf.min_probability", "must be ≥ 0");
        YamlConfig.Require(DensityPdf.SmoothingRadiusMpch >= 0, path, "density_pdf.smoothing_radius_mpch", "must be ≥ 0 (0 = no smoothing)");
        YamlConfig.Require(PeakCounts.RelativeTolerance > 0, path, "peak_counts.relative_tolerance", "must be positive");
        YamlConfig.Require(PeakCounts.MinCount >= 0, path, "peak_counts.min_count", "must be ≥ 0");
        YamlConfig.Require(PeakCounts.Thresholds.Count > 0 && PeakCounts.Thresholds.All(double.IsFinite), path, "peak_counts.thresholds", "must list at least one finite ν");
        YamlConfig.Require(PeakCounts.SmoothingRadiusMpch >= 0, path, "peak_counts.smoothing_radius_mpch", "must be ≥ 0 (0 = no smoothing)");
        YamlConfig.Require(Covariance.DiagonalSigmas > 0, path, "covariance.diagonal_sigmas", "must be positive");
        YamlConfig.Require(Covariance.CorrelationMaxAbsDifference >= 0, path, "covariance.correlation_max_abs_difference", "must be ≥ 0 (0 = automatic)");
        YamlConfig.Require(Covariance.FalseAlarm is > 0 and < 1, path, "covariance.false_alarm", "must be in (0, 1)");
        YamlConfig.Require(ChiSquared.MinPValue is >= 0 and < 1, path, "chi_squared.min_p_value", "must be in [0, 1)");
        YamlConfig.Require(ChiSquared.MaxBins >= 0, path, "chi_squared.max_bins", "must be ≥ 0 (0 = automatic)");
        YamlConfig.Require(Slices.Count >= 0, path, "slices.count", "must be ≥ 0");
        try { _ = Data.Png.Colormap.FromName(Slices.Colormap); }
        catch (ArgumentException e) { throw new ConfigException($"{path}: 'slices.colormap' {e.Message}"); }
        foreach (var (key, filter) in new[] { ("density_pdf.smoothing", DensityPdf.Smoothing), ("peak_counts.smoothing", PeakCounts.Smoothing) })
            YamlConfig.Require(ParseFilter(filter) is not null, path, key, $"must be none, top_hat or gaussian, got '{filter}'");
    }

    /// <summary>"none", "top_hat" or "gaussian" (any case, '-' or '_'), or null for anything else.</summary>
    public static SmoothingFilter? ParseFilter(string name) => name.Trim().ToLowerInvariant().Replace("-", "_") switch
    {
        "none" => SmoothingFilter.None,
        "top_hat" or "tophat" => SmoothingFilter.TopHat,
        "gaussian" => SmoothingFilter.Gaussian,
        _ => null,
    };

    /// <summary>P(k) of the ensemble means, bin by bin.</summary>
    public sealed class PowerSpectrumOptions
    {
        public bool Enabled { get; set; } = true;
        /// <summary>Allowed |P_cand/P_ref − 1| per bin (where the noise allowance is smaller).</summary>
        public double RatioTolerance { get; set; } = 0.05;
        /// <summary>Highest k compared, h/Mpc; 0 = the Nyquist wavenumber πN/L.</summary>
        public double KMaxHMpc { get; set; }
    }

    /// <summary>ξ(r) of the ensemble means.</summary>
    public sealed class CorrelationFunctionOptions
    {
        public bool Enabled { get; set; } = true;
        /// <summary>Allowed |Δξ| as a fraction of |ξ_ref| (where the noise allowance is smaller).</summary>
        public double RelativeTolerance { get; set; } = 0.1;
        /// <summary>Largest separation compared, Mpc/h; 0 = L/2, beyond which periodic bins are not isotropic.</summary>
        public double RMaxMpch { get; set; }
    }

    /// <summary>One-point PDF dP/dln(1+δ) of the ensemble means.</summary>
    public sealed class DensityPdfOptions
    {
        public bool Enabled { get; set; } = true;
        public double RelativeTolerance { get; set; } = 0.1;
        public int Bins { get; set; } = 40;
        /// <summary>Lowest 1+δ binned.</summary>
        public double MinDensity { get; set; } = 0.01;
        /// <summary>Highest 1+δ binned.</summary>
        public double MaxDensity { get; set; } = 100;
        /// <summary>Only bins holding at least this fraction of the reference's cells are checked (rare tails are too noisy).</summary>
        public double MinProbability { get; set; } = 1e-3;
        /// <summary>none, top_hat or gaussian.</summary>
        public string Smoothing { get; set; } = "none";
        public double SmoothingRadiusMpch { get; set; }
    }

    /// <summary>Cumulative peak counts above ν·σ of the ensemble means.</summary>
    public sealed class PeakCountsOptions
    {
        public bool Enabled { get; set; } = true;
        public double RelativeTolerance { get; set; } = 0.1;
        /// <summary>Only thresholds where the reference has at least this many peaks per realization on average are checked.</summary>
        public double MinCount { get; set; } = 5;
        public List<double> Thresholds { get; set; } = [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4];
        /// <summary>none, top_hat or gaussian (applied before finding peaks).</summary>
        public string Smoothing { get; set; } = "none";
        public double SmoothingRadiusMpch { get; set; }
    }

    /// <summary>Covariance and correlation matrices of P(k) (bins up to k_max of <see cref="PowerSpectrum"/>).</summary>
    public sealed class CovarianceOptions
    {
        public bool Enabled { get; set; } = true;
        /// <summary>Allowed |σ²_cand/σ²_ref − 1| per bin in units of its Wishart error √(2/(N_ref−1) + 2/(N_cand−1)).</summary>
        public double DiagonalSigmas { get; set; } = 3;
        /// <summary>
        /// Allowed max |r_cand − r_ref| off the diagonal; 0 = automatic: z·√(1/(N_ref−3) + 1/(N_cand−3)), the Fisher-z
        /// noise of the difference, with z the two-sided normal quantile at false_alarm / (number of pairs).
        /// </summary>
        public double CorrelationMaxAbsDifference { get; set; }
        /// <summary>Chance that the automatic correlation tolerance fails two sets drawn from one distribution.</summary>
        public double FalseAlarm { get; set; } = 0.01;
    }

    /// <summary>χ² of each candidate P(k) under the reference mean and covariance, KS-tested against its exact law.</summary>
    public sealed class ChiSquaredOptions
    {
        public bool Enabled { get; set; } = true;
        /// <summary>The KS p-value of the candidate χ² values must be at least this.</summary>
        public double MinPValue { get; set; } = 0.01;
        /// <summary>
        /// P(k) bins are merged (mode-weighted) down to at most this many; 0 = automatic, N_ref/4: the χ² values share one
        /// estimated covariance, so the F law (a marginal over reference ensembles) describes them only when N_ref ≫ p.
        /// </summary>
        public int MaxBins { get; set; }
    }

    /// <summary>PNG slices through the first realizations of each set, on one colour scale.</summary>
    public sealed class SlicesOptions
    {
        public bool Enabled { get; set; } = true;
        /// <summary>Realizations shown per set.</summary>
        public int Count { get; set; } = 3;
        /// <summary>viridis, magma or gray.</summary>
        public string Colormap { get; set; } = "magma";
    }
}
