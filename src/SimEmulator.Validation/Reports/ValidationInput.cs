using SimEmulator.Data.Layouts;

namespace SimEmulator.Validation.Reports;

/// <summary>One input of a validation as recorded in summary.json: its path, layout attrs, and how many realizations (and which seeds) were used.</summary>
/// <param name="Layout">"field set" or "image set".</param>
/// <param name="BoxSizeMpcH">Box side, Mpc/h (0 for image sets).</param>
/// <param name="Grid">Cells per side (image width in pixels for image sets).</param>
/// <param name="Cosmology">The field set's cosmology; null for image sets.</param>
/// <param name="Realizations">Realizations (images) in the file.</param>
/// <param name="RealizationsUsed">The first this many were compared (max_realizations).</param>
/// <param name="DistinctSeeds">Distinct seeds among those used.</param>
/// <param name="Images">Image-set attrs (pixel scale, bands, size, PSF, noise); null for field sets.</param>
public sealed record ValidationInput(
    string Path, string Layout, double BoxSizeMpcH, int Grid, double Redshift, string Kind, string MassAssignment, string Source,
    Cosmology? Cosmology, long Realizations, int RealizationsUsed, int DistinctSeeds, long FirstSeed, long LastSeed,
    ValidationImageInput? Images = null)
{
    public static ValidationInput Of(FieldSet set, int used)
    {
        var seeds = set.Seeds.Take(used).ToArray();
        var i = set.Info;
        return new ValidationInput(System.IO.Path.GetFullPath(set.Path), "field set", i.BoxSizeMpcH, i.Grid, i.Redshift, FieldSetInfo.KindText(i.Kind),
            i.MassAssignment, i.Source, i.Cosmology, set.Count, used, seeds.Distinct().Count(), seeds.FirstOrDefault(), seeds.LastOrDefault());
    }

    /// <summary>An image set read from <paramref name="path"/>, of which the first <paramref name="used"/> images (with <paramref name="seeds"/>) were compared in <paramref name="band"/>.</summary>
    public static ValidationInput Of(string path, ImageSet set, int used, IReadOnlyList<long> seeds, int band)
    {
        var s = seeds.Take(used).ToArray();
        var i = set.Info;
        var images = new ValidationImageInput(i.PixelScaleArcsec, string.Join(",", i.Bands), band, (int)set.Shape[2], (int)set.Shape[3], i.PsfFwhmArcsec, i.NoiseSigma);
        return new ValidationInput(System.IO.Path.GetFullPath(path), "image set", 0, (int)set.Shape[3], 0, "image", "", i.Source, null,
            set.Count, used, s.Distinct().Count(), s.FirstOrDefault(), s.LastOrDefault(), images);
    }
}
