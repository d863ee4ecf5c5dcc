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
        // One pass over the cube when it is clean; the second only tells NaN from infinity for the message.
        if (!delta.isfinite().all().item<bool>())
            throw new ArgumentException(delta.isnan().any().item<bool>() ? $"'{name}' contains NaN values" : $"'{name}' contains infinite values", name);
        return (int)shape[0];
    }

    public static int CheckCube(float[] delta, string name)
    {
        ArgumentNullException.ThrowIfNull(delta, name);
        var n = (int)Math.Round(Math.Cbrt(delta.Length));
        if (n < 2 || (long)n * n * n != delta.Length)
            throw new ArgumentException($"'{name}' must be a cube [n, n, n] with n ≥ 2 in C order, got {delta.Length} values (not a cube of n ≥ 2)", name);
        if (AllFinite(delta)) return n;
        for (var i = 0; i < delta.Length; i++)
        {
            if (float.IsNaN(delta[i])) throw new ArgumentException($"'{name}' contains NaN values (first at flat index {i})", name);
            if (float.IsInfinity(delta[i])) throw new ArgumentException($"'{name}' contains infinite values (first at flat index {i})", name);
        }
        return n;
    }

    /// <summary>True when no value is NaN or ±∞: x − x is 0 for finite x and NaN otherwise, and NaN survives the sum.</summary>
    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        var acc = Vector<float>.Zero;
        var vectors = System.Runtime.InteropServices.MemoryMarshal.Cast<float, Vector<float>>(values);
        foreach (var v in vectors) acc += v - v;
        var tail = 0f;
        for (var i = vectors.Length * Vector<float>.Count; i < values.Length; i++) tail += values[i] - values[i];
        return float.IsFinite(Vector.Sum(acc) + tail);
    }

    public static void CheckArguments(double boxSizeMpcH, MassAssignment? window, int axis)
    {
        if (!(boxSizeMpcH > 0) || double.IsInfinity(boxSizeMpcH))
            throw new ArgumentOutOfRangeException(nameof(boxSizeMpcH), boxSizeMpcH, "'boxSizeMpcH' must be a positive, finite box side in Mpc/h");
        if (window is { } w) _ = w.WindowOrder(); // validates the enum value
        if (axis is < 0 or > 2)
            throw new ArgumentOutOfRangeException(nameof(axis), axis, "'axis' (the line-of-sight axis of the multipoles) must be 0, 1 or 2");
    }

    /// <summary>
    /// Binned sums over the independent modes of Re(δ_a δ_b*)·W_a⁻¹·W_b⁻¹: with <paramref name="b"/> null the auto
    /// spectrum of a alone; otherwise [cross, auto a, auto b] from one pass over the modes.
    /// </summary>
    public static Binned[] Bin(FourierBlocks a, FourierBlocks? b, MassAssignment? windowA, MassAssignment? windowB, int axis)
    {
        var n = a.N;
        var middle = n / 2;
        var nz = n / 2 + 1;
        var kmax = (int)Math.Sqrt(3.0 * middle * middle);
        var bins = kmax + 1;
        var corrA = MassAssignmentWindow.Correction1D(windowA, n);
        var corrB = MassAssignmentWindow.Correction1D(windowB, n);
        var cross = b is not null;
        // Per bin: Σ|n|, count, then (ΣP, ΣP·L₂, ΣP·L₄) for each spectrum.
        var stride = cross ? 11 : 5;

        // |n|, ⌊|n|⌋ and 1/|n|² by integer |n|², tabulated once: no sqrt or division per mode.
        var maxM2 = 3 * middle * middle + 3 * n; // covers |n_i| ≤ N/2 on any N
        var root = new double[maxM2 + 1];
        var binOf = new int[maxM2 + 1];
        var inverse = new double[maxM2 + 1];
        for (var m2 = 0; m2 <= maxM2; m2++)
        {
            root[m2] = Math.Sqrt((double)m2);
            binOf[m2] = (int)root[m2];
            inverse[m2] = m2 == 0 ? 0.0 : 1.0 / m2; // μ = 0 for the DC mode
        }

        var grid = new Grid(n, axis, corrA, corrB, root, binOf, inverse);

        // One row of partial sums per block of n_y rows, merged in block order afterwards: the same bytes for any
        // thread count.
        var items = a.Items;
        var partial = new double[items][];
        var length = a.BlockLength;
        Parallel.For(0, items,
            () => (a: new Complex[length], b: cross ? new Complex[length] : null!),
            (item, _, buf) =>
            {
                var s = new double[bins * stride];
                var rows = a.Load(item, buf.a);
                if (cross) b!.Load(item, buf.b);
                var y0 = a.FirstRow(item);
                for (var kxx = 0; kxx < n; kxx++)
                for (var r = 0; r < rows; r++)
                {
                    var offset = (kxx * rows + r) * nz;
                    if (cross) BinCrossRow(grid, kxx, y0 + r, buf.a.AsSpan(offset, nz), buf.b.AsSpan(offset, nz), s);
                    else BinAutoRow(grid, kxx, y0 + r, buf.a.AsSpan(offset, nz), s);
                }
                partial[item] = s;
                return buf;
            },
            _ => { });

        var total = new double[bins * stride];
        foreach (var s in partial)
            for (var i = 0; i < total.Length; i++) total[i] += s[i];
        var spectra = cross ? 3 : 1;
        var result = new Binned[spectra];
        for (var t = 0; t < spectra; t++)
        {
            var sums = new double[bins * 5];
            for (var i = 0; i < bins; i++)
            {
                sums[i * 5] = total[i * stride];
                sums[i * 5 + 1] = total[i * stride + 2 + 3 * t];
                sums[i * 5 + 2] = total[i * stride + 3 + 3 * t];
                sums[i * 5 + 3] = total[i * stride + 4 + 3 * t];
                sums[i * 5 + 4] = total[i * stride + 1];
            }
            result[t] = new Binned(sums, bins);
        }
        return result;
    }

    /// <summary>The grid geometry and tables every row of modes is binned with.</summary>
    private sealed record Grid(int N, int Axis, double[] CorrA, double[] CorrB, double[] Root, int[] BinOf, double[] Inverse)
    {
        public int Middle => N / 2;

        /// <summary>
        /// The kz range of row (kx, ky) that holds independent modes: on the planes kz = 0 and kz = N/2 (even N),
        /// (kx, ky, kz) and (−kx, −ky, kz) are the same mode, and only one of the pair is kept.
        /// </summary>
        public (int first, int last) Row(int kx, int ky)
        {
            var even = N % 2 == 0;
            var skip = kx < 0 || ((kx == 0 || (kx == Middle && even)) && ky < 0);
            return (skip ? 1 : 0, skip && even ? Middle - 1 : Middle);
        }
    }

    // Along a row |n| grows with kz, so the bin changes rarely: each run of one bin is summed in locals and added once.

    private static void BinAutoRow(Grid g, int kxx, int kyy, ReadOnlySpan<Complex> row, double[] sums)
    {
        int n = g.N, middle = g.Middle, axis = g.Axis;
        var (corr, root, binOf, inverse) = (g.CorrA, g.Root, g.BinOf, g.Inverse);
        var kx = kxx > middle ? kxx - n : kxx;
        var ky = kyy > middle ? kyy - n : kyy;
        var (first, last) = g.Row(kx, ky);
        var m2xy = kx * kx + ky * ky;
        var cxy = corr[kxx] * corr[kyy];
        double kPar2Row = axis == 0 ? kx * kx : ky * ky;
        var bin = -1;
        double sk = 0, count = 0, p0 = 0, p2 = 0, p4 = 0;
        for (var kz = first; kz <= last; kz++)
        {
            var m2 = m2xy + kz * kz;
            var index = binOf[m2];
            if (index != bin)
            {
                if (bin >= 0) Add(sums, bin * 5, sk, count, p0, p2, p4);
                bin = index;
                sk = count = p0 = p2 = p4 = 0;
            }
            var musq = (axis == 2 ? (double)kz * kz : kPar2Row) * inverse[m2];
            var l2 = 1.5 * musq - 0.5;
            var l4 = (35.0 * musq * musq - 30.0 * musq + 3.0) / 8.0;
            var v = row[kz];
            var c = cxy * corr[kz];
            var p = (v.Real * v.Real + v.Imaginary * v.Imaginary) * (c * c);
            sk += root[m2]; count += 1.0;
            p0 += p; p2 += p * l2; p4 += p * l4;
        }
        if (bin >= 0) Add(sums, bin * 5, sk, count, p0, p2, p4);
    }

    /// <summary>Cross and both autos; the products have the auto's shape, so Cross(d, d) reproduces Compute(d) bit for bit.</summary>
    private static void BinCrossRow(Grid g, int kxx, int kyy, ReadOnlySpan<Complex> rowA, ReadOnlySpan<Complex> rowB, double[] sums)
    {
        int n = g.N, middle = g.Middle, axis = g.Axis;
        var (corrA, corrB, root, binOf, inverse) = (g.CorrA, g.CorrB, g.Root, g.BinOf, g.Inverse);
        var kx = kxx > middle ? kxx - n : kxx;
        var ky = kyy > middle ? kyy - n : kyy;
        var (first, last) = g.Row(kx, ky);
        var m2xy = kx * kx + ky * ky;
        var cxyA = corrA[kxx] * corrA[kyy];
        var cxyB = corrB[kxx] * corrB[kyy];
        double kPar2Row = axis == 0 ? kx * kx : ky * ky;
        var bin = -1;
        double sk = 0, count = 0, x0 = 0, x2 = 0, x4 = 0, a0 = 0, a2 = 0, a4 = 0, b0 = 0, b2 = 0, b4 = 0;
        for (var kz = first; kz <= last; kz++)
        {
            var m2 = m2xy + kz * kz;
            var index = binOf[m2];
            if (index != bin)
            {
                if (bin >= 0) AddCross(sums, bin * 11, sk, count, x0, x2, x4, a0, a2, a4, b0, b2, b4);
                bin = index;
                sk = count = x0 = x2 = x4 = a0 = a2 = a4 = b0 = b2 = b4 = 0;
            }
            var musq = (axis == 2 ? (double)kz * kz : kPar2Row) * inverse[m2];
            var l2 = 1.5 * musq - 0.5;
            var l4 = (35.0 * musq * musq - 30.0 * musq + 3.0) / 8.0;
            var a = rowA[kz];
            var b = rowB[kz];
            var ca = cxyA * corrA[kz];
            var cb = cxyB * corrB[kz];
            var pab = (a.Real * b.Real + a.Imaginary * b.Imaginary) * (ca * cb);
            var paa = (a.Real * a.Real + a.Imaginary * a.Imaginary) * (ca * ca);
            var pbb = (b.Real * b.Real + b.Imaginary * b.Imaginary) * (cb * cb);
            sk += root[m2]; count += 1.0;
            x0 += pab; x2 += pab * l2; x4 += pab * l4;
            a0 += paa; a2 += paa * l2; a4 += paa * l4;
            b0 += pbb; b2 += pbb * l2; b4 += pbb * l4;
        }
        if (bin >= 0) AddCross(sums, bin * 11, sk, count, x0, x2, x4, a0, a2, a4, b0, b2, b4);
    }

    private static void Add(double[] sums, int o, double sk, double count, double p0, double p2, double p4)
    {
        sums[o] += sk; sums[o + 1] += count;
        sums[o + 2] += p0; sums[o + 3] += p2; sums[o + 4] += p4;
    }

    private static void AddCross(double[] sums, int o, double sk, double count, double x0, double x2, double x4,
        double a0, double a2, double a4, double b0, double b2, double b4)
    {
        Add(sums, o, sk, count, x0, x2, x4);
        sums[o + 5] += a0; sums[o + 6] += a2; sums[o + 7] += a4;
        sums[o + 8] += b0; sums[o + 9] += b2; sums[o + 10] += b4;
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
