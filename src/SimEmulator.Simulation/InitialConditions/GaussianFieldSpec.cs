namespace SimEmulator.Simulation.InitialConditions;

/// <summary>
/// Everything that fixes one linear density realisation besides P(k): grid cells per side, box side (Mpc/h), seed, and the
/// variance-suppression options (Angulo &amp; Pontzen 2016). Record it with the outputs: the same spec and P(k) give the
/// same field on any device (the noise is always drawn on the CPU).
/// </summary>
/// <param name="GridSize">N, cells per side (N ≥ 2).</param>
/// <param name="BoxSize">L, the comoving box side in Mpc/h.</param>
/// <param name="Seed">Seed of the white-noise generator.</param>
/// <param name="FixedAmplitude">|δ_k|² set to its expectation N⁶P(k)/L³ on every mode, keeping only the random phase.</param>
/// <param name="Paired">The phase-shifted partner: every phase moved by π, i.e. the field is −δ of the unpaired one.</param>
public sealed record GaussianFieldSpec(int GridSize, double BoxSize, long Seed, bool FixedAmplitude = false, bool Paired = false)
{
    internal void Validate()
    {
        if (GridSize < 2)
            throw new ArgumentOutOfRangeException(nameof(GridSize), GridSize, "the grid needs at least 2 cells per side");
        if (!(BoxSize > 0) || double.IsInfinity(BoxSize))
            throw new ArgumentOutOfRangeException(nameof(BoxSize), BoxSize, "the box side must be a positive, finite length in Mpc/h");
    }
}
