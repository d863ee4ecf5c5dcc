using SimEmulator.Simulation.Cosmology;
using SimEmulator.Simulation.InitialConditions;
using SimEmulator.Simulation.NBody;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Simulation.NBody;

/// <summary>
/// Minimal Zel'dovich initial conditions for the PM tests, written independently of the IC module: x = q + D1(a)ψ,
/// p = a³E D1′·ψ (the linear momentum), with ψ a single plane wave or ψ_k = i k δ_k/k² for a Gaussian field δ.
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

    /// <summary>
    /// ψ for a Gaussian δ_L with power P(k) (z = 0, Pylians normalisation P = |δ_k|²L³/N⁶) on the N³ lattice, seeded;
    /// ψ_k = i k δ_k/k² (so ∇·ψ = −δ), Nyquist planes zeroed. Returns [N³, 3] float64.
    /// </summary>
    public static Tensor GaussianPsi(int n, double boxSize, Func<double, double> power, long seed)
    {
        using var scope = NewDisposeScope();
        using var gen = new Generator(seed);
        var white = randn([n, n, n], float64, generator: gen);
        var wk = fft.rfftn(white);                                   // ⟨|w_k|²⟩ = N³
        var kF = 2 * Math.PI / boxSize;
        int nh = n / 2 + 1;
        var kx = new double[n];
        for (var i = 0; i < n; i++) kx[i] = kF * (i <= n / 2 ? i : i - n);
        var amp = new double[n * n * nh];
        var ik = new double[3][] { new double[n * n * nh], new double[n * n * nh], new double[n * n * nh] };
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var l = 0; l < nh; l++)
                {
                    var idx = (i * n + j) * nh + l;
                    double x = kx[i], y = kx[j], z = kF * l;
                    var k2 = x * x + y * y + z * z;
                    if (k2 == 0) continue;
                    // |δ_k|² = P·N⁶/L³ = N³·(P·N³/L³)
                    amp[idx] = Math.Sqrt(power(Math.Sqrt(k2)) * n * n * n / (boxSize * boxSize * boxSize));
                    bool nyqX = i == n / 2, nyqY = j == n / 2, nyqZ = l == n / 2;
                    ik[0][idx] = nyqX ? 0 : x / k2;
                    ik[1][idx] = nyqY ? 0 : y / k2;
                    ik[2][idx] = nyqZ ? 0 : z / k2;
                }
        var deltaK = wk * tensor(amp, [n, n, nh]);
        var comps = new Tensor[3];
        for (var d = 0; d < 3; d++)
        {
            var kernel = complex(zeros([n, n, nh], float64), tensor(ik[d], [n, n, nh]));
            comps[d] = fft.irfftn(deltaK * kernel, [n, n, n]).reshape(-1);
        }
        return stack(comps, 1).MoveToOuterDisposeScope();
    }

    /// <summary>The power-law-with-cutoff stand-in for a ΛCDM P(k) at z = 0: A(k/0.1)^n e^{−(k/k_c)²}, h/Mpc → (Mpc/h)³.</summary>
    public static Func<double, double> PowerLaw(double amplitude, double index, double kCut) =>
        k => k <= 0 ? 0 : amplitude * Math.Pow(k / 0.1, index) * Math.Exp(-(k / kCut) * (k / kCut));
}
