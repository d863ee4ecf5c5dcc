using System.Numerics;

namespace SimEmulator.Simulation.Galaxies;

/// <summary>
/// GalSim's drawFFT: sample F(k)·pixel(k) on the k-grid of an N × N periodic image (N·dx ≥ the stamp and 2π/stepk), fold
/// every k out to maxk into the Nyquist band (exactly the aliasing of sampling the pixel-convolved profile at pixel
/// centres), inverse-FFT, and cut the stamp out of the middle. Unlike GalSim, k inside the Nyquist band is never cut at
/// maxk: the hard edge rang at 1e-3 and biased second moments by as much.
/// </summary>
internal static class FourierDrawing
{
    public static Image Draw(Profile profile, int nx, int ny, double dx, GSParams gs)
    {
        if (nx < 1 || ny < 1) throw new ArgumentOutOfRangeException(nameof(nx), $"stamp size {nx} × {ny} must be at least 1 × 1");
        if (!(dx > 0 && double.IsFinite(dx))) throw new ArgumentOutOfRangeException(nameof(dx), dx, "pixel scale must be positive (arcsec)");
        var stepk = profile.StepK(gs);
        var maxk = profile.MaxK(gs);
        var footprint = 2 * Math.PI / (stepk * dx);
        var n = 8;
        while (n < Math.Max(Math.Max(nx, ny), footprint)) n *= 2;
        if (n > gs.MaximumFftSize)
            throw new InvalidOperationException(
                $"drawing this profile needs a {n} × {n} FFT (it reaches {Math.PI / stepk:G4} arcsec from its centre at {dx:G4} arcsec/pixel; " +
                $"the stamp is {nx} × {ny}); the limit is GSParams.MaximumFftSize = {gs.MaximumFftSize}");
        var dk = 2 * Math.PI / (n * dx);
        // Inside the Nyquist band every k is kept (cutting there would ring); beyond it, k up to maxk is folded in.
        var kmax = Math.Min(maxk, Math.Max(1, gs.MaxKNyquistMultiple) * Math.PI / dx);
        var m = Math.Max((int)Math.Ceiling(kmax / dk), n / 2);

        // Per-axis factors for index i = −m..m (stored at i + m): pixel response sinc(k·dx/2), and the phase e^(ik·δ·dx)
        // that moves the sample points by δ = ½ pixel on even-sized axes, so the origin lands on the stamp centre.
        var (sx, px) = AxisFactors(m, dk, dx, nx % 2 == 0 ? 0.5 : 0);
        var (sy, py) = AxisFactors(m, dk, dx, ny % 2 == 0 ? 0.5 : 0);
        var re = new double[n * n];
        var im = new double[n * n];
        for (var j = 0; j <= m; j++)
        {
            var ky = j * dk;
            var rowY = Mod(j, n) * n;
            var rowYm = Mod(-j, n) * n;
            for (var i = j == 0 ? 0 : -m; i <= m; i++)
            {
                var g = profile.KValue(i * dk, ky) * (sx[i + m] * sy[j + m]) * (px[i + m] * py[j + m]);
                var a = rowY + Mod(i, n);
                re[a] += g.Real;
                im[a] += g.Imaginary;
                if (i == 0 && j == 0) continue;
                // Hermitian partner: F(−k) = conj F(k) for a real image.
                var b = rowYm + Mod(-i, n);
                re[b] += g.Real;
                im[b] -= g.Imaginary;
            }
        }
        Fft.Inverse2D(re, im, n);

        var scale = 1.0 / ((double)n * n);
        var pixels = new double[nx * ny];
        for (var y = 0; y < ny; y++)
        {
            var row = Mod(y - ny / 2, n) * n;
            for (var x = 0; x < nx; x++) pixels[y * nx + x] = re[row + Mod(x - nx / 2, n)] * scale;
        }
        return new Image(nx, ny, dx, pixels);
    }

    private static (double[] Sinc, Complex[] Phase) AxisFactors(int m, double dk, double dx, double delta)
    {
        var sinc = new double[2 * m + 1];
        var phase = new Complex[2 * m + 1];
        for (var i = -m; i <= m; i++)
        {
            var k = i * dk;
            var u = 0.5 * k * dx;
            sinc[i + m] = u == 0 ? 1 : Math.Sin(u) / u;
            var (s, c) = Math.SinCos(k * delta * dx);
            phase[i + m] = new Complex(c, s);
        }
        return (sinc, phase);
    }

    private static int Mod(int a, int n)
    {
        var r = a % n;
        return r < 0 ? r + n : r;
    }
}
