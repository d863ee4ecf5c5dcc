using SimEmulator.Data.Hdf5;

namespace SimEmulator.Data.Gadget;

/// <summary>Dark-matter particles of one snapshot: positions in Mpc/h, velocities as Gadget stores them (v_pec/√a, km/s).</summary>
public sealed record SnapshotParticles(float[] PositionsMpcH, float[]? Velocities, ulong[]? Ids, double MassPerParticle);

/// <summary>
/// Writes a single-file snapshot in the Gadget-4 HDF5 layout (particle type 1): /Header, /Parameters (units: Mpc/h,
/// 10¹⁰ M☉/h, km/s), /PartType1/{Coordinates, Velocities, ParticleIDs}; atomically.
/// </summary>
public static class Gadget4SnapshotWriter
{
    public static void Write(string path, SnapshotParticles particles, double boxSizeMpcH, double scaleFactor,
        double omega0, double omegaLambda, double hubbleParam)
    {
        var p = particles.PositionsMpcH;
        if (p.Length % 3 != 0) throw new ArgumentException($"positions hold {p.Length} values, not x, y, z triples", nameof(particles));
        long n = p.Length / 3;
        if (particles.Velocities is { } v && v.Length != p.Length)
            throw new ArgumentException($"velocities hold {v.Length} values for {n} particles", nameof(particles));
        if (particles.Ids is { } ids && ids.LongLength != n)
            throw new ArgumentException($"ids hold {ids.LongLength} values for {n} particles", nameof(particles));
        if (!(scaleFactor > 0)) throw new ArgumentOutOfRangeException(nameof(scaleFactor), scaleFactor, "scale factor must be positive");

        using var f = H5File.CreateAtomic(path);
        using (var h = f.CreateGroup("Header"))
        {
            var a = h.Attributes;
            long[] npart = [0, n, 0, 0, 0, 0];
            a.Set<long>("NumPart_ThisFile", npart);
            a.Set<long>("NumPart_Total", npart);
            a.Set<long>("NumPart_Total_HighWord", new long[6]);
            a.Set<double>("MassTable", [0, particles.MassPerParticle, 0, 0, 0, 0]);
            a.Set("Time", scaleFactor);
            a.Set("Redshift", 1 / scaleFactor - 1);
            a.Set("BoxSize", boxSizeMpcH);
            a.Set("NumFilesPerSnapshot", 1);
            a.Set("Omega0", omega0);
            a.Set("OmegaLambda", omegaLambda);
            a.Set("HubbleParam", hubbleParam);
        }
        using (var prm = f.CreateGroup("Parameters"))
        {
            var a = prm.Attributes;
            a.Set("UnitLength_in_cm", GadgetHdf5Snapshot.MpcInCm);
            a.Set("UnitMass_in_g", 1.989e43);
            a.Set("UnitVelocity_in_cm_per_s", 1e5);
            a.Set("Omega0", omega0);
            a.Set("OmegaLambda", omegaLambda);
            a.Set("HubbleParam", hubbleParam);
            a.Set("BoxSize", boxSizeMpcH);
        }
        using (f.CreateGroup("PartType1")) { }
        using (f.WriteDataset<float>("PartType1/Coordinates", p, [n, 3])) { }
        if (particles.Velocities is { } vel) using (f.WriteDataset<float>("PartType1/Velocities", vel, [n, 3])) { }
        if (particles.Ids is { } pid) using (f.WriteDataset<ulong>("PartType1/ParticleIDs", pid, [n])) { }
        f.Commit();
    }
}
