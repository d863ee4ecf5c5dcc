using SimEmulator.Data.Mesh;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Validation.Reports;

/// <summary>Which of the two field sets a realization comes from.</summary>
public enum SetRole { Reference, Candidate }

/// <summary>
/// One realization handed to every <see cref="ValidationSection"/>: the overdensity δ (n³, C order) and statistics that
/// several sections share, computed once on first use (P(k) with the set's mass-assignment window divided out).
/// </summary>
public sealed class Realization(SetRole role, int index, long seed, float[] delta, ValidationContext context)
{
    private PowerSpectrum? power;

    public SetRole Role { get; } = role;
    /// <summary>Position in its file.</summary>
    public int Index { get; } = index;
    public long Seed { get; } = seed;
    /// <summary>δ = ρ/ρ̄ − 1 on the grid (converted from 1+δ when the set stores density).</summary>
    public float[] Delta { get; } = delta;
    public ValidationContext Context { get; } = context;

    public PowerSpectrum PowerSpectrum => power ??= Statistics.PowerSpectrum.Compute(Delta, Context.BoxSizeMpcH, Context.WindowOf(Role));
}
