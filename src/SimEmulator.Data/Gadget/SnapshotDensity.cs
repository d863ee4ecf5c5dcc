using SimEmulator.Data.Mesh;

namespace SimEmulator.Data.Gadget;

/// <summary>A snapshot deposited onto a mesh, with what a reader of the field needs to know about where it came from.</summary>
/// <param name="Mesh">The accumulated mesh (mass per cell in 10¹⁰ M☉/h when weighted by mass, else particle counts).</param>
/// <param name="Header">The snapshot header (redshift, cosmology, particle totals).</param>
/// <param name="Source">The snapshot's path (base path for multi-file snapshots).</param>
/// <param name="ParticleTypes">Gadget types deposited.</param>
/// <param name="WeightedByMass">True when each particle was weighted by its mass, false when each counted 1.</param>
/// <param name="LengthUnitToMpcH">Code length unit in Mpc/h used to convert positions and BoxSize.</param>
public sealed record SnapshotDensity(
    DensityMesh Mesh,
    GadgetHeader Header,
    string Source,
    IReadOnlyList<int> ParticleTypes,
    bool WeightedByMass,
    double LengthUnitToMpcH)
{
    /// <summary>Box side in Mpc/h.</summary>
    public double BoxSizeMpcH => Mesh.BoxSize;

    /// <summary>N, cells per side.</summary>
    public int GridSize => Mesh.GridSize;

    public MassAssignment Assignment => Mesh.Assignment;

    /// <summary>Particles deposited.</summary>
    public long ParticleCount => Mesh.ParticleCount;

    public double Redshift => Header.Redshift;

    public double ScaleFactor => Header.Time;

    /// <summary>nbodykit-style attributes for JSON/HDF5 metadata (box in Mpc/h, grid, MAS, counts, redshift, cosmology, source).</summary>
    public IReadOnlyDictionary<string, object> Attributes()
    {
        var a = new Dictionary<string, object>(Mesh.Attributes())
        {
            ["Redshift"] = Redshift,
            ["ScaleFactor"] = ScaleFactor,
            ["Omega0"] = Header.Omega0,
            ["OmegaLambda"] = Header.OmegaLambda,
            ["HubbleParam"] = Header.HubbleParam,
            ["ParticleTypes"] = ParticleTypes.ToArray(),
            ["WeightedByMass"] = WeightedByMass,
            ["LengthUnitToMpcH"] = LengthUnitToMpcH,
            ["Source"] = Source,
        };
        return a;
    }

    /// <summary>The one deposit loop shared by binary and HDF5 snapshots: chunks in, flushed mesh out.</summary>
    internal static DensityMesh Deposit(IEnumerable<ParticleChunk> chunks, int gridSize, double boxSizeMpcH, MassAssignment assignment,
        bool weightByMass, int? maxDegreeOfParallelism)
    {
        var mesh = new DensityMesh(gridSize, boxSizeMpcH, assignment);
        if (maxDegreeOfParallelism is { } threads) mesh.MaxDegreeOfParallelism = threads;
        foreach (var chunk in chunks)
        {
            var xyz = chunk.Positions.Span;
            if (!weightByMass) mesh.Deposit(xyz);
            else if (chunk.Masses is { } masses) mesh.Deposit(xyz, masses.Span);
            else mesh.Deposit(xyz, (float)chunk.ConstantMass!.Value);
        }
        mesh.Flush(); // deposit what is still staged and free the staging memory now
        return mesh;
    }
}
