using System.CommandLine;
using Spectre.Console;

namespace SimEmulator.Cli;

/// <summary>The simemu command line: verbs, options, and the mapping of failures to one red line and an exit code.</summary>
public static class SimemuCli
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v") { Description = "Show stack traces on errors", Recursive = true };

    public static RootCommand Build()
    {
        var root = new RootCommand("SimEmulator: generative emulators (3D WGAN-GP) for cosmological simulations, with validation.");
        root.Add(Verbose);
        root.Add(DemoCommand.Create());
        root.Add(new Command("simulate", "Make training and reference data: N-body density cubes, galaxy images") { SimulateNbodyCommand.Create(), SimulateGalaxiesCommand.Create() });
        root.Add(TrainCommand.Create());
        root.Add(GenerateCommand.Create());
        root.Add(ValidateCommand.Create());
        root.Add(StatsCommand.Create());
        root.Add(IngestCommand.Create());
        root.Add(InfoCommand.Create());
        return root;
    }

    public static int Run(string[] args)
    {
        var root = Build();
        var parse = root.Parse(args);
        var verbose = parse.GetValue(Verbose);
        try
        {
            // Our own handler turns failures into one red line (stack trace only with --verbose).
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            Fail(e, verbose);
            return 1;
        }
    }

    public static void Fail(Exception e, bool verbose)
    {
        var inner = e is AggregateException { InnerExceptions.Count: 1 } ae ? ae.InnerExceptions[0] : e;
        AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(inner.Message)}");
        if (verbose) AnsiConsole.WriteException(inner);
    }
}
