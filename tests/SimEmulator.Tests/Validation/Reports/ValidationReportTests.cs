using System.Buffers.Binary;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using SimEmulator.Validation.Reports;

namespace SimEmulator.Tests.Validation.Reports;

public sealed class ValidationReportTests : IDisposable
{
    // Both comparisons are shared by the tests below: computed once per test run.
    private static readonly Lazy<ValidationReport> Same = new(() => ValidationReport.Run(ValidationTestSets.Files.Reference, ValidationTestSets.Files.Candidate));
    private static readonly Lazy<ValidationReport> Scaled = new(() => ValidationReport.Run(ValidationTestSets.Files.Reference, ValidationTestSets.Files.Scaled));

    private readonly string dir = Directory.CreateTempSubdirectory("simemu-validate-report-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Sets_from_one_distribution_pass_every_check_and_summary_json_round_trips()
    {
        var report = Same.Value;
        var failed = report.Summary.Checks.Where(c => !c.Passed).Select(c => $"{c.Section}/{c.Name}: {c.Value} {c.Comparison} {c.Tolerance} ({c.Detail})");
        Assert.True(report.Summary.Passed, string.Join("\n", failed));
        // One check per binned statistic, two for the covariance, one for χ², Q(k) and Q(θ) of the bispectrum, V0, V1, V2
        // of the Minkowski functionals, one for M(r), Δ⟨ln L⟩ and the ln L KS test: fifteen in all.
        Assert.Equal(["power_spectrum", "correlation_function", "density_pdf", "peak_counts", "covariance", "covariance", "chi_squared",
                      "bispectrum", "bispectrum", "minkowski_functionals", "minkowski_functionals", "minkowski_functionals", "marked_correlation",
                      "likelihood", "likelihood"],
            report.Summary.Checks.Select(c => c.Section));

        report.WriteReport(dir);
        var json = File.ReadAllText(Path.Combine(dir, ValidationReport.SummaryFileName));
        var back = ValidationSummary.FromJson(json);
        Assert.Equal(report.Summary.Checks, back.Checks);
        Assert.Equal(report.Summary.Reference, back.Reference);
        Assert.Equal((20, 20, 16, 100.0), (back.Reference.RealizationsUsed, back.Candidate.DistinctSeeds, back.Candidate.Grid, back.Reference.BoxSizeMpcH));
        using var doc = JsonDocument.Parse(json);
        var pk = doc.RootElement.GetProperty("sections").GetProperty("power_spectrum");
        // k_max defaults to the Nyquist wavenumber πN/L = π·16/100 h/Mpc.
        Assert.Equal(Math.PI * 16 / 100, pk.GetProperty("k_max").GetDouble(), 12);
        Assert.Equal(0.05, doc.RootElement.GetProperty("config").GetProperty("power_spectrum").GetProperty("ratio_tolerance").GetDouble());
        Assert.Empty(Directory.GetFiles(dir, "*.tmp-*")); // the temporary names were renamed away
    }

    [Fact]
    public void Candidate_power_scaled_by_1_2_fails_the_power_spectrum_check_with_ratio_1_2_times_the_unscaled_one()
    {
        var check = Scaled.Value.Summary.Checks.Single(c => c.Section == "power_spectrum");
        Assert.False(check.Passed);
        Assert.False(Scaled.Value.Summary.Passed);
        // The scaled set is the candidate set times √1.2 (float32), so bin by bin its ratio is exactly 1.2 × the unscaled
        // ratio up to float32 rounding of the fields (relative 1e-6).
        var scaled = Ratios(Scaled.Value);
        var same = Ratios(Same.Value);
        Assert.Equal(same.Length, scaled.Length);
        for (var i = 0; i < same.Length; i++) Assert.Equal(1.2, scaled[i] / same[i], 5);
        Assert.True(check.Value > 0.1, $"worst |ratio − 1| should be ≈ 0.2, got {check.Value}");
    }

    private static double[] Ratios(ValidationReport r) =>
        r.Summary.Sections["power_spectrum"]!["comparison"]!["ratio"]!.AsArray().Select(v => (double)v!).ToArray();

    [Fact]
    public void Report_html_is_well_formed_self_contained_and_embeds_png_slices()
    {
        Same.Value.WriteReport(dir);
        var html = File.ReadAllText(Path.Combine(dir, ValidationReport.ReportFileName));

        // Well-formed as XML (the DOCTYPE aside), so every inline <svg> parses with System.Xml.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
        using var reader = XmlReader.Create(new StringReader(html), settings);
        var page = XDocument.Load(reader);
        var figures = page.Descendants("svg").Where(e => e.Parent?.Name != "svg").ToList();
        // P(k), ξ, PDF, peaks, χ² figures, the variance ratio, two heatmap triplets, B(k), Q(k), B(θ), Q(θ), V0, V1, V2,
        // M(r), the ln L and the PIT histograms.
        Assert.Equal(18, figures.Count);
        foreach (var svg in figures) XDocument.Parse(svg.ToString());

        // Offline: no URL at all, no scripts or stylesheets to fetch; every src is a data URI.
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.Empty(page.Descendants("script"));
        Assert.Empty(page.Descendants("link"));
        var sources = page.Descendants().Attributes("src").Select(a => a.Value).ToList();
        Assert.All(sources, s => Assert.StartsWith("data:image/png;base64,", s));
        Assert.Equal(6, sources.Count); // 3 slices of each set (slices.count default)

        // Each is a real PNG: the signature, then IHDR with the 16-cell slice enlarged 8× to 128 px.
        var png = Convert.FromBase64String(sources[0]["data:image/png;base64,".Length..]);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal(128, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(128, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    [Fact]
    public void Mismatched_grids_are_one_error_naming_both_files_and_values_and_nothing_is_written()
    {
        var f = ValidationTestSets.Files;
        var e = Assert.Throws<ArgumentException>(() => ValidationReport.Run(f.Reference, f.SmallGrid));
        Assert.Contains(f.Reference, e.Message);
        Assert.Contains(f.SmallGrid, e.Message);
        Assert.Contains("grid 16 vs 8", e.Message);

        Assert.Equal(1, SimEmulator.Cli.SimemuCli.Run(["validate", "--reference", f.Reference, "--candidate", f.SmallGrid, "--out", dir]));
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void Fewer_realizations_than_the_chi_squared_needs_skip_it_with_a_note_instead_of_failing()
    {
        // 2 realizations per set: N_ref − 2 = 0 merged bins are possible, so the χ² section explains why it has no check.
        var r = ValidationReport.Run(ValidationTestSets.Files.Reference, ValidationTestSets.Files.Candidate, new ValidationConfig { MaxRealizations = 2 });
        var chi2 = r.Sections.Single(s => s.Id == "chi_squared");
        Assert.Empty(chi2.Checks);
        Assert.Contains(chi2.Notes, n => n.Contains("at least 3 reference realizations"));
        Assert.Equal(2, r.Summary.Candidate.RealizationsUsed);
        Assert.Matches(new Regex("needs more than 3 realizations"), string.Join("\n", r.Sections.Single(s => s.Id == "covariance").Notes));
    }
}
