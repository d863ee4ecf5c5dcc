using System.CommandLine;
using SimEmulator.Data.Gadget;
using SimEmulator.Data.Layouts;
using SimEmulator.Data.Mesh;
using Spectre.Console;

namespace SimEmulator.Cli;

/// <summary>`simemu ingest gadget SNAPSHOT... --grid N --out cubes.h5`: snapshots deposited into a field set.</summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var snapshots = new Argument<string[]>("snapshot") { Description = "Gadget snapshots (binary format 1/2 or HDF5; a base path or any file of a multi-file snapshot)", Arity = ArgumentArity.OneOrMore };
        var grid = new Option<int>("--grid") { Description = "Cells per side of the output cubes", DefaultValueFactory = _ => 128 };
        var output = new Option<string>("--out") { Description = "Output field set (HDF5)", Required = true };
        var mas = new Option<string>("--mas") { Description = "Mass assignment: NGP, CIC or TSC", DefaultValueFactory = _ => "CIC" };
        var kind = new Option<string>("--kind") { Description = "overdensity (δ) or density (1+δ)", DefaultValueFactory = _ => "overdensity" };
        var types = new Option<int[]>("--types") { Description = "Gadget particle types to deposit", DefaultValueFactory = _ => [1], AllowMultipleArgumentsPerToken = true };
        var unit = new Option<double?>("--length-unit-mpch") { Description = "Code length unit in Mpc/h (default: detected; kpc/h when BoxSize > 5000)" };

        var gadget = new Command("gadget", "Deposit Gadget snapshots onto a mesh (streamed, chunk by chunk) and write a field set")
            { snapshots, grid, output, mas, kind, types, unit };
        gadget.SetAction(parse =>
        {
            var paths = parse.GetValue(snapshots)!;
            var assignment = MassAssignmentExtensions.Parse(parse.GetValue(mas)!);
            var k = parse.GetValue(kind) switch
            {
                "overdensity" => FieldKind.Overdensity,
                "density" => FieldKind.Density,
                var other => throw new ArgumentException($"--kind '{other}' is not 'overdensity' or 'density'"),
            };
            var outPath = parse.GetValue(output)!;
            FieldSetInfo info = null!;
            AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask($"depositing {paths.Length} snapshot(s)", maxValue: paths.Length);
                    info = SnapshotIngest.ToFieldSet(paths, outPath, parse.GetValue(grid), assignment, k, parse.GetValue(types),
                        parse.GetValue(unit), progress: _ => task.Increment(1));
                });
            AnsiConsole.MarkupLine($"wrote [green]{Markup.Escape(outPath)}[/]: {paths.Length} field(s) of {info.Grid}³, box {info.BoxSizeMpcH:G6} Mpc/h, z = {info.Redshift:G4}, {info.MassAssignment}, {SimEmulator.Data.Layouts.FieldSetInfo.KindText(info.Kind)}");
            return 0;
        });
        return new Command("ingest", "Bring external data into SimEmulator's layouts") { gadget };
    }
}
