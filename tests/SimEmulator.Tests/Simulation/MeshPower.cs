using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Simulation;

/// <summary>
/// A test-side P(k) estimator with the conventions of ARCHITECTURE.md (Pylians3 Pk_library): unnormalised rFFT,
/// P = |δ_k|²·L³/N⁶, optional division by the mass-assignment window Π sinc^p(π n_i/N), bins [i, i+1)·k_F on integer
/// |n|, DC dropped; mode counts are those of the full FFT (half-space modes with 0 &lt; n_z &lt; N/2 count twice).
/// The Validation module will own the production estimator; this one is small enough to check by eye.
/// </summary>
internal static class MeshPower
{
    /// <returns>k (mean of the bin, h/Mpc), P ((Mpc/h)³), modes per bin, for bins i = 1 … N/2.</returns>
    public static (double[] k, double[] p, long[] modes) Measure(Tensor delta, double boxSize, int windowOrder = 0)
    {
        using var scope = NewDisposeScope();
        var n = (int)delta.shape[0];
        var dk = fft.rfftn(delta.to(float64));
        var power = dk.abs().square().data<double>();
        var nz = n / 2 + 1;
        var bins = n / 2 + 1;
        var sumP = new double[bins];
        var sumK = new double[bins];
        var count = new long[bins];
        var kF = 2 * Math.PI / boxSize;
        var norm = Math.Pow(boxSize, 3) / Math.Pow(n, 6);
        for (var i = 0; i < n; i++)
        {
            var ni = i <= n / 2 ? i : i - n;
            for (var j = 0; j < n; j++)
            {
                var nj = j <= n / 2 ? j : j - n;
                for (var l = 0; l < nz; l++)
                {
                    if (i == 0 && j == 0 && l == 0) continue;
                    var mag = Math.Sqrt(ni * ni + nj * nj + l * l);
                    var b = (int)mag;
                    if (b >= bins) continue;
                    var w = l == 0 || (n % 2 == 0 && l == n / 2) ? 1 : 2;
                    var pk = power[((long)i * n + j) * nz + l] * norm;
                    if (windowOrder > 0)
                    {
                        var win = Sinc(ni, n) * Sinc(nj, n) * Sinc(l, n);
                        pk /= Math.Pow(win, 2 * windowOrder);
                    }
                    sumP[b] += w * pk;
                    sumK[b] += w * mag * kF;
                    count[b] += w;
                }
            }
        }
        var k = new double[bins - 1];
        var p = new double[bins - 1];
        var modes = new long[bins - 1];
        for (var b = 1; b < bins; b++)
        {
            k[b - 1] = count[b] > 0 ? sumK[b] / count[b] : double.NaN;
            p[b - 1] = count[b] > 0 ? sumP[b] / count[b] : double.NaN;
            modes[b - 1] = count[b];
        }
        return (k, p, modes);
    }

    private static double Sinc(int ni, int n)
    {
        if (ni == 0) return 1;
        var x = Math.PI * ni / n;
        return Math.Sin(x) / x;
    }
}
