using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;
using SimEmulator.Data.Mesh;
using SimEmulator.Validation.Statistics;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Validation;

/// <summary>
/// The threaded two-pass FFT and block binning behind <see cref="PowerSpectrum"/> against independent references: a
/// direct DFT on an odd grid, and numpy on a grid large enough to be cut into several plane chunks and row blocks.
/// </summary>
public class PowerSpectrumPeerTests
{
    [Fact]
    public void PowerSpectrum_on_odd_grid_matches_a_direct_DFT_sum()
    {
        // Reference: δ_k = Σ_x δ(x) e^{−2πi n·x/N} summed directly, on N = 9 where only the kz = 0 plane is
        // self-conjugate (Pylians keeps kx > 0, or kx = 0 with ky ≥ 0 there), divided by the TSC window sinc³(πn_i/N),
        // with μ along z so the multipoles take the kz-axis branch.
        const int n = 9; const double box = 30;
        var d = WhiteNoise.Cube(n, 21);
        var ps = PowerSpectrum.Compute(d, box, MassAssignment.TSC, axis: 2);

        var kmax = (int)Math.Sqrt(3.0 * (n / 2) * (n / 2));
        var sumP = new double[kmax + 1]; var sumP2 = new double[kmax + 1]; var sumP4 = new double[kmax + 1]; var count = new long[kmax + 1];
        for (var kx = -n / 2; kx <= n / 2; kx++)
        for (var ky = -n / 2; ky <= n / 2; ky++)
        for (var kz = 0; kz <= n / 2; kz++)
        {
            if (kz == 0 && (kx < 0 || (kx == 0 && ky < 0))) continue;
            var sum = Complex.Zero;
            for (var x = 0; x < n; x++)
            for (var y = 0; y < n; y++)
            for (var z = 0; z < n; z++)
                sum += d[(x * n + y) * n + z] * Complex.Exp(new Complex(0, -2 * Math.PI * ((double)kx * x + (double)ky * y + (double)kz * z) / n));
            var w = MassAssignmentWindow.Value(MassAssignment.TSC, kx, ky, kz, n);
            var k = Math.Sqrt(kx * kx + ky * ky + kz * kz);
            var mu = k == 0 ? 0 : kz / k;
            var p = (sum / w).Magnitude * (sum / w).Magnitude * Math.Pow(box, 3) / Math.Pow(n, 6);
            sumP[(int)k] += p; sumP2[(int)k] += p * (3 * mu * mu - 1) / 2;
            sumP4[(int)k] += p * (35 * Math.Pow(mu, 4) - 30 * mu * mu + 3) / 8; count[(int)k]++;
        }
        Assert.Equal(kmax, ps.Count);
        for (var b = 1; b <= kmax; b++)
        {
            Assert.Equal(count[b], ps.Modes[b - 1]);
            var p0 = sumP[b] / count[b];
            Assert.True(Math.Abs(ps.P0[b - 1] - p0) <= 1e-10 * p0, $"bin {b}: P0 {ps.P0[b - 1]} vs direct {p0}");
            Assert.True(Math.Abs(ps.P2[b - 1] - 5 * sumP2[b] / count[b]) <= 1e-10 * p0, $"bin {b}: P2 {ps.P2[b - 1]} vs direct {5 * sumP2[b] / count[b]}");
            Assert.True(Math.Abs(ps.P4[b - 1] - 9 * sumP4[b] / count[b]) <= 1e-10 * p0, $"bin {b}: P4 {ps.P4[b - 1]} vs direct {9 * sumP4[b] / count[b]}");
        }
    }

    // The Pylians Pk_library/XPk estimator in numpy, float64 throughout: np.fft.rfftn, δ_k/W per field, half-space
    // modes with one of each ± pair on the kz = 0 and kz = N/2 planes, np.bincount on ⌊|n|⌋.
    private const string NumpyEstimator = """
        import json, sys
        import numpy as np
        n, box, axis = int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
        a = np.fromfile(sys.argv[1], dtype='<f4').reshape(n, n, n).astype(np.float64)
        b = np.fromfile(sys.argv[2], dtype='<f4').reshape(n, n, n).astype(np.float64)
        middle = n // 2
        i = np.arange(n); kx = np.where(i > middle, i - n, i).astype(np.float64); kz = np.arange(middle + 1, dtype=np.float64)
        def window(p):
            c, cz = 1 / np.sinc(kx / n) ** p, 1 / np.sinc(kz / n) ** p
            return c[:, None, None] * c[None, :, None] * cz[None, None, :]
        da, db = np.fft.rfftn(a) * window(2), np.fft.rfftn(b) * window(3)   # CIC for a, TSC for b
        K = [kx[:, None, None], kx[None, :, None], kz[None, None, :]]
        k = np.sqrt(K[0] ** 2 + K[1] ** 2 + K[2] ** 2)
        mu = np.divide(np.broadcast_to(K[axis], k.shape), k, out=np.zeros(k.shape), where=k > 0)
        keep = np.ones(k.shape, dtype=bool)
        x2, y2 = np.broadcast_to(kx[:, None], (n, n)), np.broadcast_to(kx[None, :], (n, n))
        drop = (x2 < 0) | (((x2 == 0) | ((x2 == middle) & (n % 2 == 0))) & (y2 < 0))
        for z in ([0, middle] if n % 2 == 0 else [0]): keep[:, :, z] = ~drop
        sel, bins = k.astype(np.int64)[keep], int(np.sqrt(3.0 * middle * middle)) + 1
        modes = np.bincount(sel, minlength=bins)
        L2, L4 = (3 * mu ** 2 - 1) / 2, (35 * mu ** 4 - 30 * mu ** 2 + 3) / 8
        norm = (box / float(n) ** 2) ** 3
        def binned(p):
            return [(np.bincount(sel, weights=(p * L)[keep], minlength=bins)[1:] * f / modes[1:] * norm).tolist()
                    for L, f in ((1.0, 1), (L2, 5), (L4, 9))]
        out = {"k": (np.bincount(sel, weights=k[keep], minlength=bins)[1:] / modes[1:] * 2 * np.pi / box).tolist(),
               "modes": modes[1:].tolist(),
               "cross": binned((da * db.conj()).real), "a": binned(np.abs(da) ** 2), "b": binned(np.abs(db) ** 2)}
        print(json.dumps(out))
        """;

    [Fact]
    public void Auto_and_cross_spectra_match_numpy_on_a_grid_cut_into_several_chunks_and_blocks()
    {
        // N = 96 is cut into uneven chunks of x planes for the (y, z) pass (28, 28, 28, 12 with 2 MB chunks) and uneven
        // blocks of y rows for the x pass and the binning (7 × 13 + 5), so every seam between threads is crossed.
        // The peer (numpy, float64) must agree to 1e-10 relative (P₂ and P₄ relative to P₀, as they can be near
        // zero), with exact mode counts.
        const int n = 96; const double box = 300; const int axis = 1;
        var a = WhiteNoise.Cube(n, 31);
        var b = WhiteNoise.Cube(n, 32);
        for (var i = 0; i < b.Length; i++) b[i] = 0.6f * a[i] + 0.8f * b[i]; // correlated, r ≈ 0.6
        var cross = PowerSpectrum.Cross(a, b, box, MassAssignment.CIC, MassAssignment.TSC, axis);

        var dir = Directory.CreateTempSubdirectory("simemu-pk-peer-").FullName;
        try
        {
            var pathA = Path.Combine(dir, "a.f32");
            var pathB = Path.Combine(dir, "b.f32");
            File.WriteAllBytes(pathA, MemoryMarshal.AsBytes(a.AsSpan()).ToArray());
            File.WriteAllBytes(pathB, MemoryMarshal.AsBytes(b.AsSpan()).ToArray());
            var (code, stdout, stderr) = PythonPeer.Run("-c", NumpyEstimator, pathA, pathB,
                n.ToString(CultureInfo.InvariantCulture), box.ToString(CultureInfo.InvariantCulture), axis.ToString(CultureInfo.InvariantCulture));
            Assert.True(code == 0, stderr);
            using var peer = JsonDocument.Parse(stdout);
            var root = peer.RootElement;
            double[] Column(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var k = Column(root.GetProperty("k"));
            var modes = root.GetProperty("modes").EnumerateArray().Select(v => v.GetInt64()).ToArray();
            foreach (var (name, ours) in new[] { ("cross", cross.Cross), ("a", cross.AutoA), ("b", cross.AutoB) })
            {
                var multipoles = root.GetProperty(name).EnumerateArray().Select(Column).ToArray();
                Assert.Equal(modes, ours.Modes);
                for (var i = 0; i < k.Length; i++)
                {
                    var scale = Math.Abs(multipoles[0][i]);
                    Assert.True(Math.Abs(ours.K[i] - k[i]) <= 1e-12 * k[i], $"{name} bin {i}: k {ours.K[i]} vs numpy {k[i]}");
                    Assert.True(Math.Abs(ours.P0[i] - multipoles[0][i]) <= 1e-10 * scale, $"{name} bin {i}: P0 {ours.P0[i]} vs numpy {multipoles[0][i]}");
                    Assert.True(Math.Abs(ours.P2[i] - multipoles[1][i]) <= 1e-10 * scale, $"{name} bin {i}: P2 {ours.P2[i]} vs numpy {multipoles[1][i]}");
                    Assert.True(Math.Abs(ours.P4[i] - multipoles[2][i]) <= 1e-10 * scale, $"{name} bin {i}: P4 {ours.P4[i]} vs numpy {multipoles[2][i]}");
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        // The tensor overload takes the same two passes from a float64 tensor: the same modes, to rounding.
        using var scope = NewDisposeScope();
        var fromTensor = PowerSpectrum.Compute(tensor(a, [n, n, n]).to(float64), box, MassAssignment.CIC, axis);
        for (var i = 0; i < fromTensor.Count; i++)
            Assert.Equal(cross.AutoA.P0[i], fromTensor.P0[i], Math.Abs(cross.AutoA.P0[i]) * 1e-12);
    }
}
