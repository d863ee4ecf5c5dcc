using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SimEmulator.Validation.Reports;

/// <summary>
/// Everything a validation decided, as written to summary.json: inputs (paths, attrs, seed counts), every check with its
/// value, tolerance and verdict, each section's numbers, notes, the config used, the tool version and the date.
/// </summary>
public sealed record ValidationSummary(
    string Tool,
    string Version,
    DateTimeOffset Date,
    bool Passed,
    int ChecksPassed,
    int ChecksFailed,
    ValidationInput Reference,
    ValidationInput Candidate,
    IReadOnlyList<ValidationCheck> Checks,
    IReadOnlyList<string> Notes,
    JsonObject Sections,
    JsonObject Config)
{
    /// <summary>snake_case keys, NaN and ±∞ as named literals (a failed check may carry NaN), indented.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    public static ValidationSummary FromJson(string json) =>
        JsonSerializer.Deserialize<ValidationSummary>(json, JsonOptions) ?? throw new FormatException("validation summary JSON is null");
}
