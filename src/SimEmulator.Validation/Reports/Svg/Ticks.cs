using System.Globalization;

namespace SimEmulator.Validation.Reports.Svg;

/// <summary>One axis tick: its data value, its label (empty for an unlabelled minor tick) and whether it draws a grid line.</summary>
public readonly record struct Tick(double Value, string Label, bool Major);

/// <summary>"Nice" tick positions and labels: 1-2-5 steps on linear axes, decades (and 2, 5 in short ranges) on log axes.</summary>
public static class Ticks
{
    /// <summary>Ticks at multiples of a 1, 2 or 5 × 10ᵏ step giving about <paramref name="target"/> intervals over [min, max].</summary>
    public static IReadOnlyList<Tick> Linear(double min, double max, int target = 5)
    {
        CheckRange(min, max);
        if (min == max) return [new Tick(min, FormatStep(min, Math.Abs(min) > 0 ? Math.Abs(min) / 10 : 1), true)];
        var raw = (max - min) / Math.Max(1, target);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var f = raw / magnitude;
        var step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * magnitude;
        var first = (long)Math.Ceiling(min / step - 1e-9);
        var last = (long)Math.Floor(max / step + 1e-9);
        var ticks = new List<Tick>();
        for (var i = first; i <= last; i++)
        {
            var v = i * step;
            ticks.Add(new Tick(v, FormatStep(v, step), true));
        }
        return ticks;
    }

    /// <summary>
    /// Labelled decades 10ᵉ inside [min, max] (every second or more when there are over 8), unlabelled minor ticks at
    /// 2…9 × 10ᵉ; when fewer than two decades fall inside, 2 × and 5 × 10ᵉ are labelled too. Needs 0 &lt; min.
    /// </summary>
    public static IReadOnlyList<Tick> Log(double min, double max)
    {
        CheckRange(min, max);
        if (!(min > 0)) throw new ArgumentOutOfRangeException(nameof(min), min, "a log axis needs a positive lower limit");
        var lo = (int)Math.Floor(Math.Log10(min) + 1e-9);
        var hi = (int)Math.Ceiling(Math.Log10(max) - 1e-9);
        bool Inside(double v) => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);
        var decades = Enumerable.Range(lo, hi - lo + 1).Where(e => Inside(Pow10(e))).ToList();
        var stride = Math.Max(1, (int)Math.Ceiling(decades.Count / 8.0));
        var ticks = new List<Tick>();
        for (var e = lo; e <= hi; e++)
        {
            var d = Pow10(e);
            if (Inside(d)) ticks.Add(new Tick(d, (e - lo) % stride == 0 ? FormatPower(1, e) : "", (e - lo) % stride == 0));
            if (stride > 1) continue;
            for (var m = 2; m <= 9; m++)
            {
                var v = m * d;
                if (!Inside(v)) continue;
                var labelled = decades.Count < 2 && (m == 2 || m == 5);
                ticks.Add(new Tick(v, labelled ? FormatPower(m, e) : "", labelled));
            }
        }
        ticks.Sort((a, b) => a.Value.CompareTo(b.Value));
        return ticks;
    }

    /// <summary>m × 10ᵉ written plainly for 10⁻³ ≤ value ≤ 10⁴ ("0.02", "500") and as "2e-05"-free "2e-5" otherwise.</summary>
    public static string FormatPower(int mantissa, int exponent) =>
        exponent is >= -3 and <= 4
            ? (mantissa * Pow10(exponent)).ToString("0.###", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{mantissa}e{exponent}");

    private static string FormatStep(double v, double step)
    {
        if (Math.Abs(v) < step * 1e-6) return "0";
        if (step >= 1e5 || step < 1e-3) return v.ToString("0.###e0", CultureInfo.InvariantCulture);
        var decimals = Math.Max(0, (int)-Math.Floor(Math.Log10(step) + 1e-9));
        return v.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    // Exact decimal powers (Math.Pow(10, −3) is 0.0010000000000000002 on some platforms; the parse is exact).
    private static double Pow10(int e) => double.Parse($"1e{e}", CultureInfo.InvariantCulture);

    private static void CheckRange(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || max < min)
            throw new ArgumentException($"an axis needs finite limits with min ≤ max, got [{min}, {max}]", nameof(max));
    }
}
