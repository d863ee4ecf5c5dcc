namespace SimEmulator.Validation.Reports.Svg;

/// <summary>The report's colours: reference (simulations) blue, candidate (emulator) orange, theory and tolerances grey-green.</summary>
public static class Palette
{
    public const string Reference = "#1f77b4";
    public const string Candidate = "#ff7f0e";
    public const string Theory = "#2ca02c";
    public const string Tolerance = "#2ca02c";
    public const string Neutral = "#555555";
    public const string Fail = "#d62728";
}
