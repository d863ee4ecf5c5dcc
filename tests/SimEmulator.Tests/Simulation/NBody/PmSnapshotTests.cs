using SimEmulator.Simulation.InitialConditions;
using SimEmulator.Simulation.NBody;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Simulation.NBody;

public sealed class PmSnapshotTests
{
    [Fact]
    public void Snapshot_particles_carry_Gadget_velocities_ids_and_the_particle_mass()
    {
        // Two particles per side, L = 10 Mpc/h, a = 0.25. p = a²dx/dt (H0 = 1, Mpc/h), so v_pec = p/a·100 km/s and
        // Gadget stores v_pec/√a = 100·p/a^1.5 = 800·p km/s. Mass: Ω_m ρ_crit (L/N)³ = 0.3 · 27.7536627 · 125 (10¹⁰ M☉/h).
        double[] x = new double[24], p = new double[24];
        for (var i = 0; i < 24; i++) { x[i] = 0.25 * i; p[i] = 0.01 * (i - 12); }
        using var state = new ParticleState(tensor(x, [8, 3]), tensor(p, [8, 3]), 0.25, 10.0, 2);
        var s = PmSnapshot.ToSnapshotParticles(state, omegaM: 0.3);
        Assert.Equal(x.Select(v => (float)v), s.PositionsMpcH);
        Assert.NotNull(s.Velocities);
        for (var i = 0; i < 24; i++) Assert.Equal(800 * p[i], s.Velocities![i], 4);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (ulong)i), s.Ids!);
        Assert.Equal(0.3 * 27.7536627 * 125, s.MassPerParticle, 10);
    }
}
