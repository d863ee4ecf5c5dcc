using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Tests.Validation;

/// <summary>ξ(r) through the threaded forward and inverse FFT passes against numpy on a grid cut into several chunks and blocks.</summary>
public class CorrelationFunctionPeerTests
{
    // numpy, float64: ξ = irfftn(|rfftn(δ)|²)/N³, periodic offsets m ∈ (−N/2, N/2]³, bins ⌊|m|⌋ ≥ 1 (exact integer root).
    private const string NumpyXi = """
        import json, sys
        import numpy as np
        n, box = int(sys.argv[2]), float(sys.argv[3])
        d = np.fromfile(sys.argv[1], dtype='<f4').reshape(n, n, n).astype(np.float64)
        xi = np.fft.irfftn(np.abs(np.fft.rfftn(d)) ** 2, s=d.shape) / n ** 3
        i = np.arange(n); m = np.where(i <= n // 2, i, i - n)
        m2 = m[:, None, None] ** 2 + m[None, :, None] ** 2 + m[None, None, :] ** 2
        b = np.floor(np.sqrt(m2)).astype(np.int64)
        b[b * b > m2] -= 1
        b[(b + 1) * (b + 1) <= m2] += 1
        count = np.bincount(b.ravel())
        keep = np.nonzero(count[1:])[0] + 1
        sxi = np.bincount(b.ravel(), weights=xi.ravel())
        sr = np.bincount(b.ravel(), weights=np.sqrt(m2).ravel() * box / n)
        print(json.dumps({"xi0": float(xi[0, 0, 0]), "r": (sr[keep] / count[keep]).tolist(),
                          "xi": (sxi[keep] / count[keep]).tolist(), "count": count[keep].tolist()}))
        """;

    [Fact]
    public void CorrelationFunction_matches_numpy_on_a_grid_cut_into_several_chunks_and_blocks()
    {
        // N = 96 crosses every seam of the two-pass FFTs (uneven chunks of x planes, uneven blocks of y rows) both
        // ways. Float64 on both sides: ξ agrees to 1e-10 of ξ₀ (ξ crosses zero), separations exactly.
        const int n = 96; const double box = 300;
        var rng = new Random(41);
        var d = new float[n * n * n];
        for (var i = 0; i < d.Length; i++) d[i] = (float)(rng.NextDouble() - 0.5);
        for (var i = 0; i < n * n; i++) // a smooth x-dependent term, so ξ has structure beyond the zero lag
            for (var z = 0; z < n; z++) d[i * n + z] += (float)Math.Cos(2 * Math.PI * (i / n) / n);
        var ours = CorrelationFunction.Compute(d, box);

        var path = Path.Combine(Path.GetTempPath(), $"xi-peer-{Guid.NewGuid():N}.f32");
        File.WriteAllBytes(path, MemoryMarshal.AsBytes(d.AsSpan()).ToArray());
        try
        {
            var (code, stdout, stderr) = PythonPeer.Run("-c", NumpyXi, path, n.ToString(CultureInfo.InvariantCulture), box.ToString(CultureInfo.InvariantCulture));
            Assert.True(code == 0, stderr);
            using var peer = JsonDocument.Parse(stdout);
            var root = peer.RootElement;
            var xi0 = root.GetProperty("xi0").GetDouble();
            var r = root.GetProperty("r").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var xi = root.GetProperty("xi").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var count = root.GetProperty("count").EnumerateArray().Select(v => v.GetInt64()).ToArray();
            Assert.Equal(xi0, ours.Xi0, xi0 * 1e-12);
            Assert.Equal(count, ours.Separations);
            for (var b = 0; b < xi.Length; b++)
            {
                Assert.Equal(r[b], ours.R[b], r[b] * 1e-12);
                Assert.True(Math.Abs(ours.Xi[b] - xi[b]) <= 1e-10 * xi0, $"bin {b}: ξ {ours.Xi[b]} vs numpy {xi[b]}");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
