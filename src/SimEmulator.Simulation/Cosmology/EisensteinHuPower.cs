using DataCosmology = SimEmulator.Data.Layouts.Cosmology;

namespace SimEmulator.Simulation.Cosmology;

/// <summary>
/// The linear P(k) at z = 0 from the Eisenstein &amp; Hu (1998) transfer function, P(k) = A·k^{n_s}·T²(k), with A set so
/// that σ(8 Mpc/h) equals the cosmology's σ_8; k in h/Mpc, P in (Mpc/h)³.
/// </summary>
public sealed class EisensteinHuPower : ILinearPower
{
    /// <param name="cosmology">Ω_m, Ω_b, h, n_s, σ_8 and T_CMB; flat, no massive neutrinos.</param>
    /// <param name="wiggles">true: the full form with baryon acoustic oscillations (EH98 eq. 16); false: the no-wiggle form
    /// (eqs. 29–31). Either is normalised to the cosmology's σ_8 on its own, as nbodykit's LinearPower does; for the
    /// smooth counterpart with the same amplitude use <see cref="Smooth"/>.</param>
    public EisensteinHuPower(DataCosmology cosmology, bool wiggles = true)
    {
        ArgumentNullException.ThrowIfNull(cosmology);
        if (!(cosmology.Sigma8 > 0) || double.IsInfinity(cosmology.Sigma8))
            throw new ArgumentException($"σ_8 must be positive, got {cosmology.Sigma8}", nameof(cosmology));
        Cosmology = cosmology;
        Wiggles = wiggles;
        Transfer = new EisensteinHu(cosmology);
        Amplitude = 1;
        var sigma8Unit = this.Sigma(8);
        Amplitude = cosmology.Sigma8 * cosmology.Sigma8 / (sigma8Unit * sigma8Unit);
    }

    private EisensteinHuPower(EisensteinHuPower from, bool wiggles)
    {
        Cosmology = from.Cosmology;
        Transfer = from.Transfer;
        Wiggles = wiggles;
        Amplitude = from.Amplitude;
    }

    /// <summary>
    /// The no-wiggle form with this spectrum's amplitude A (not renormalised to σ_8): the smooth counterpart whose ratio
    /// to the full form shows the acoustic oscillations and tends to 1 as k → 0. Its σ_8 differs slightly from the
    /// cosmology's (by ~0.4% for Quijote), because the oscillations contribute to σ_8.
    /// </summary>
    public EisensteinHuPower Smooth() => new(this, wiggles: false);

    /// <summary>The parameters; their σ_8 sets <see cref="Amplitude"/> (except for a <see cref="Smooth"/> counterpart).</summary>
    public DataCosmology Cosmology { get; }

    /// <summary>Whether the baryon acoustic oscillations are included.</summary>
    public bool Wiggles { get; }

    /// <summary>The transfer-function fit and its scalars (sound horizon, Silk scale, …).</summary>
    public EisensteinHu Transfer { get; }

    /// <summary>A in P(k) = A·k^{n_s}·T²(k), in (Mpc/h)^{3+n_s} with k in h/Mpc.</summary>
    public double Amplitude { get; private set; }

    /// <summary>P(k) in (Mpc/h)³ for k in h/Mpc (≥ 0); P(0) = 0.</summary>
    public double P(double kHMpc)
    {
        var t = Wiggles ? Transfer.T(kHMpc) : Transfer.TNoWiggle(kHMpc);
        return kHMpc == 0 ? 0 : Amplitude * Math.Pow(kHMpc, Cosmology.NS) * t * t;
    }
}
