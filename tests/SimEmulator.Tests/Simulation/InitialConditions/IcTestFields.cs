using SimEmulator.Simulation.Cosmology;
using SimEmulator.Simulation.InitialConditions;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Simulation.InitialConditions;

/// <summary>Analytic fields and brute-force references for the initial-condition tests, written independently of the code under test.</summary>
internal static class IcTestFields
{
    /// <summary>δ(q) = Σ amplitude·cos(k·q) with k = 2π(nx, ny, nz)/L, sampled at the nodes q = (i,j,k)·L/N, float64 [N,N,N].</summary>
    public static Tensor PlaneWaves(int n, double boxSize, params (int nx, int ny, int nz, double amplitude)[] waves) =>
        Sample(n, boxSize, (x, y, z) => waves.Sum(w => w.amplitude * Math.Cos(Phase(w.nx, w.ny, w.nz, x, y, z, boxSize))));

    public static double Phase(int nx, int ny, int nz, double x, double y, double z, double boxSize) =>
        2 * Math.PI / boxSize * (nx * x + ny * y + nz * z);

    public static Tensor Sample(int n, double boxSize, Func<double, double, double, double> f)
    {
        var data = new double[n * n * n];
        var h = boxSize / n;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++)
                    data[(i * n + j) * n + k] = f(i * h, j * h, k * h);
        return tensor(data, [n, n, n]);
    }

    /// <summary>Displacement of particle p = ((i·N)+j)·N+k from its node (i,j,k)·L/N, by the minimal image, as [Np, 3].</summary>
    public static double[] Displacements(ParticleState state)
    {
        var x = state.X.data<double>();
        var n = state.N;
        var l = state.BoxSize;
        var s = new double[x.Length];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++)
                {
                    var p = (i * n + j) * n + k;
                    int[] node = [i, j, k];
                    for (var d = 0; d < 3; d++)
                    {
                        var dx = x[3 * p + d] - node[d] * l / n;
                        dx -= l * Math.Round(dx / l);
                        s[3 * p + d] = dx;
                    }
                }
        return s;
    }

    /// <summary>
    /// −∇·s for a displacement field s [3,N,N,N], spectrally: i k_i with the Nyquist component set to zero (the only
    /// Hermitian choice for an odd derivative of a real field).
    /// </summary>
    public static Tensor MinusDivergence(Tensor s, double boxSize)
    {
        using var scope = NewDisposeScope();
        var n = (int)s.shape[1];
        var sum = zeros([n, n, n / 2 + 1], complex128);
        for (var d = 0; d < 3; d++)
        {
            var len = d == 2 ? n / 2 + 1 : n;
            var k = new double[len];
            for (var i = 0; i < len; i++)
            {
                var m = d == 2 || i < n / 2 ? i : i - n;
                k[i] = Math.Abs(m) == n / 2 ? 0 : 2 * Math.PI / boxSize * m;
            }
            var shape = new long[] { 1, 1, 1 };
            shape[d] = len;
            var ik = complex(zeros(shape, float64), tensor(k, shape));
            sum = sum - fft.rfftn(s[d]) * ik;
        }
        return fft.irfftn(sum, s: [n, n, n]).MoveToOuterDisposeScope();
    }

    /// <summary>Particle displacements [Np, 3] → [3, N, N, N] (component-major grid) as a tensor.</summary>
    public static Tensor GridOf(double[] perParticle, int n)
    {
        using var scope = NewDisposeScope();
        var t = tensor(perParticle, [(long)n * n * n, 3]);
        return t.t().reshape(3, n, n, n).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The input P(k) averaged over the modes of each PowerSpectrum bin (bins [b, b+1)·k_F, b = 1 … N/2; ±k pairs carry
    /// the same P, so the full-FFT average equals the independent-mode one), which is what a measured bin mean
    /// estimates — not P at the bin's mean k.
    /// </summary>
    public static double[] BinnedInput(ILinearPower power, int n, double boxSize)
    {
        var bins = n / 2 + 1;
        var sum = new double[bins];
        var count = new long[bins];
        var kF = 2 * Math.PI / boxSize;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var l = 0; l <= n / 2; l++)
                {
                    var ni = i <= n / 2 ? i : i - n;
                    var nj = j <= n / 2 ? j : j - n;
                    var mag = Math.Sqrt(ni * ni + nj * nj + l * l);
                    var b = (int)mag;
                    if (b == 0 || b >= bins) continue;
                    var w = l == 0 || l == n / 2 ? 1 : 2;
                    sum[b] += w * power.P(mag * kF);
                    count[b] += w;
                }
        return Enumerable.Range(1, bins - 1).Select(b => sum[b] / count[b]).ToArray();
    }

    public static double MaxAbs(Tensor t)
    {
        using var a = t.abs();
        using var m = a.max();
        return m.item<double>();
    }

    public static double MaxAbsDiff(Tensor a, Tensor b)
    {
        using var d = a - b;
        return MaxAbs(d);
    }
}
