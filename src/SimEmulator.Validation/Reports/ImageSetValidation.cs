using System.Text.Json;
using System.Text.Json.Nodes;
using SimEmulator.Data.Layouts;
using SimEmulator.Validation.Reports.ImageSections;

namespace SimEmulator.Validation.Reports;

/// <summary>
/// The image-set path of <see cref="ValidationReport.Run"/>: loads both sets (/images [N, C, H, W]), runs every
/// <see cref="ImageValidationSection"/> and assembles the same summary.json and report.html as for field sets.
/// </summary>
internal static class ImageSetValidation
{
    public static ValidationReport Run(string referencePath, string candidatePath, ValidationConfig config, IProgress<ValidationProgress>? progress)
    {
        progress?.Report(new ValidationProgress("reading image sets", 0, 1));
        var reference = ImageSet.Load(referencePath);
        var candidate = ImageSet.Load(candidatePath);
        var band = config.Images.Band;
        foreach (var (set, path, role) in new[] { (reference, referencePath, "reference"), (candidate, candidatePath, "candidate") })
            if (band >= set.Shape[1])
                throw new ArgumentException($"images.band = {band}, but the {role} set {path} has {set.Shape[1]} band(s) ({string.Join(",", set.Info.Bands)}); choose 0 … {set.Shape[1] - 1}",
                    role == "reference" ? nameof(referencePath) : nameof(candidatePath));
        int Used(ImageSet s, string path, string role)
        {
            var n = (int)Math.Min(s.Count, config.MaxRealizations > 0 ? config.MaxRealizations : long.MaxValue);
            if (n < 2)
                throw new ArgumentException($"the {role} set {path} has {s.Count} image(s); a validation needs at least 2 in each set to compare distributions", $"{role}Path");
            return n;
        }
        int nRef = Used(reference, referencePath, "reference"), nCand = Used(candidate, candidatePath, "candidate");
        var notes = Notes(reference, candidate, band);
        var context = new ImageValidationContext(referencePath, reference, nRef, candidatePath, candidate, nCand, config);
        var sections = ImageValidationSections.Create(context);

        var results = new List<SectionResult>();
        for (var i = 0; i < sections.Count; i++)
        {
            progress?.Report(new ValidationProgress(sections[i].Title, i, sections.Count));
            results.Add(sections[i].Run());
        }
        progress?.Report(new ValidationProgress("done", sections.Count, sections.Count));

        var refSeeds = Seeds(reference);
        var candSeeds = Seeds(candidate);
        var shared = candSeeds.Take(nCand).Intersect(refSeeds.Take(nRef)).Count();
        if (shared > 0 && !config.Images.Paired) notes.Add($"{shared} candidate image(s) share a seed with the reference: the sets may not be independent");
        return ValidationReport.Assemble(results, notes, ValidationInput.Of(referencePath, reference, nRef, refSeeds, band),
            ValidationInput.Of(candidatePath, candidate, nCand, candSeeds, band), config);
    }

    /// <summary>/params/seed when the set records it (the galaxy simulator does), else the image index.</summary>
    private static long[] Seeds(ImageSet set) =>
        set.Parameters.TryGetValue("seed", out var seeds) ? seeds.Select(s => (long)s).ToArray() : Enumerable.Range(0, (int)set.Count).Select(i => (long)i).ToArray();

    private static List<string> Notes(ImageSet reference, ImageSet candidate, int band)
    {
        var (a, b) = (reference.Info, candidate.Info);
        var notes = new List<string>();
        if (Math.Abs(a.PixelScaleArcsec - b.PixelScaleArcsec) > 1e-9 * a.PixelScaleArcsec)
            notes.Add($"pixel scales differ: reference {Fmt.G(a.PixelScaleArcsec, 6)}, candidate {Fmt.G(b.PixelScaleArcsec, 6)} arcsec; radii are compared in arcsec");
        if (reference.Shape[2] != candidate.Shape[2] || reference.Shape[3] != candidate.Shape[3])
            notes.Add($"image sizes differ: reference {reference.Shape[2]}×{reference.Shape[3]}, candidate {candidate.Shape[2]}×{candidate.Shape[3]} pixels");
        var (ba, bb) = (a.Bands.ElementAtOrDefault(band), b.Bands.ElementAtOrDefault(band));
        if (!string.Equals(ba, bb, StringComparison.Ordinal)) notes.Add($"band {band} is '{ba}' in the reference and '{bb}' in the candidate");
        if (Math.Abs(a.PsfFwhmArcsec - b.PsfFwhmArcsec) > 1e-9 || Math.Abs(a.NoiseSigma - b.NoiseSigma) > 1e-12)
            notes.Add($"PSF FWHM / noise σ attrs differ: reference {Fmt.G(a.PsfFwhmArcsec)} arcsec / {Fmt.G(a.NoiseSigma)}, candidate {Fmt.G(b.PsfFwhmArcsec)} arcsec / {Fmt.G(b.NoiseSigma)}");
        return notes;
    }
}
