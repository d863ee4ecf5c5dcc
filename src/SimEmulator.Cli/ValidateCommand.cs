using System.CommandLine;
using System.Globalization;
using SimEmulator.Validation.Reports;
using Spectre.Console;

namespace SimEmulator.Cli;

/// <summary>
/// `simemu validate --reference sims.h5 --candidate gen.h5 --out DIR [--config validate.yaml] [--max-realizations N] [--strict]`
/// (two field sets, or two image sets): writes DIR/summary.json and DIR/report.html and prints the checks. Exit 0 when the comparison ran, whatever the checks
/// say (the report is the result); with --strict, 3 when any check failed; 1 on an error (nothing is written then).
/// </summary>
public static class ValidateCommand
{
    /// <summary>Exit code of a completed run with failed checks under --strict.</summary>
    public const int ChecksFailedExitCode = 3;

    public static Command Create()
    {
        var reference = new Option<string>("--reference") { Description = "Reference field set or image set (HDF5), e.g. held-out simulations", Required = true };
        var candidate = new Option<string>("--candidate") { Description = "Candidate set of the same kind (HDF5), e.g. emulator output", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for summary.json and report.html (created if needed)", Required = true };
        var config = new Option<string?>("--config") { Description = "Tolerances and options (YAML), e.g. configs/validate.yaml; default: the documented defaults" };
        var max = new Option<int?>("--max-realizations") { Description = "Use at most N realizations of each set (overrides the config's max_realizations)" };
        var strict = new Option<bool>("--strict") { Description = $"Exit with code {ChecksFailedExitCode} when any check fails (default: exit 0 once the report is written)" };

        var cmd = new Command("validate", "Compare a candidate field set with a reference (P(k), ξ(r), PDF, peaks, covariance, χ², bispectrum, Minkowski functionals, marked correlation, likelihoods) or two image sets (morphology; PSNR/SSIM when paired); writes summary.json and report.html")
            { reference, candidate, output, config, max, strict };
        cmd.SetAction(parse => Run(parse.GetValue(reference)!, parse.GetValue(candidate)!, parse.GetValue(output)!, parse.GetValue(config),
            parse.GetValue(max), parse.GetValue(strict)));
        return cmd;
    }

    public static int Run(string referencePath, string candidatePath, string outDir, string? configPath, int? maxRealizations, bool strict)
    {
        var cfg = configPath is null ? new ValidationConfig() : ValidationConfig.Load(configPath);
        if (maxRealizations is { } m)
        {
            if (m < 2) throw new ArgumentException($"--max-realizations must be at least 2 (a spread needs two realizations), got {m}");
            cfg.MaxRealizations = m;
        }
        ValidationReport report = null!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("validating", maxValue: 1);
                report = ValidationReport.Run(referencePath, candidatePath, cfg, new SynchronousProgress<ValidationProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = Markup.Escape(p.Stage);
                }));
            });
        report.WriteReport(outDir);

        var s = report.Summary;
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("section").AddColumn("check").AddColumn(new TableColumn("value").RightAligned()).AddColumn(new TableColumn("tolerance").RightAligned()).AddColumn("");
        foreach (var c in s.Checks)
            table.AddRow(Markup.Escape(c.Section), Markup.Escape(c.Name), F(c.Value),
                $"{(c.Comparison == ValidationCheck.AtLeastSymbol ? "≥" : "≤")} {F(c.Tolerance)}", c.Passed ? "[green]✓[/]" : "[red]✗[/]");
        AnsiConsole.Write(table);
        foreach (var n in s.Notes) AnsiConsole.MarkupLine($"[yellow]note:[/] {Markup.Escape(n)}");
        var what = s.Reference.Images is null ? "realizations" : "images";
        AnsiConsole.MarkupLine(s.Passed
            ? $"[green]all {s.ChecksPassed} checks passed[/] ({s.Reference.RealizationsUsed} reference vs {s.Candidate.RealizationsUsed} candidate {what})"
            : $"[red]{s.ChecksFailed} of {s.ChecksPassed + s.ChecksFailed} checks failed[/] ({s.Reference.RealizationsUsed} reference vs {s.Candidate.RealizationsUsed} candidate {what})");
        AnsiConsole.MarkupLine($"report: [green]{Markup.Escape(Path.Combine(outDir, ValidationReport.ReportFileName))}[/], numbers: {Markup.Escape(Path.Combine(outDir, ValidationReport.SummaryFileName))}");
        return strict && !s.Passed ? ChecksFailedExitCode : 0;
    }

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
