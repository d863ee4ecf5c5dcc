using System.Numerics;

namespace SimEmulator.Data.Png;

/// <summary>
/// Turns a 2-D array (C order, row 0 drawn at the top as matplotlib's imshow default) into RGB pixels through a
/// stretch and a colormap: <c>ImageRenderer.Render(img, h, w, Colormap.Viridis, Stretch.Asinh(0.1)).Save("img.png")</c>.
/// </summary>
public static class ImageRenderer
{
    /// <summary>
    /// Renders <paramref name="image"/> (height × width, C order). Limits default to the finite minimum and maximum,
    /// as matplotlib autoscales; pass <see cref="PercentileLimits(ReadOnlySpan{float}, double, double)"/> for robust ones.
    /// </summary>
    public static RgbImage Render(ReadOnlySpan<float> image, int height, int width, Colormap colormap, Stretch stretch, double? vmin = null, double? vmax = null) =>
        RenderCore(image, height, width, colormap, stretch, vmin, vmax);

    public static RgbImage Render(ReadOnlySpan<double> image, int height, int width, Colormap colormap, Stretch stretch, double? vmin = null, double? vmax = null) =>
        RenderCore(image, height, width, colormap, stretch, vmin, vmax);

    /// <summary>
    /// The <paramref name="lowPercent"/> and <paramref name="highPercent"/> percentiles of the finite values, with
    /// numpy's default linear interpolation (as astropy's PercentileInterval); e.g. 0.5/99.5 ignores hot pixels.
    /// </summary>
    public static (double Vmin, double Vmax) PercentileLimits(ReadOnlySpan<float> image, double lowPercent = 0.5, double highPercent = 99.5) =>
        PercentileCore(image, lowPercent, highPercent);

    public static (double Vmin, double Vmax) PercentileLimits(ReadOnlySpan<double> image, double lowPercent = 0.5, double highPercent = 99.5) =>
        PercentileCore(image, lowPercent, highPercent);

    /// <summary>The minimum and maximum finite values; (NaN, NaN) when there are none.</summary>
    public static (double Vmin, double Vmax) FiniteRange(ReadOnlySpan<float> image) => RangeCore(image);

    public static (double Vmin, double Vmax) FiniteRange(ReadOnlySpan<double> image) => RangeCore(image);

    private static RgbImage RenderCore<T>(ReadOnlySpan<T> image, int height, int width, Colormap colormap, Stretch stretch, double? vmin, double? vmax)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(colormap);
        ArgumentNullException.ThrowIfNull(stretch);
        if (height <= 0 || width <= 0 || (long)height * width != image.Length)
        {
            throw new ArgumentException($"a {height} × {width} (height × width) image needs {(long)height * width} values; got {image.Length}.");
        }
        double lo = vmin ?? double.NaN, hi = vmax ?? double.NaN;
        if (vmin is null || vmax is null)
        {
            var (min, max) = RangeCore(image);
            lo = vmin ?? min;
            hi = vmax ?? max;
        }
        if (double.IsNaN(lo) || double.IsNaN(hi))
        {
            lo = hi = 0; // no finite data: every pixel is NaN and takes the bad colour
        }
        if (lo > hi)
        {
            throw new ArgumentException($"vmin ({lo}) must not exceed vmax ({hi}).");
        }
        var pixels = new byte[3 * image.Length];
        for (int i = 0; i < image.Length; i++)
        {
            double x = stretch.Apply(double.CreateTruncating(image[i]), lo, hi);
            colormap.MapInto(x, pixels.AsSpan(3 * i, 3));
        }
        return new RgbImage(height, width, pixels);
    }

    private static (double, double) PercentileCore<T>(ReadOnlySpan<T> image, double lowPercent, double highPercent)
        where T : unmanaged, INumberBase<T>
    {
        if (!(lowPercent >= 0 && lowPercent <= highPercent && highPercent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(lowPercent), $"percentiles must satisfy 0 <= low <= high <= 100; got {lowPercent} and {highPercent}.");
        }
        var finite = new List<double>(image.Length);
        foreach (var v in image)
        {
            double d = double.CreateTruncating(v);
            if (double.IsFinite(d))
            {
                finite.Add(d);
            }
        }
        if (finite.Count == 0)
        {
            throw new ArgumentException("the image has no finite values to take percentiles of.", nameof(image));
        }
        finite.Sort();
        return (Percentile(finite, lowPercent), Percentile(finite, highPercent));
    }

    // numpy.percentile's default ("linear"): position p/100·(n − 1), interpolated between its neighbours.
    private static double Percentile(List<double> sorted, double percent)
    {
        double pos = percent / 100 * (sorted.Count - 1);
        int below = (int)Math.Floor(pos);
        int above = Math.Min(below + 1, sorted.Count - 1);
        double t = pos - below;
        return sorted[below] + t * (sorted[above] - sorted[below]);
    }

    private static (double, double) RangeCore<T>(ReadOnlySpan<T> image) where T : unmanaged, INumberBase<T>
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in image)
        {
            double d = double.CreateTruncating(v);
            if (double.IsFinite(d))
            {
                min = Math.Min(min, d);
                max = Math.Max(max, d);
            }
        }
        return min <= max ? (min, max) : (double.NaN, double.NaN);
    }
}
