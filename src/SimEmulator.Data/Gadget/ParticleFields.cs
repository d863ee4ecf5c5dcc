namespace SimEmulator.Data.Gadget;

/// <summary>Which per-particle quantities a streaming read returns.</summary>
[Flags]
public enum ParticleFields
{
    None = 0,

    /// <summary>POS, converted to Mpc/h.</summary>
    Positions = 1,

    /// <summary>VEL as stored (Gadget's u = v_pec/√a in km/s); see <see cref="GadgetUnits.ToPeculiarVelocityKmS(Span{float}, double)"/>.</summary>
    Velocities = 2,

    /// <summary>ID, widened to 64 bits.</summary>
    Ids = 4,

    /// <summary>MASS for types whose mass-table entry is 0; the constant mass otherwise.</summary>
    Masses = 8,

    All = Positions | Velocities | Ids | Masses,
}
