using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SimEmulator.Data;
using SimEmulator.Data.Hdf5;
using SimEmulator.Data.Layouts;

namespace SimEmulator.Validation.Reports;

/// <summary>
/// Compares a candidate field or image set (e.g. emulator output) with a reference one (simulations), statistic by statistic:
/// <c>ValidationReport.Run(sims, gen, config).WriteReport(dir)</c> writes summary.json and a self-contained report.html.
/// </summary>
public sealed class ValidationReport
{
    public const string SummaryFileName = "summary.json";
    public const string ReportFileName = "report.html";

    internal ValidationReport(ValidationSummary summary, IReadOnlyList<SectionResult> sections, string html)
    {
        Summary = summary;
        Sections = sections;
        Html = html;
    }

    public ValidationSummary Summary { get; }
    public IReadOnlyList<SectionResult> Sections { get; }

    /// <summary>The whole report.html: inline CSS, inline SVG, PNGs as data URIs; opens offline, no scripts.</summary>
    public string Html { get; }

    /// <summary>
    /// Reads both sets realization by realization (each once) and runs every enabled section. Throws before computing
    /// anything when a file is missing, is neither a field set nor an image set, the two are of different kinds, or two
    /// field sets differ in box size or grid. Two image sets (/images [N, C, H, W]) are compared by morphology distributions
    /// (and PSNR/SSIM per pair when images.paired), see <see cref="ImageSections.ImageValidationSections"/>.
    /// </summary>
    public static ValidationReport Run(string referencePath, string candidatePath, ValidationConfig? config = null, IProgress<ValidationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(referencePath);
        ArgumentNullException.ThrowIfNull(candidatePath);
        config ??= new ValidationConfig();
        config.Validate();
        var referenceImages = IsImageSet(referencePath, "reference");
        var candidateImages = IsImageSet(candidatePath, "candidate");
        if (referenceImages != candidateImages)
            throw new ArgumentException($"reference {referencePath} is {(referenceImages ? "an image set (/images)" : "a field set (/fields)")} but candidate {candidatePath} is " +
                                        $"{(candidateImages ? "an image set (/images)" : "a field set (/fields)")}; validate two sets of the same kind", nameof(candidatePath));
        if (referenceImages) return ImageSetValidation.Run(referencePath, candidatePath, config, progress);
        using var reference = FieldSet.Open(referencePath);
        using var candidate = FieldSet.Open(candidatePath);
        var notes = CheckComparable(reference, candidate);
        int Used(FieldSet s, string role)
        {
            var n = (int)Math.Min(s.Count, config.MaxRealizations > 0 ? config.MaxRealizations : long.MaxValue);
            if (n < 2)
                throw new ArgumentException($"the {role} set {s.Path} has {s.Count} realization(s); a validation needs at least 2 in each set to estimate their spread", $"{role}Path");
            return n;
        }
        int nRef = Used(reference, "reference"), nCand = Used(candidate, "candidate");
        var context = new ValidationContext(referencePath, reference.Info, nRef, candidatePath, candidate.Info, nCand, config);
        var sections = ValidationSections.Create(context);

        var total = nRef + nCand + sections.Count;
        var done = 0;
        foreach (var (set, role, n) in new[] { (reference, SetRole.Reference, nRef), (candidate, SetRole.Candidate, nCand) })
            for (var i = 0; i < n; i++)
            {
                progress?.Report(new ValidationProgress($"{(role == SetRole.Reference ? "reference" : "candidate")} {i + 1}/{n}", done, total));
                var r = new Realization(role, i, set.Seeds[i], FieldSetOverdensity.Read(set, i), context);
                foreach (var s in sections) s.Add(r);
                done++;
            }
        var results = new List<SectionResult>();
        foreach (var s in sections)
        {
            progress?.Report(new ValidationProgress($"comparing: {s.Title}", done, total));
            results.Add(s.Finish());
            done++;
        }
        progress?.Report(new ValidationProgress("done", done, total));

        var refSeeds = reference.Seeds.Take(nRef).ToHashSet();
        var shared = candidate.Seeds.Take(nCand).Count(refSeeds.Contains);
        if (shared > 0) notes.Add($"{shared} candidate realization(s) share a seed with the reference: the sets may not be independent");
        return Assemble(results, notes, ValidationInput.Of(reference, nRef), ValidationInput.Of(candidate, nCand), config);
    }

    /// <summary>The summary (every check and number, per section) and the HTML page of finished sections.</summary>
    internal static ValidationReport Assemble(IReadOnlyList<SectionResult> results, List<string> notes, ValidationInput reference,
        ValidationInput candidate, ValidationConfig config)
    {
        var checks = results.SelectMany(r => r.Checks).ToList();
        var numbers = new JsonObject();
        foreach (var r in results)
        {
            var node = r.Numbers.DeepClone().AsObject();
            if (r.Notes.Count > 0) node["notes"] = new JsonArray(r.Notes.Select(n => (JsonNode)n).ToArray());
            numbers[r.Id] = node;
        }
        var failed = checks.Count(c => !c.Passed);
        var summary = new ValidationSummary("simemu validate", Version(), DateTimeOffset.UtcNow, failed == 0, checks.Count - failed, failed,
            reference, candidate, checks, notes, numbers, JsonSerializer.SerializeToNode(config, ValidationSummary.JsonOptions)!.AsObject());
        return new ValidationReport(summary, results, HtmlReport.Render(summary, results));
    }

    /// <summary>Writes report.html and summary.json into <paramref name="directory"/> (created if needed), each under a temporary name renamed when complete.</summary>
    public void WriteReport(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        AtomicFile.Write(Path.Combine(directory, ReportFileName), s => s.Write(Encoding.UTF8.GetBytes(Html)));
        AtomicFile.Write(Path.Combine(directory, SummaryFileName), s => s.Write(Encoding.UTF8.GetBytes(Summary.ToJson())));
    }

    public static string Version() =>
        typeof(ValidationReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>True for an image set (/images and no /fields); a missing file is a <see cref="FileNotFoundException"/>.</summary>
    private static bool IsImageSet(string path, string role)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{role} file not found: {path}", path);
        using var f = H5File.Open(path);
        return !f.Exists("fields") && f.Exists("images");
    }

    /// <summary>Throws when the sets cannot be compared (box size or grid differ); returns notes on lesser differences.</summary>
    private static List<string> CheckComparable(FieldSet reference, FieldSet candidate)
    {
        var (a, b) = (reference.Info, candidate.Info);
        var problems = new List<string>();
        if (a.Grid != b.Grid) problems.Add($"grid {a.Grid} vs {b.Grid}");
        if (Math.Abs(a.BoxSizeMpcH - b.BoxSizeMpcH) > 1e-9 * Math.Max(1, a.BoxSizeMpcH)) problems.Add($"box size {Fmt.G(a.BoxSizeMpcH, 9)} vs {Fmt.G(b.BoxSizeMpcH, 9)} Mpc/h");
        if (problems.Count > 0)
            throw new ArgumentException($"reference {reference.Path} and candidate {candidate.Path} cannot be compared: {string.Join(", ", problems)} (reference vs candidate); " +
                                        "validate sets made on the same box and grid", "candidatePath");
        var notes = new List<string>();
        if (Math.Abs(a.Redshift - b.Redshift) > 1e-6) notes.Add($"redshifts differ: reference z = {Fmt.G(a.Redshift, 6)}, candidate z = {Fmt.G(b.Redshift, 6)}");
        if (!string.Equals(a.MassAssignment, b.MassAssignment, StringComparison.OrdinalIgnoreCase))
            notes.Add($"mass assignments differ (reference {a.MassAssignment}, candidate {b.MassAssignment}); each set's own window is divided out of its P(k)");
        if (a.Cosmology != b.Cosmology) notes.Add($"cosmologies differ: reference {a.Cosmology}, candidate {b.Cosmology}");
        return notes;
    }
}
