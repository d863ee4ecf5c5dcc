using System.Globalization;

namespace SimEmulator.Data.Png;

/// <summary>
/// How a data value between vmin and vmax becomes a colormap coordinate in [0, 1] (clipped; NaN stays NaN):
/// <see cref="Linear"/>, <see cref="Asinh"/> as astropy.visualization.AsinhStretch, <see cref="Log"/> as log10 with a floor.
/// </summary>
public abstract record Stretch
{
    private protected Stretch()
    {
    }

    /// <summary>x = (value − vmin)/(vmax − vmin), as matplotlib's Normalize.</summary>
    public static Stretch Linear { get; } = new LinearStretch();

    /// <summary>
    /// y = asinh(x/a)/asinh(1/a) on the linear x, as astropy's AsinhStretch(a): linear near 0, logarithmic for x ≫ a,
    /// so faint galaxy outskirts and bright cores show together. Smaller a compresses more.
    /// </summary>
    public static Stretch Asinh(double a = 0.1) =>
        a > 0 && double.IsFinite(a) ? new AsinhStretch(a) : throw new ArgumentOutOfRangeException(nameof(a), a, "asinh stretch needs a > 0.");

    /// <summary>
    /// y = (log10 v − log10 lo)/(log10 vmax − log10 lo) with v = max(value, floor) and lo = max(vmin, floor), as
    /// matplotlib's LogNorm but with values ≤ 0 (e.g. empty cells of a density field) drawn at the floor instead of masked.
    /// </summary>
    public static Stretch Log(double floor) =>
        floor > 0 && double.IsFinite(floor) ? new LogStretch(floor) : throw new ArgumentOutOfRangeException(nameof(floor), floor, "log stretch needs a floor > 0.");

    /// <summary>The colormap coordinate in [0, 1] of <paramref name="value"/>; NaN for NaN.</summary>
    public abstract double Apply(double value, double vmin, double vmax);

    private protected static double Normalize(double value, double vmin, double vmax) =>
        double.IsNaN(value) ? double.NaN : vmax > vmin ? Math.Clamp((value - vmin) / (vmax - vmin), 0, 1) : 0;

    private sealed record LinearStretch : Stretch
    {
        public override double Apply(double value, double vmin, double vmax) => Normalize(value, vmin, vmax);

        public override string ToString() => "linear";
    }

    private sealed record AsinhStretch(double A) : Stretch
    {
        private readonly double _scale = 1 / Math.Asinh(1 / A);

        public override double Apply(double value, double vmin, double vmax) =>
            Math.Asinh(Normalize(value, vmin, vmax) / A) * _scale;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"asinh(a={A})");
    }

    private sealed record LogStretch(double Floor) : Stretch
    {
        public override double Apply(double value, double vmin, double vmax)
        {
            if (double.IsNaN(value))
            {
                return double.NaN;
            }
            double lo = Math.Log10(Math.Max(vmin, Floor));
            double hi = Math.Log10(Math.Max(vmax, Floor));
            return Normalize(Math.Log10(Math.Max(value, Floor)), lo, hi);
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"log10(floor={Floor})");
    }
}
