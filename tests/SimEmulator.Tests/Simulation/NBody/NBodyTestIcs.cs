using SimEmulator.Simulation.Cosmology;
using SimEmulator.Simulation.InitialConditions;
using SimEmulator.Simulation.NBody;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Simulation.NBody;

/// <summary>
/// Minimal Zel'dovich initial conditions for the PM tests from an explicit displacement: x = q + D1(a)ψ, p = a³E D1′·ψ
/// (the linear momentum), with ψ a single plane wave and the lattice optionally offset (which Lpt does not offer).
/// Particle ((i·N)+j)·N+k starts from q = (i, j, k)·L/N.
/// </summary>
internal static class NBodyTestIcs
{
    /// <summary>Lattice nodes q = (i, j, k)·L/N + offset (Mpc/h, all three axes), [N³, 3] float64.</summary>
    public static Tensor Lattice(int n, double boxSize, double offset = 0)
    {
        var q = new double[3L * n * n * n];
        var h = boxSize / n;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++)
                {
                    var p = 3 * ((i * n + j) * n + k);
                    q[p] = i * h + offset;
                    q[p + 1] = j * h + offset;
                    q[p + 2] = k * h + offset;
                }
        return tensor(q, [(long)n * n * n, 3]);
    }

    /// <summary>
    /// Zel'dovich particles at a from the displacement ψ [N³, 3] (Mpc/h per unit D1), the lattice shifted by
    /// <paramref name="offset"/> Mpc/h along each axis; the caller disposes the state.
    /// </summary>
    public static ParticleState Zeldovich(Tensor psi, IGrowth growth, double a, int n, double boxSize, double offset = 0)
    {
        using var scope = NewDisposeScope();
        var q = Lattice(n, boxSize, offset);
        var x = (q + psi * growth.D1(a)).remainder(boxSize);
        x = x.masked_fill(x.ge(boxSize), 0.0);
        var p = psi * new FastPmFactors(growth).Gf(a);
        return new ParticleState(x.DetachFromDisposeScope(), p.DetachFromDisposeScope(), a, boxSize, n);
    }

    /// <summary>ψ_x = amplitude·sin(2π·mode·q_x/L), ψ_y = ψ_z = 0, so δ = −D1·amplitude·k·cos(k q_x).</summary>
    public static Tensor PlaneWavePsi(int n, double boxSize, int mode, double amplitude)
    {
        var psi = new double[3L * n * n * n];
        for (var i = 0; i < n; i++)
        {
            var s = amplitude * Math.Sin(2 * Math.PI * mode * i / n);
            for (var jk = 0; jk < n * n; jk++) psi[3 * (i * n * n + jk)] = s;
        }
        return tensor(psi, [(long)n * n * n, 3]);
    }
}
