using SimEmulator.Data.Config;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Validation.Reports;

/// <summary>
/// Tolerances and options of <c>simemu validate</c>, loaded strictly from YAML (configs/validate.yaml documents every key).
/// A bin passes when |cand − ref| ≤ max(tolerance·|ref|, noise_sigmas·σ_Δ), σ_Δ = √(σ²_ref/N_ref + σ²_cand/N_cand):
/// a relative tolerance where the ensembles measure the mean well, their own noise where they cannot. Field sets run the
/// enabled field sections (P(k) … likelihood distributions); two image sets use <see cref="Images"/> (and max_realizations) only.
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
    public BispectrumOptions Bispectrum { get; set; } = new();
    public MinkowskiFunctionalsOptions MinkowskiFunctionals { get; set; } = new();
    public MarkedCorrelationOptions MarkedCorrelation { get; set; } = new();
    public LikelihoodOptions Likelihood { get; set; } = new();
    /// <summary>Options of image-set validations (/images [N, C, H, W]); field-set validations ignore them.</summary>
    public ImagesOptions Images { get; set; } = new();

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
        YamlConfig.Require(Bispectrum.MaxRealizations >= 0, path, "bispectrum.max_realizations", "must be ≥ 0 (0 = all)");
        YamlConfig.Require(Bispectrum.KEquilateralHMpc.All(k => k > 0 && double.IsFinite(k)), path, "bispectrum.k_equilateral_h_mpc", "must list positive wavenumbers in h/Mpc (empty = automatic)");
        YamlConfig.Require(Bispectrum.K1HMpc >= 0 && double.IsFinite(Bispectrum.K1HMpc), path, "bispectrum.k1_h_mpc", "must be ≥ 0 (0 = automatic)");
        YamlConfig.Require(Bispectrum.K2HMpc >= 0 && double.IsFinite(Bispectrum.K2HMpc), path, "bispectrum.k2_h_mpc", "must be ≥ 0 (0 = twice k1)");
        YamlConfig.Require(Bispectrum.Angles >= 0, path, "bispectrum.angles", "must be ≥ 0 (0 = no B(θ))");
        YamlConfig.Require(Bispectrum.RelativeTolerance > 0, path, "bispectrum.relative_tolerance", "must be positive");
        YamlConfig.Require(MinkowskiFunctionals.SliceStride >= 1, path, "minkowski_functionals.slice_stride", $"must be ≥ 1, got {MinkowskiFunctionals.SliceStride}");
        YamlConfig.Require(MinkowskiFunctionals.Axis is >= 0 and <= 2, path, "minkowski_functionals.axis", $"must be 0, 1 or 2, got {MinkowskiFunctionals.Axis}");
        YamlConfig.Require(MinkowskiFunctionals.NuMax > 0 && double.IsFinite(MinkowskiFunctionals.NuMax), path, "minkowski_functionals.nu_max", "must be positive");
        YamlConfig.Require(MinkowskiFunctionals.Thresholds >= 2, path, "minkowski_functionals.thresholds", $"must be ≥ 2, got {MinkowskiFunctionals.Thresholds}");
        YamlConfig.Require(MinkowskiFunctionals.RelativeTolerance > 0, path, "minkowski_functionals.relative_tolerance", "must be positive");
        YamlConfig.Require(MarkedCorrelation.MaxRealizations >= 0, path, "marked_correlation.max_realizations", "must be ≥ 0 (0 = all)");
        YamlConfig.Require(double.IsFinite(MarkedCorrelation.P), path, "marked_correlation.p", "must be finite");
        YamlConfig.Require(MarkedCorrelation.DeltaS > -1 && double.IsFinite(MarkedCorrelation.DeltaS), path, "marked_correlation.delta_s", "must be finite and > −1");
        YamlConfig.Require(MarkedCorrelation.RadiusMpch > 0 && double.IsFinite(MarkedCorrelation.RadiusMpch), path, "marked_correlation.radius_mpch", "must be positive");
        YamlConfig.Require(MarkedCorrelation.RelativeTolerance > 0, path, "marked_correlation.relative_tolerance", "must be positive");
        YamlConfig.Require(MarkedCorrelation.RMaxMpch >= 0, path, "marked_correlation.r_max_mpch", "must be ≥ 0 (0 = half the box)");
        YamlConfig.Require(Likelihood.HoldOutFraction is > 0 and < 1, path, "likelihood.hold_out_fraction", "must be in (0, 1)");
        YamlConfig.Require(Likelihood.BootstrapResamples >= 2, path, "likelihood.bootstrap_resamples", "must be ≥ 2");
        YamlConfig.Require(Likelihood.MaxBins >= 0, path, "likelihood.max_bins", "must be ≥ 0 (0 = automatic)");
        YamlConfig.Require(Likelihood.DeltaSigmas > 0, path, "likelihood.delta_sigmas", "must be positive");
        YamlConfig.Require(Likelihood.MaxAbsDeltaLogLikelihood >= 0, path, "likelihood.max_abs_delta_log_likelihood", "must be ≥ 0 (0 = delta_sigmas bootstrap errors)");
        YamlConfig.Require(Likelihood.MinPValue is >= 0 and < 1, path, "likelihood.min_p_value", "must be in [0, 1)");
        YamlConfig.Require(Images.Band >= 0, path, "images.band", "must be ≥ 0 (a channel index)");
        YamlConfig.Require(Images.MinPValue is >= 0 and < 1, path, "images.min_p_value", "must be in [0, 1)");
        YamlConfig.Require(Images.Show >= 0, path, "images.show", "must be ≥ 0");
        YamlConfig.Require(Images.HistogramBins >= 1, path, "images.histogram_bins", "must be ≥ 1");
        var known = ImageSections.MorphologySection.All.Select(m => m.Key).ToArray();
        foreach (var name in Images.Statistics)
            YamlConfig.Require(known.Contains(name), path, "images.statistics", $"names unknown statistic '{name}'; choose from {string.Join(", ", known)}");
        foreach (var (key, map) in new[] { ("slices.colormap", Slices.Colormap), ("images.colormap", Images.Colormap) })
        {
            try { _ = Data.Png.Colormap.FromName(map); }
            catch (ArgumentException e) { throw new ConfigException($"{path}: '{key}' {e.Message}"); }
        }
        foreach (var (key, filter) in new[] { ("density_pdf.smoothing", DensityPdf.Smoothing), ("peak_counts.smoothing", PeakCounts.Smoothing), ("marked_correlation.filter", MarkedCorrelation.Filter) })
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

    /// <summary>
    /// Equilateral B(k), Q(k) and B(θ), Q(θ) for k1, k2 (Pylians shells ±k_F) of the ensemble means, on the first
    /// max_realizations of each set (the most expensive statistic: one shell costs two inverse FFTs). Q is checked by
    /// absolute difference: it crosses zero, and is ≈ 0 for Gaussian fields, where only the noise allowance matters.
    /// </summary>
    public sealed class BispectrumOptions
    {
        public bool Enabled { get; set; } = true;
        /// <summary>Use at most this many realizations of each set (0 = all those the validation uses).</summary>
        public int MaxRealizations { get; set; } = 32;
        /// <summary>Equilateral k values, h/Mpc; empty = automatic: at most 6 multiples m·k_F, 2 ≤ m ≤ N/4 (half the Nyquist wavenumber).</summary>
        public List<double> KEquilateralHMpc { get; set; } = [];
        /// <summary>k1 of B(θ), h/Mpc; 0 = automatic, max(2, round(N/16))·k_F.</summary>
        public double K1HMpc { get; set; }
        /// <summary>k2 of B(θ), h/Mpc; 0 = 2·k1.</summary>
        public double K2HMpc { get; set; }
        /// <summary>Angles θ between k⃗1 and k⃗2, evenly spaced over [0, π]; 0 = no B(θ).</summary>
        public int Angles { get; set; } = 9;
        /// <summary>Allowed |Q_cand − Q_ref| as a fraction of |Q_ref| (where the noise allowance is smaller).</summary>
        public double RelativeTolerance { get; set; } = 0.15;
    }

    /// <summary>Minkowski functionals V0, V1, V2 of slices of each cube, against ν in units of the cube's σ.</summary>
    public sealed class MinkowskiFunctionalsOptions
    {
        public bool Enabled { get; set; } = true;
        /// <summary>Slices are taken perpendicular to this axis (0 = x).</summary>
        public int Axis { get; set; }
        /// <summary>Every slice_stride-th slice is measured (1 = every slice).</summary>
        public int SliceStride { get; set; } = 1;
        /// <summary>Thresholds run from −nu_max to nu_max.</summary>
        public double NuMax { get; set; } = 2.5;
        /// <summary>Number of evenly spaced thresholds; the δ-function bin width is their spacing.</summary>
        public int Thresholds { get; set; } = 21;
        /// <summary>Allowed |V_cand − V_ref| as a fraction of |V_ref| (where the noise allowance is smaller).</summary>
        public double RelativeTolerance { get; set; } = 0.1;
    }

    /// <summary>Marked correlation M(r) with White's (2016) mark m = [(1 + δs)/(1 + δs + δ_R)]^p.</summary>
    public sealed class MarkedCorrelationOptions
    {
        public bool Enabled { get; set; } = true;
        /// <summary>Use at most this many realizations of each set (0 = all those the validation uses).</summary>
        public int MaxRealizations { get; set; }
        public double P { get; set; } = 1;
        public double DeltaS { get; set; } = 0.25;
        /// <summary>Smoothing radius R of δ_R, Mpc/h.</summary>
        public double RadiusMpch { get; set; } = 10;
        /// <summary>none, top_hat or gaussian.</summary>
        public string Filter { get; set; } = "top_hat";
        /// <summary>Allowed |M_cand/M_ref − 1| (where the noise allowance is smaller).</summary>
        public double RelativeTolerance { get; set; } = 0.05;
        /// <summary>Largest separation compared, Mpc/h; 0 = L/2.</summary>
        public double RMaxMpch { get; set; }
    }

    /// <summary>
    /// Likelihood distributions: a Gaussian likelihood (Hartlap) of a summary vector — P(k) merged like the χ² section,
    /// optionally with PDF and peak-count bins — is fitted on part of the reference, and held-out reference and all
    /// candidate realizations are scored; their ln L distributions must agree.
    /// </summary>
    public sealed class LikelihoodOptions
    {
        public bool Enabled { get; set; } = true;
        /// <summary>Also put the density PDF bins (those density_pdf checks, merged) in the summary vector.</summary>
        public bool IncludeDensityPdf { get; set; }
        /// <summary>Also put the peak counts (thresholds peak_counts checks, merged) in the summary vector.</summary>
        public bool IncludePeakCounts { get; set; }
        /// <summary>Length p of the summary vector; 0 = automatic, N_train/4, so that N ≫ p.</summary>
        public int MaxBins { get; set; }
        /// <summary>Fraction of the reference held out of the fit and scored like the candidate.</summary>
        public double HoldOutFraction { get; set; } = 0.25;
        /// <summary>Seed of the split and of the bootstrap.</summary>
        public int Seed { get; set; }
        public int BootstrapResamples { get; set; } = 1000;
        /// <summary>|Δ⟨ln L⟩| must be at most this many bootstrap standard errors.</summary>
        public double DeltaSigmas { get; set; } = 3;
        /// <summary>When &gt; 0, |Δ⟨ln L⟩| must be at most this instead of delta_sigmas bootstrap errors.</summary>
        public double MaxAbsDeltaLogLikelihood { get; set; }
        /// <summary>The two-sample KS p-value of the ln L distributions must be at least this.</summary>
        public double MinPValue { get; set; } = 0.01;
    }

    /// <summary>
    /// Image sets: morphology of every image (one band) compared distribution by distribution (two-sample KS, AD, W1);
    /// PSNR and SSIM per pair when the sets are paired (candidate i reconstructs reference i).
    /// </summary>
    public sealed class ImagesOptions
    {
        /// <summary>Channel measured (0 = the first band).</summary>
        public int Band { get; set; }
        /// <summary>Every morphology statistic's two-sample KS p-value must be at least this.</summary>
        public double MinPValue { get; set; } = 0.01;
        /// <summary>Candidate image i is a reconstruction of reference image i: also report PSNR and SSIM per pair.</summary>
        public bool Paired { get; set; }
        /// <summary>Images shown per set in the PNG grids.</summary>
        public int Show { get; set; } = 8;
        /// <summary>viridis, magma or gray.</summary>
        public string Colormap { get; set; } = "viridis";
        /// <summary>Bins of the morphology histograms.</summary>
        public int HistogramBins { get; set; } = 20;
        /// <summary>Morphology statistics compared (each one KS check): flux, e1, e2, e, half_light_radius, concentration, asymmetry, smoothness, gini, m20.</summary>
        public List<string> Statistics { get; set; } = ["flux", "e1", "e2", "e", "half_light_radius", "concentration", "asymmetry", "smoothness", "gini", "m20"];
    }
}
