namespace SimEmulator.Validation.Reports.Svg;

/// <summary>How data values map onto an axis.</summary>
public enum AxisScale { Linear, Log }

/// <summary>An axis's data range and scale; <see cref="Fraction"/> places a value between its ends (0 at Min, 1 at Max).</summary>
public sealed record Axis(double Min, double Max, AxisScale Scale)
{
    public double Fraction(double v) => Scale == AxisScale.Log
        ? (Math.Log10(v) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
        : (v - Min) / (Max - Min);

    /// <summary>Whether the value can be drawn on this axis (finite, and positive on a log axis).</summary>
    public bool Accepts(double v) => double.IsFinite(v) && (Scale == AxisScale.Linear || v > 0);

    public IReadOnlyList<Tick> Ticks() => Scale == AxisScale.Log ? Svg.Ticks.Log(Min, Max) : Svg.Ticks.Linear(Min, Max);

    /// <summary>The axis spanning the drawable values, padded by 5 % (of the log range on a log axis); a unit range when there are none.</summary>
    public static Axis Fit(IEnumerable<double> values, AxisScale scale, double? min = null, double? max = null, double pad = 0.05)
    {
        var probe = new Axis(1, 10, scale);
        var v = values.Where(probe.Accepts).ToList();
        double lo, hi;
        if (v.Count == 0) (lo, hi) = scale == AxisScale.Log ? (1.0, 10.0) : (0.0, 1.0);
        else (lo, hi) = (v.Min(), v.Max());
        if (scale == AxisScale.Log)
        {
            double a = Math.Log10(lo), b = Math.Log10(hi);
            if (b - a < 1e-9) { a -= 0.5; b += 0.5; }
            var d = (b - a) * pad;
            lo = Math.Pow(10, a - d);
            hi = Math.Pow(10, b + d);
        }
        else
        {
            if (hi - lo < 1e-12 * Math.Max(1, Math.Abs(hi))) { lo -= Math.Max(0.5, Math.Abs(lo) * 0.1); hi += Math.Max(0.5, Math.Abs(hi) * 0.1); }
            var d = (hi - lo) * pad;
            lo -= d;
            hi += d;
        }
        return new Axis(min ?? lo, max ?? hi, scale);
    }
}
