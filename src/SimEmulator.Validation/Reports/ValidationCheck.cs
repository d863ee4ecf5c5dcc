namespace SimEmulator.Validation.Reports;

/// <summary>
/// One pass/fail line of a validation: <c>Value Comparison Tolerance</c> (e.g. 0.031 ≤ 0.05) decides <see cref="Passed"/>;
/// <see cref="Detail"/> says where the value comes from (the worst bin, the test used). A NaN value fails.
/// </summary>
public sealed record ValidationCheck(string Section, string Name, double Value, string Comparison, double Tolerance, bool Passed, string Detail)
{
    public const string AtMostSymbol = "<=";
    public const string AtLeastSymbol = ">=";

    /// <summary>Passes when value ≤ tolerance.</summary>
    public static ValidationCheck AtMost(string section, string name, double value, double tolerance, string detail) =>
        new(section, name, value, AtMostSymbol, tolerance, value <= tolerance, detail);

    /// <summary>Passes when value ≥ tolerance.</summary>
    public static ValidationCheck AtLeast(string section, string name, double value, double tolerance, string detail) =>
        new(section, name, value, AtLeastSymbol, tolerance, value >= tolerance, detail);
}
