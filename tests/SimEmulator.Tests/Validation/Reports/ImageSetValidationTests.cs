using System.Xml;
using System.Xml.Linq;
using SimEmulator.Data.Layouts;
using SimEmulator.Validation.Images;
using SimEmulator.Validation.Reports;

namespace SimEmulator.Tests.Validation.Reports;

public sealed class ImageSetValidationTests : IDisposable
{
    private static readonly Lazy<ValidationReport> Same = new(() => ValidationReport.Run(ImageTestSets.Files.Reference, ImageTestSets.Files.Candidate));
    private static readonly Lazy<ValidationReport> Broad = new(() => ValidationReport.Run(ImageTestSets.Files.Reference, ImageTestSets.Files.Broad));

    private readonly string dir = Directory.CreateTempSubdirectory("simemu-validate-images-report-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Image_sets_from_one_distribution_pass_every_morphology_check_and_the_report_is_self_contained_xml()
    {
        var r = Same.Value;
        var failed = r.Summary.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Value} ({c.Detail})");
        Assert.True(r.Summary.Passed, string.Join("\n", failed));
        // One KS check per default statistic.
        Assert.Equal(["flux", "e1", "e2", "e", "half_light_radius", "concentration", "asymmetry", "smoothness", "gini", "m20"],
            r.Summary.Checks.Select(c => c.Name.Replace(" KS p-value", "")));
        Assert.All(r.Summary.Checks, c => Assert.Equal("morphology", c.Section));
        Assert.Equal(("image set", ImageTestSets.Count, ImageTestSets.PixelScale), (r.Summary.Reference.Layout, r.Summary.Candidate.RealizationsUsed, r.Summary.Reference.Images!.PixelScaleArcsec));
        Assert.Equal((1L, 48L), (r.Summary.Reference.FirstSeed, r.Summary.Reference.LastSeed)); // from /params/seed

        // The circular-aperture r½ the morphology code measures tracks the drawn elliptical one: for axis ratio q the
        // circularised radius is ≈ r½·√q (exact for the isophotal area; pixel-centre sampling aside), so 5 % is generous.
        var mean = (double)r.Summary.Sections["morphology"]!["half_light_radius"]!["reference_mean"]!;
        var p = ImageSet.Load(ImageTestSets.Files.Reference).Parameters;
        var drawn = p["half_light_radius"].Zip(p["axis_ratio"], (h, q) => h * Math.Sqrt(q)).Average();
        Assert.Equal(drawn, mean, drawn * 0.05);

        r.WriteReport(dir);
        var html = File.ReadAllText(Path.Combine(dir, ValidationReport.ReportFileName));
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        var page = XDocument.Load(reader);
        Assert.Equal(10, page.Descendants("svg").Count(e => e.Parent?.Name != "svg")); // one histogram per statistic
        Assert.DoesNotContain("http://", html);
        Assert.Empty(page.Descendants("script"));
        var sources = page.Descendants().Attributes("src").Select(a => a.Value).ToList();
        Assert.Equal(2, sources.Count); // one PNG grid per set
        Assert.All(sources, s => Assert.StartsWith("data:image/png;base64,", s));
        Assert.Equal(r.Summary.Checks, ValidationSummary.FromJson(File.ReadAllText(Path.Combine(dir, ValidationReport.SummaryFileName))).Checks);
    }

    [Fact]
    public void Candidate_with_broader_sizes_fails_the_half_light_radius_KS_check()
    {
        // Same median r½ but σ_ln 0.6 instead of 0.15: the ECDFs differ by D ≈ 0.4 (normal CDFs of σ 0.6 and 0.15 part most
        // at ±0.28 in ln r½, by Φ(0.28/0.15) − Φ(0.28/0.6) ≈ 0.29 in each tail, so the ECDFs by up to ≈ 0.4 with both tails
        // on one side), above the two-sample critical value 1.63·√(2/48) ≈ 0.33 at p = 0.01 (Kolmogorov asymptotics).
        var check = Broad.Value.Summary.Checks.Single(c => c.Name == "half_light_radius KS p-value");
        Assert.False(check.Passed, check.Detail);
        var n = Broad.Value.Summary.Sections["morphology"]!["half_light_radius"]!;
        Assert.True((double)n["candidate_std"]! > 2 * (double)n["reference_std"]!);
    }

    [Fact]
    public void Paired_sets_report_PSNR_and_SSIM_with_the_reference_data_range()
    {
        var config = new ValidationConfig { MaxRealizations = 16 };
        config.Images.Paired = true;
        config.Images.Show = 0;
        var r = ValidationReport.Run(ImageTestSets.Files.Reference, ImageTestSets.Files.Noisy, config);
        var pairs = r.Summary.Sections["image_pairs"]!;
        var range = (double)pairs["data_range"]!;
        var psnr = pairs["psnr_db"]!.AsArray().Select(v => (double)v!).ToArray();
        var ssim = pairs["ssim"]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.Equal(16, psnr.Length);

        // Expected per pair: the library call with R = max − min over the 16 reference images used.
        var reference = ImageSet.Load(ImageTestSets.Files.Reference);
        var noisy = ImageSet.Load(ImageTestSets.Files.Noisy);
        const int plane = ImageTestSets.Size * ImageTestSets.Size;
        var used = reference.Images.AsSpan(0, 16 * plane).ToArray();
        Assert.Equal(used.Max() - (double)used.Min(), range, 1e-12);
        Assert.Equal(ImageQuality.PeakSignalToNoiseRatio(reference.Images.AsSpan(5 * plane, plane), noisy.Images.AsSpan(5 * plane, plane), range), psnr[5], 12);
        Assert.Equal(ImageQuality.StructuralSimilarity(reference.Images.AsSpan(5 * plane, plane), noisy.Images.AsSpan(5 * plane, plane), 32, 32, range), ssim[5], 12);
        // Pure noise of σ: MSE ≈ σ² (1024 pixels, ±4.4 %), so PSNR ≈ 10 log10(R²/σ²) ± 0.19 dB per pair, ± 0.05 dB over 16.
        Assert.Equal(10 * Math.Log10(range * range / (ImageTestSets.NoiseSigma * ImageTestSets.NoiseSigma)), (double)pairs["psnr_mean_db"]!, 0.15);
        Assert.DoesNotContain(r.Summary.Notes, n => n.Contains("share a seed")); // paired sets share seeds on purpose
    }

    [Fact]
    public void Field_set_against_image_set_is_one_error_naming_both_kinds()
    {
        var e = Assert.Throws<ArgumentException>(() => ValidationReport.Run(ValidationTestSets.Files.Reference, ImageTestSets.Files.Candidate));
        Assert.Contains("a field set (/fields)", e.Message);
        Assert.Contains("an image set (/images)", e.Message);
    }
}
