using SimEmulator.Simulation.Galaxies;

namespace SimEmulator.Tests.Simulation.Galaxies;

/// <summary>Measurements of drawn stamps, written independently of the drawing code (pixel coordinates, x along rows).</summary>
internal static class ImageMeasure
{
    /// <summary>Light-weighted centre (x, y) in pixels.</summary>
    public static (double X, double Y) Centroid(Image im)
    {
        double s = 0, sx = 0, sy = 0;
        for (var y = 0; y < im.Ny; y++)
            for (var x = 0; x < im.Nx; x++)
            {
                var v = im[x, y];
                s += v;
                sx += v * x;
                sy += v * y;
            }
        return (sx / s, sy / s);
    }

    /// <summary>Second central moments (Ixx, Iyy, Ixy) in pixels².</summary>
    public static (double Ixx, double Iyy, double Ixy) Moments(Image im)
    {
        var (cx, cy) = Centroid(im);
        double s = 0, xx = 0, yy = 0, xy = 0;
        for (var y = 0; y < im.Ny; y++)
            for (var x = 0; x < im.Nx; x++)
            {
                var v = im[x, y];
                s += v;
                xx += v * (x - cx) * (x - cx);
                yy += v * (y - cy) * (y - cy);
                xy += v * (x - cx) * (y - cy);
            }
        return (xx / s, yy / s, xy / s);
    }

    /// <summary>
    /// Half-light radius in pixels by the growth curve about the centroid: the light inside radius r counts each pixel by the
    /// fraction of its 16 × 16 sub-pixels within r; r is found by bisection where that reaches half the total (the image's
    /// sum unless given: a stamp cuts off the far wings of a high-n profile, 2% of an n = 4 at 16 r_e).
    /// </summary>
    public static double HalfLightRadius(Image im, double? total = null)
    {
        var (cx, cy) = Centroid(im);
        var all = total ?? im.Sum();
        double Enclosed(double r)
        {
            double s = 0;
            const int sub = 16;
            var r2 = r * r;
            var reach = (int)Math.Ceiling(r) + 1;
            for (var y = Math.Max(0, (int)cy - reach); y <= Math.Min(im.Ny - 1, (int)cy + reach); y++)
                for (var x = Math.Max(0, (int)cx - reach); x <= Math.Min(im.Nx - 1, (int)cx + reach); x++)
                {
                    var inside = 0;
                    for (var a = 0; a < sub; a++)
                        for (var b = 0; b < sub; b++)
                        {
                            var ux = x - 0.5 + (a + 0.5) / sub - cx;
                            var uy = y - 0.5 + (b + 0.5) / sub - cy;
                            if (ux * ux + uy * uy <= r2) inside++;
                        }
                    s += im[x, y] * inside / (sub * sub);
                }
            return s;
        }
        double lo = 0, hi = Math.Min(im.Nx, im.Ny) / 2.0;
        for (var i = 0; i < 40; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (Enclosed(mid) < 0.5 * all) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>
    /// FWHM in pixels of a centred profile on an odd-sized stamp: along the central row and column, the distance between
    /// the half-maximum crossings (linear interpolation between pixels), averaged over the two directions.
    /// </summary>
    public static double Fwhm(Image im)
    {
        int cx = im.Nx / 2, cy = im.Ny / 2;
        var peak = im[cx, cy];
        double Crossing(Func<int, double> at, int step)
        {
            var i = 0;
            while (at(i + step) > 0.5 * peak) i += step;
            double a = at(i), b = at(i + step);
            return i + step * (a - 0.5 * peak) / (a - b);
        }
        var row = Crossing(i => im[cx + i, cy], 1) - Crossing(i => im[cx + i, cy], -1);
        var col = Crossing(i => im[cx, cy + i], 1) - Crossing(i => im[cx, cy + i], -1);
        return 0.5 * (row + col);
    }
}
