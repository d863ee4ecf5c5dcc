using System.Globalization;

namespace SimEmulator.Validation.Reports;

/// <summary>Numbers in report text, always in the invariant culture so reports read the same on every machine.</summary>
internal static class Fmt
{
    /// <summary>General format with <paramref name="digits"/> significant digits ("0.05", "1.2e+03").</summary>
    public static string G(double v, int digits = 4) => v.ToString("G" + digits, CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with up to two decimals: 0.05 → "5%".</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
