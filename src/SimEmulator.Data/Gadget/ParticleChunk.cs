namespace SimEmulator.Data.Gadget;

/// <summary>
/// Up to K consecutive particles of one type from one file of a snapshot. The memory is a view of the reader's
/// reusable buffers: it is valid until the enumerator moves on — copy (<c>ToArray()</c>) what must outlive that.
/// </summary>
/// <param name="Type">Gadget particle type, 0–5.</param>
/// <param name="FileIndex">Which file of the snapshot (0 … num_files − 1) the particles come from.</param>
/// <param name="FirstIndex">Index of the first particle among this type's particles in that file.</param>
/// <param name="Count">Number of particles.</param>
public sealed record ParticleChunk(int Type, int FileIndex, long FirstIndex, int Count)
{
    /// <summary>x, y, z triples in Mpc/h (float32: 6e-5 Mpc/h resolution at 1000 Mpc/h; empty unless requested).</summary>
    public ReadOnlyMemory<float> Positions { get; init; }

    /// <summary>vx, vy, vz triples as stored (u = v_pec/√a, km/s); empty unless requested.</summary>
    public ReadOnlyMemory<float> Velocities { get; init; }

    /// <summary>Particle IDs (uint32 or uint64 on disk); empty unless requested.</summary>
    public ReadOnlyMemory<ulong> Ids { get; init; }

    /// <summary>Per-particle masses (10¹⁰ M☉/h) when requested and the type has no mass-table entry; null otherwise.</summary>
    public ReadOnlyMemory<float>? Masses { get; init; }

    /// <summary>The mass-table entry (10¹⁰ M☉/h) shared by every particle of the type, or null when masses are per particle.</summary>
    public double? ConstantMass { get; init; }
}
