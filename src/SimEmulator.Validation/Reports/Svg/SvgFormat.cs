using System.Globalization;
using System.Text;

namespace SimEmulator.Validation.Reports.Svg;

/// <summary>Invariant, fixed-precision numbers and escaped text, so the same figure always gives the same bytes.</summary>
internal static class SvgFormat
{
    /// <summary>A coordinate in pixels with at most two decimals ("12.5", "-3", never "1,5" or "1E+20").</summary>
    public static string N(double v)
    {
        if (!double.IsFinite(v)) return "0";
        var r = Math.Round(v, 2);
        return (r == 0 ? 0 : r).ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Text safe inside an XML element or a double-quoted attribute.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            sb.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#39;", _ => c.ToString() });
        return sb.ToString();
    }

    /// <summary>A data value for a label or a tooltip: up to 4 significant digits, invariant culture.</summary>
    public static string Value(double v) =>
        double.IsNaN(v) ? "NaN" : double.IsInfinity(v) ? (v > 0 ? "inf" : "-inf") : v.ToString("G4", CultureInfo.InvariantCulture);
}
