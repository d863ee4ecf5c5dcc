using SimEmulator.Data.Layouts;
using SimEmulator.Data.Mesh;

namespace SimEmulator.Data.Gadget;

/// <summary>
/// Snapshots → a field set: each snapshot is deposited chunk by chunk onto an n³ mesh and appended as one
/// realization, so N snapshots of any size become /fields [N, n, n, n] without holding particles in memory.
/// </summary>
public static class SnapshotIngest
{
    /// <summary>Seed recorded for ingested fields: a snapshot carries no seed SimEmulator can know.</summary>
    public const long UnknownSeed = -1;

    /// <param name="snapshots">Snapshot paths (a base path or any file of a multi-file snapshot each).</param>
    /// <param name="progress">Called with the index of each snapshot once it is written.</param>
    public static FieldSetInfo ToFieldSet(IReadOnlyList<string> snapshots, string outPath, int grid, MassAssignment assignment,
        FieldKind kind = FieldKind.Overdensity, IEnumerable<int>? types = null, double? lengthUnitToMpcH = null,
        Cosmology? cosmology = null, Action<int>? progress = null)
    {
        if (snapshots.Count == 0) throw new ArgumentException("no snapshots given", nameof(snapshots));
        FieldSetWriter? writer = null;
        try
        {
            for (var i = 0; i < snapshots.Count; i++)
            {
                var d = GadgetSnapshot.DepositDensity(snapshots[i], grid, assignment, types: types, lengthUnitToMpcH: lengthUnitToMpcH);
                if (writer is null)
                {
                    // Only Ω_m and h are in a Gadget header; the rest of the cosmology is unknown unless given.
                    var c = cosmology ?? new Cosmology(d.Header.Omega0, double.NaN, d.Header.HubbleParam, double.NaN, double.NaN);
                    var info = new FieldSetInfo(d.BoxSizeMpcH, grid, d.Redshift, kind, assignment.ToName(), c, $"gadget:{string.Join(",", snapshots)}");
                    writer = FieldSetWriter.Create(outPath, info);
                }
                else
                {
                    Require(Math.Abs(d.BoxSizeMpcH - writer.Info.BoxSizeMpcH) <= 1e-6 * writer.Info.BoxSizeMpcH,
                        snapshots[i], $"box size {d.BoxSizeMpcH} Mpc/h differs from the first snapshot's {writer.Info.BoxSizeMpcH} Mpc/h");
                    Require(Math.Abs(d.Redshift - writer.Info.Redshift) <= 1e-6, snapshots[i],
                        $"redshift {d.Redshift} differs from the first snapshot's {writer.Info.Redshift}");
                }
                var field = kind == FieldKind.Overdensity ? d.Mesh.ToOverdensity() : d.Mesh.ToDensity();
                writer.Append(field, UnknownSeed);
                progress?.Invoke(i);
            }
            writer!.Complete();
            return writer.Info;
        }
        finally
        {
            writer?.Dispose();
        }
    }

    private static void Require(bool ok, string path, string message)
    {
        if (!ok) throw new GadgetFormatException(path, $"{path}: {message}; a field set holds one box and one redshift");
    }
}
