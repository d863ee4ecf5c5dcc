using System.Numerics;
using SimEmulator.Data.Mesh;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Validation.Statistics;

/// <summary>
/// The binning core of <see cref="PowerSpectrum"/>, a transcription of Pylians3 <c>Pk_library.Pk</c>/<c>XPk</c>: it walks
/// the rFFT half-space (n_z ≥ 0), keeps one of each ± pair on the n_z = 0 (and n_z = N/2) planes, so every independent
/// mode is counted once, and accumulates |n|, P, P·L₂(μ) and P·L₄(μ) in bins ⌊|n|⌋ = 0 … ⌊√3·N/2⌋.
/// </summary>
internal static class PowerSpectrumEstimator
{
    /// <summary>Validated input: the cube as a float64 CPU-or-device tensor and its side N.</summary>
    public static int CheckCube(Tensor delta, string name)
    {
        ArgumentNullException.ThrowIfNull(delta, name);
        var shape = delta.shape;
        if (shape.Length != 3 || shape[0] != shape[1] || shape[1] != shape[2] || shape[0] < 2)
            throw new ArgumentException($"'{name}' must be a cube [n, n, n] with n ≥ 2, got [{string.Join(", ", shape)}]", name);
        if (delta.is_complex() || !(delta.dtype is ScalarType.Float32 or ScalarType.Float64 or ScalarType.Float16 or ScalarType.BFloat16))
            throw new ArgumentException($"'{name}' must hold real floating-point values, got dtype {delta.dtype.TorchName()}", name);
        using var scope = NewDisposeScope();
        if (delta.isnan().any().item<bool>())
            throw new ArgumentException($"'{name}' contains NaN values", name);
        if (!delta.isfinite().all().item<bool>())
            throw new ArgumentException($"'{name}' contains infinite values", name);
        return (int)shape[0];
    }

    public static int CheckCube(float[] delta, string name)
    {
        ArgumentNullException.ThrowIfNull(delta, name);
        var n = (int)Math.Round(Math.Cbrt(delta.Length));
        if (n < 2 || (long)n * n * n != delta.Length)
            throw new ArgumentException($"'{name}' must be a cube [n, n, n] with n ≥ 2 in C order, got {delta.Length} values (not a cube of n ≥ 2)", name);
        for (var i = 0; i < delta.Length; i++)
        {
            if (float.IsNaN(delta[i])) throw new ArgumentException($"'{name}' contains NaN values (first at flat index {i})", name);
            if (float.IsInfinity(delta[i])) throw new ArgumentException($"'{name}' contains infinite values (first at flat index {i})", name);
        }
        return n;
    }

    public static void CheckArguments(double boxSizeMpcH, MassAssignment? window, int axis)
    {
        if (!(boxSizeMpcH > 0) || double.IsInfinity(boxSizeMpcH))
            throw new ArgumentOutOfRangeException(nameof(boxSizeMpcH), boxSizeMpcH, "'boxSizeMpcH' must be a positive, finite box side in Mpc/h");
        if (window is { } w) _ = w.WindowOrder(); // validates the enum value
        if (axis is < 0 or > 2)
            throw new ArgumentOutOfRangeException(nameof(axis), axis, "'axis' (the line-of-sight axis of the multipoles) must be 0, 1 or 2");
    }

    /// <summary>Unnormalised rFFT of the cube in float64, copied to host: N·N·(N/2+1) complex values, C order.</summary>
    public static Complex[] Rfft(Tensor delta)
    {
        using var scope = NewDisposeScope();
        var x = delta.to(float64);
        var dk = fft.rfftn(x).cpu();
        return dk.data<Complex>();
    }

    public static Complex[] Rfft(float[] delta, int n)
    {
        using var scope = NewDisposeScope();
        var x = tensor(delta, [n, n, n]);
        return Rfft(x);
    }

    /// <summary>Binned sums over the independent modes of Re(δ_a δ_b*)·W_a⁻¹·W_b⁻¹ (a = b for an auto spectrum).</summary>
    public static Binned Bin(Complex[] a, Complex[] b, int n, MassAssignment? windowA, MassAssignment? windowB, int axis)
    {
        var middle = n / 2;
        var nz = n / 2 + 1;
        var kmax = (int)Math.Sqrt(3.0 * middle * middle);
        var bins = kmax + 1;
        var corrA = MassAssignmentWindow.Correction1D(windowA, n);
        var corrB = MassAssignmentWindow.Correction1D(windowB, n);
        var evenGrid = n % 2 == 0;

        // |n| and ⌊|n|⌋ by integer |n|², tabulated once: the same Math.Sqrt values as per mode, without a sqrt per mode.
        var maxM2 = 3 * middle * middle + 3 * n; // covers |n_i| ≤ N/2 on any N
        var root = new double[maxM2 + 1];
        var binOf = new int[maxM2 + 1];
        for (var m2 = 0; m2 <= maxM2; m2++) { root[m2] = Math.Sqrt((double)m2); binOf[m2] = (int)root[m2]; }

        // One row of partial sums per x plane, merged in plane order afterwards: the same bytes for any thread count.
        var planes = new double[n][];
        Parallel.For(0, n, kxx =>
        {
            var s = new double[bins * 5];
            var kx = kxx > middle ? kxx - n : kxx;
            for (var kyy = 0; kyy < n; kyy++)
            {
                var ky = kyy > middle ? kyy - n : kyy;
                var rowOffset = ((long)kxx * n + kyy) * nz;
                var m2xy = kx * kx + ky * ky;
                var cxyA = corrA[kxx] * corrA[kyy];
                var cxyB = corrB[kxx] * corrB[kyy];
                // On the planes kz = 0 and kz = N/2, (kx, ky, kz) and (−kx, −ky, kz) are the same mode: keep one.
                var skipSelfConjugatePlanes = kx < 0 || ((kx == 0 || (kx == middle && evenGrid)) && ky < 0);
                for (var kz = 0; kz <= middle; kz++)
                {
                    if ((kz == 0 || (kz == middle && evenGrid)) && skipSelfConjugatePlanes) continue;
                    var m2 = m2xy + kz * kz;
                    var k = root[m2];
                    var index = binOf[m2];
                    var kPar = axis switch { 0 => kx, 1 => ky, _ => kz };
                    var mu = k == 0 ? 0.0 : kPar / k;
                    var musq = mu * mu;

                    var va = a[rowOffset + kz];
                    var vb = b[rowOffset + kz];
                    var ca = cxyA * corrA[kz];
                    var cb = cxyB * corrB[kz];
                    var ar = va.Real * ca; var ai = va.Imaginary * ca;
                    var br = vb.Real * cb; var bi = vb.Imaginary * cb;
                    var p = ar * br + ai * bi;

                    var o = index * 5;
                    s[o] += k;
                    s[o + 1] += p;
                    s[o + 2] += p * (3.0 * musq - 1.0) / 2.0;
                    s[o + 3] += p * (35.0 * musq * musq - 30.0 * musq + 3.0) / 8.0;
                    s[o + 4] += 1.0;
                }
            }
            planes[kxx] = s;
        });

        var total = new double[bins * 5];
        foreach (var s in planes)
            for (var i = 0; i < total.Length; i++) total[i] += s[i];
        return new Binned(total, bins);
    }

    /// <summary>Raw per-bin sums, bin 0 (the DC mode) included.</summary>
    public readonly record struct Binned(double[] Sums, int Bins)
    {
        /// <summary>Normalises to k (h/Mpc), P0, P2, P4 ((Mpc/h)³) and mode counts, dropping the DC bin.</summary>
        public (double[] k, double[] p0, double[] p2, double[] p4, long[] modes) Finish(double boxSize, int n)
        {
            var kF = 2 * Math.PI / boxSize;
            var norm = Math.Pow(boxSize / ((double)n * n), 3); // L³/N⁶, as (BoxSize/dims²)³ in Pylians
            var m = Bins - 1;
            var k = new double[m]; var p0 = new double[m]; var p2 = new double[m]; var p4 = new double[m];
            var modes = new long[m];
            for (var i = 0; i < m; i++)
            {
                var o = (i + 1) * 5;
                var count = Sums[o + 4];
                modes[i] = (long)count;
                k[i] = Sums[o] / count * kF;
                p0[i] = Sums[o + 1] / count * norm;
                p2[i] = Sums[o + 2] * 5.0 / count * norm;
                p4[i] = Sums[o + 3] * 9.0 / count * norm;
            }
            return (k, p0, p2, p4, modes);
        }
    }
}
