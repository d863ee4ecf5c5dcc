using SimEmulator.Data.Layouts;

namespace SimEmulator.Validation.Reports;

/// <summary>One input of a validation as recorded in summary.json: its path, layout attrs, and how many realizations (and which seeds) were used.</summary>
/// <param name="BoxSizeMpcH">Box side, Mpc/h.</param>
/// <param name="Realizations">Realizations in the file.</param>
/// <param name="RealizationsUsed">The first this many were compared (max_realizations).</param>
/// <param name="DistinctSeeds">Distinct seeds among those used.</param>
public sealed record ValidationInput(
    string Path, string Layout, double BoxSizeMpcH, int Grid, double Redshift, string Kind, string MassAssignment, string Source,
    Cosmology Cosmology, long Realizations, int RealizationsUsed, int DistinctSeeds, long FirstSeed, long LastSeed)
{
    public static ValidationInput Of(FieldSet set, int used)
    {
        var seeds = set.Seeds.Take(used).ToArray();
        var i = set.Info;
        return new ValidationInput(System.IO.Path.GetFullPath(set.Path), "field set", i.BoxSizeMpcH, i.Grid, i.Redshift, FieldSetInfo.KindText(i.Kind),
            i.MassAssignment, i.Source, i.Cosmology, set.Count, used, seeds.Distinct().Count(), seeds.FirstOrDefault(), seeds.LastOrDefault());
    }
}
