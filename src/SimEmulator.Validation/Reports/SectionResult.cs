using System.Text.Json.Nodes;

namespace SimEmulator.Validation.Reports;

/// <summary>
/// What a section contributes: its checks (summary.json and the console table), every number behind them
/// (summary.json under "sections".Id), notes (e.g. why a test was skipped) and an HTML fragment with inline SVG for report.html.
/// </summary>
public sealed record SectionResult(string Id, string Title, IReadOnlyList<ValidationCheck> Checks, JsonObject Numbers, IReadOnlyList<string> Notes, string Html);
