using SimEmulator.Cli;
using SimEmulator.Tests.Validation.Reports;
using SimEmulator.Validation.Reports;
using Spectre.Console;

namespace SimEmulator.Tests.Cli;

[Collection(ConsoleCommandsCollection.Name)]
public sealed class ValidateCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("simemu-cli-validate-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>Runs simemu with the console captured as plain text.</summary>
    private static (int Exit, string Output) Simemu(params string[] args)
    {
        var before = AnsiConsole.Console;
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 10_000; // one message, one line: no wrapping at a console width
        AnsiConsole.Console = console;
        try { return (SimemuCli.Run(args), writer.ToString()); }
        finally { AnsiConsole.Console = before; }
    }

    [Fact]
    public void Validate_writes_both_files_and_exits_0_but_3_under_strict_when_a_check_fails()
    {
        var f = ValidationTestSets.Files;
        var outDir = Path.Combine(dir, "scaled");
        var (exit, output) = Simemu("validate", "--reference", f.Reference, "--candidate", f.Scaled, "--out", outDir, "--max-realizations", "10");
        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(outDir, ValidationReport.ReportFileName)));
        var summary = ValidationSummary.FromJson(File.ReadAllText(Path.Combine(outDir, ValidationReport.SummaryFileName)));
        Assert.Equal(10, summary.Reference.RealizationsUsed); // --max-realizations reached the run
        Assert.False(summary.Checks.Single(c => c.Section == "power_spectrum").Passed);
        Assert.Contains("P(k) mean ratio", output);
        Assert.Contains("✗", output);
        Assert.Contains(ValidationReport.ReportFileName, output);

        Assert.Equal(ValidateCommand.ChecksFailedExitCode,
            Simemu("validate", "--reference", f.Reference, "--candidate", f.Scaled, "--out", outDir, "--max-realizations", "10", "--strict").Exit);
    }

    [Fact]
    public void Unknown_config_key_exits_1_with_the_key_named_and_writes_nothing()
    {
        var f = ValidationTestSets.Files;
        var config = Path.Combine(dir, "v.yaml");
        File.WriteAllText(config, "peak_counts:\n  min_cout: 3\n");
        var outDir = Path.Combine(dir, "out");
        var (exit, output) = Simemu("validate", "--reference", f.Reference, "--candidate", f.Candidate, "--out", outDir, "--config", config);
        Assert.Equal(1, exit);
        Assert.Contains("unknown key 'peak_counts.min_cout'", output);
        Assert.Contains("did you mean 'peak_counts.min_count'", output);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Validate_on_two_image_sets_compares_morphology_and_counts_images()
    {
        // In this class, not with the image-report tests: Spectre's progress display is one per process, so CLI runs of
        // validate must not overlap.
        var f = ImageTestSets.Files;
        var outDir = Path.Combine(dir, "images");
        var (exit, output) = Simemu("validate", "--reference", f.Reference, "--candidate", f.Broad, "--out", outDir, "--max-realizations", "10");
        Assert.Equal(0, exit);
        var summary = ValidationSummary.FromJson(File.ReadAllText(Path.Combine(outDir, ValidationReport.SummaryFileName)));
        Assert.Equal((10, "image set"), (summary.Candidate.RealizationsUsed, summary.Candidate.Layout));
        Assert.All(summary.Checks, c => Assert.Equal("morphology", c.Section));
        Assert.Contains("half_light_radius KS p-value", output);
        Assert.Contains("10 reference vs 10 candidate images", output);
    }
}
