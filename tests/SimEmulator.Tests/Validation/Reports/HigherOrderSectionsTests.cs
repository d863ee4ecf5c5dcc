using System.Text.Json.Nodes;
using SimEmulator.Data.Layouts;
using SimEmulator.Validation.Reports;
using SimEmulator.Validation.Reports.Sections;

namespace SimEmulator.Tests.Validation.Reports;

/// <summary>
/// The bispectrum, Minkowski-functional, marked-correlation and likelihood sections of <c>simemu validate</c>, on the
/// shared 16³ Gaussian test sets and on a non-Gaussian candidate built here from the same Gaussian fields.
/// </summary>
public sealed class HigherOrderSectionsTests
{
    /// <summary>Strength f of the quadratic term of the non-Gaussian candidate δ_NG = δ + f(δ² − ⟨δ²⟩).</summary>
    private const double QuadraticF = 0.5;

    private static readonly Lazy<string> NonGaussian = new(CreateNonGaussian, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<ValidationReport> Same = new(() => ValidationReport.Run(ValidationTestSets.Files.Reference, ValidationTestSets.Files.Candidate, Fast()));
    private static readonly Lazy<ValidationReport> Scaled = new(() => ValidationReport.Run(ValidationTestSets.Files.Reference, ValidationTestSets.Files.Scaled, Fast()));
    private static readonly Lazy<ValidationReport> Skewed = new(() => ValidationReport.Run(ValidationTestSets.Files.Reference, NonGaussian.Value, Fast()));

    /// <summary>Only the sections under test (and P(k), which the non-Gaussian test compares against).</summary>
    private static ValidationConfig Fast()
    {
        var c = new ValidationConfig();
        c.Slices.Enabled = c.CorrelationFunction.Enabled = c.DensityPdf.Enabled = c.PeakCounts.Enabled = c.Covariance.Enabled = c.ChiSquared.Enabled = false;
        return c;
    }

    /// <summary>
    /// The candidate set's Gaussian fields (seeds 101…120) made non-Gaussian by a local quadratic term, then rescaled to the
    /// Gaussian field's variance so that the amplitude of P(k) stays close: x = [δ + f(δ² − ⟨δ²⟩)]·σ_δ/σ_x.
    /// </summary>
    private static string CreateNonGaussian()
    {
        var path = Path.Combine(ValidationTestSets.Files.Directory, "quadratic.h5");
        var info = new FieldSetInfo(ValidationTestSets.BoxSize, ValidationTestSets.Grid, 0, FieldKind.Overdensity, "CIC", Cosmology.Quijote, "HigherOrderSectionsTests: δ + f(δ² − ⟨δ²⟩)");
        using var w = FieldSetWriter.Create(path, info);
        foreach (var seed in Enumerable.Range(101, ValidationTestSets.Count))
        {
            var d = ValidationTestSets.GaussianField(ValidationTestSets.Grid, seed);
            var mean2 = d.Average(v => (double)v * v);
            var x = d.Select(v => v + QuadraticF * (v * v - mean2)).ToArray();
            var scale = Math.Sqrt(mean2 / x.Average(v => v * v));
            w.Append(x.Select(v => (float)(v * scale)).ToArray(), seed);
        }
        w.Complete();
        return path;
    }

    private static ValidationCheck Check(ValidationReport r, string section, string name) =>
        r.Summary.Checks.Single(c => c.Section == section && c.Name == name);

    [Fact]
    public void Sets_from_one_distribution_pass_the_bispectrum_minkowski_marked_and_likelihood_checks()
    {
        var r = Same.Value;
        var failed = r.Summary.Checks.Where(c => !c.Passed).Select(c => $"{c.Section}/{c.Name}: {c.Value} {c.Comparison} {c.Tolerance} ({c.Detail})");
        Assert.True(r.Summary.Passed, string.Join("\n", failed));
        Assert.Equal(["Q(k) equilateral", "Q(θ)"], r.Summary.Checks.Where(c => c.Section == "bispectrum").Select(c => c.Name));
        Assert.Equal(3, r.Summary.Checks.Count(c => c.Section == "minkowski_functionals"));

        // Default triangles on 16³ in L = 100 Mpc/h: equilateral k = 2, 3, 4 k_F (2 ≤ m ≤ N/4), B(θ) for k1 = 2k_F, k2 = 4k_F
        // at 9 angles; bispectrum.max_realizations (32) exceeds the 20 of each set, so all are used.
        var b = r.Summary.Sections["bispectrum"]!;
        var kF = 2 * Math.PI / ValidationTestSets.BoxSize;
        Close([2 * kF, 3 * kF, 4 * kF], b["equilateral"]!["k"]!.AsArray().Select(v => (double)v!).ToArray(), 1e-12);
        Assert.Equal(2 * kF, (double)b["angles"]!["k1"]!, 12);
        Assert.Equal(4 * kF, (double)b["angles"]!["k2"]!, 12);
        Assert.Equal(9, b["angles"]!["theta"]!.AsArray().Count);
        Assert.Equal(20, (int)b["equilateral"]!["Q"]!["candidate_realizations"]!);
        // Likelihood: 25 % of 20 held out, p = N_train/4 = 3 merged P(k) groups.
        var l = r.Summary.Sections["likelihood"]!;
        Assert.Equal((15, 5, 3), ((int)l["realizations_trained"]!, (int)l["realizations_held_out"]!, l["elements"]!.AsArray().Count));
    }

    [Fact]
    public void Quadratic_non_Gaussian_candidate_fails_the_bispectrum_and_minkowski_checks_but_passes_the_power_spectrum_check()
    {
        var r = Skewed.Value;
        // P(k): the variance is matched and the quadratic term's power (≈ 2f²σ⁴, 4.5 % of σ² here) spreads over all k, so
        // the mean P(k) stays within the 5 % tolerance: the power spectrum cannot see that this candidate is wrong.
        Assert.True(Check(r, "power_spectrum", "P(k) mean ratio").Passed, Check(r, "power_spectrum", "P(k) mean ratio").Detail);
        // Local quadratic term at tree level: B_x = s³·2f(P1P2 + P2P3 + P3P1) and P_x ≈ s²P with s = σ_δ/σ_x ≈ 0.98, so
        // Q ≈ 2f/s ≈ 1.0 for f = 0.5, against Q = 0 (± its noise, σ_Q ≈ 0.5–1 per 16³ realization) for the Gaussian reference.
        var q = Check(r, "bispectrum", "Q(k) equilateral");
        Assert.False(q.Passed, q.Detail);
        var qMean = r.Summary.Sections["bispectrum"]!["equilateral"]!["Q"]!["candidate_mean"]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.All(qMean, v => Assert.True(v > 0.5, $"Q of δ + f(δ² − ⟨δ²⟩) must be clearly positive, got {v}"));
        // A positive skewness moves the area fraction V0(ν) of the excursion sets off ½ erfc(ν/√2).
        var v0 = Check(r, "minkowski_functionals", "V0(ν) mean");
        Assert.False(v0.Passed, v0.Detail);
    }

    [Fact]
    public void Amplitude_scaled_candidate_has_a_clearly_negative_delta_mean_log_likelihood()
    {
        var l = Scaled.Value.Summary.Sections["likelihood"]!;
        var delta = (double)l["delta_mean_log_likelihood"]!;
        var se = (double)l["delta_standard_error"]!;
        // P(k) 1.2× the reference in every bin: each of the 3 merged groups (hundreds of modes, σ_P/P ≲ 7 %) is off by
        // ≳ 3σ, so χ² grows by ≳ 3·3² and ⟨ln L⟩ drops by ≳ 10, many bootstrap errors.
        Assert.True(delta < -5 && delta < -5 * se, $"Δ⟨ln L⟩ = {delta} ± {se}");
        var check = Check(Scaled.Value, "likelihood", "|Δ⟨ln L⟩|");
        Assert.False(check.Passed);
        Assert.Equal(Math.Abs(delta), check.Value, 12);
        Assert.Equal(3 * se, check.Tolerance, 12); // default delta_sigmas = 3
        // The unscaled candidate, same distribution: Δ within its 3σ.
        var same = Same.Value.Summary.Sections["likelihood"]!;
        Assert.True(Math.Abs((double)same["delta_mean_log_likelihood"]!) <= 3 * (double)same["delta_standard_error"]!);
    }

    [Fact]
    public void Likelihood_summary_vector_adds_pdf_and_peak_elements_when_asked()
    {
        var c = Fast();
        c.Bispectrum.Enabled = c.MinkowskiFunctionals.Enabled = c.MarkedCorrelation.Enabled = false;
        c.Likelihood.IncludeDensityPdf = c.Likelihood.IncludePeakCounts = true;
        c.Likelihood.MaxBins = 9;
        var r = ValidationReport.Run(ValidationTestSets.Files.Reference, ValidationTestSets.Files.Candidate, c);
        var elements = r.Summary.Sections["likelihood"]!["elements"]!.AsArray().Select(e => (string)e!).ToArray();
        // p = 9 shared three ways: 3 PDF groups, 3 peak thresholds, the remaining 3 for P(k).
        Assert.Equal(3, elements.Count(e => e.StartsWith("power_spectrum:")));
        Assert.Equal(3, elements.Count(e => e.StartsWith("density_pdf:")));
        Assert.Equal(3, elements.Count(e => e.StartsWith("peak_counts:")));
        Assert.True(r.Summary.Checks.Where(x => x.Section == "likelihood").All(x => x.Passed));
    }

    [Fact]
    public void Minkowski_slice_stride_measures_every_stride_th_slice()
    {
        var c = Fast();
        c.PowerSpectrum.Enabled = c.Bispectrum.Enabled = c.MarkedCorrelation.Enabled = c.Likelihood.Enabled = false;
        c.MinkowskiFunctionals.SliceStride = 5;
        c.MaxRealizations = 3;
        var r = ValidationReport.Run(ValidationTestSets.Files.Reference, ValidationTestSets.Files.Candidate, c);
        // Slices 0, 5, 10, 15 of 16.
        Assert.Equal(4, (int)r.Summary.Sections["minkowski_functionals"]!["slices_per_cube"]!);
        Assert.Equal(5, (int)r.Summary.Config["minkowski_functionals"]!["slice_stride"]!);
    }

    [Fact]
    public void Default_equilateral_k_are_at_most_six_multiples_of_the_fundamental_up_to_half_nyquist()
    {
        // N = 64: multiples 2 … 16 of k_F, six of them evenly spread (round(2 + 14·i/5)).
        var kF = 2 * Math.PI / 1000;
        Close([2 * kF, 5 * kF, 8 * kF, 10 * kF, 13 * kF, 16 * kF], BispectrumSection.DefaultK(64, 1000), 1e-15);
        Close([2 * kF], BispectrumSection.DefaultK(8, 1000), 1e-15);
    }

    private static void Close(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], tolerance);
    }
}
