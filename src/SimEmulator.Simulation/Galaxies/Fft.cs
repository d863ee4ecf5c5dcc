namespace SimEmulator.Simulation.Galaxies;

/// <summary>Radix-2 complex FFTs on split real/imaginary arrays; managed, deterministic, single-threaded per call.</summary>
internal static class Fft
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, (double[] Cos, double[] Sin)> Twiddles = new();

    /// <summary>In place, unnormalised, sign +: a[u, v] ← Σ a[p, q]·e^(+2πi(pu + qv)/n) for an n × n row-major array.</summary>
    public static void Inverse2D(double[] re, double[] im, int n)
    {
        if (n < 1 || (n & (n - 1)) != 0) throw new ArgumentException($"FFT size {n} is not a power of two", nameof(n));
        var tw = Twiddles.GetOrAdd(n, static n =>
        {
            var c = new double[n / 2];
            var s = new double[n / 2];
            for (var k = 0; k < n / 2; k++) (s[k], c[k]) = Math.SinCos(2 * Math.PI * k / n);
            return (c, s);
        });
        for (var r = 0; r < n; r++) Inverse1D(re, im, r * n, n, tw.Cos, tw.Sin);
        Transpose(re, n);
        Transpose(im, n);
        for (var r = 0; r < n; r++) Inverse1D(re, im, r * n, n, tw.Cos, tw.Sin);
        Transpose(re, n);
        Transpose(im, n);
    }

    private static void Inverse1D(double[] re, double[] im, int offset, int n, double[] cos, double[] sin)
    {
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j)
            {
                (re[offset + i], re[offset + j]) = (re[offset + j], re[offset + i]);
                (im[offset + i], im[offset + j]) = (im[offset + j], im[offset + i]);
            }
        }
        for (var len = 2; len <= n; len <<= 1)
        {
            var half = len >> 1;
            var step = n / len;
            for (var start = 0; start < n; start += len)
                for (var k = 0; k < half; k++)
                {
                    double wr = cos[k * step], wi = sin[k * step];
                    var a = offset + start + k;
                    var b = a + half;
                    var tr = re[b] * wr - im[b] * wi;
                    var ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
        }
    }

    private static void Transpose(double[] a, int n)
    {
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                (a[i * n + j], a[j * n + i]) = (a[j * n + i], a[i * n + j]);
    }
}
