using SimEmulator.Data.Gadget;
using SimEmulator.Simulation.InitialConditions;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Simulation.NBody;

/// <summary>Converts PM particles to what <see cref="Gadget4SnapshotWriter"/> writes (Gadget units: Mpc/h, km/s/√a, 10¹⁰ M☉/h).</summary>
public static class PmSnapshot
{
    /// <summary>ρ_crit = 3H0²/(8πG) in 10¹⁰ (M☉/h) / (Mpc/h)³.</summary>
    public const double CriticalDensity = 27.7536627;

    /// <summary>
    /// Positions as float32 Mpc/h; velocities as Gadget stores them, v_pec/√a = 100·p/a^1.5 km/s (p = a²dx/dt with
    /// H0 = 1 and x in Mpc/h, so v_pec = a·dx/dt = p/a in units of 100 km/s); ids the Lagrangian index ((i·N)+j)·N+k;
    /// mass Ω_m·ρ_crit·(L/N)³.
    /// </summary>
    public static SnapshotParticles ToSnapshotParticles(ParticleState state, double omegaM)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!(omegaM > 0)) throw new ArgumentOutOfRangeException(nameof(omegaM), omegaM, "'omegaM' must be positive");
        using var scope = NewDisposeScope();
        var positions = state.X.to(CPU, float32).contiguous().data<float>();
        var velocities = (state.P * (100.0 / Math.Pow(state.A, 1.5))).to(CPU, float32).contiguous().data<float>();
        var ids = new ulong[state.Count];
        for (var i = 0; i < ids.Length; i++) ids[i] = (ulong)i;
        var cell = state.BoxSize / state.N;
        return new SnapshotParticles(positions, velocities, ids, omegaM * CriticalDensity * cell * cell * cell);
    }
}
