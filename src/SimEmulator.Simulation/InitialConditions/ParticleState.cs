using SimEmulator.Torch;

namespace SimEmulator.Simulation.InitialConditions;

/// <summary>
/// N³ particles at scale factor <paramref name="A"/>: comoving positions <paramref name="X"/> [N³, 3] in Mpc/h, wrapped
/// into [0, L), and momenta <paramref name="P"/> [N³, 3], p ≡ a³E(a)·dx/da in Mpc/h. Particle ((i·N)+j)·N+k started from
/// the Lagrangian grid node q = (i, j, k)·L/N. Owns both tensors: dispose it (a <c>with</c> copy shares them).
/// </summary>
/// <param name="X">Positions, [N³, 3], Mpc/h, in [0, L).</param>
/// <param name="P">Momenta p = a³E dx/da, [N³, 3], Mpc/h.</param>
/// <param name="A">Scale factor a of the state.</param>
/// <param name="BoxSize">L, the comoving box side in Mpc/h.</param>
/// <param name="N">Particles per side of the Lagrangian grid.</param>
public sealed record ParticleState(Tensor X, Tensor P, double A, double BoxSize, int N) : IDisposable
{
    /// <summary>Number of particles, N³.</summary>
    public long Count => (long)N * N * N;

    public void Dispose()
    {
        X.Dispose();
        P.Dispose();
    }
}
