using System.CommandLine;
using SimEmulator.Data.Gadget;
using SimEmulator.Data.Layouts;
using SimEmulator.Simulation;
using SimEmulator.Simulation.Config;
using SimEmulator.Simulation.NBody;
using SimEmulator.Torch;
using Spectre.Console;

namespace SimEmulator.Cli;

/// <summary>
/// `simemu simulate nbody --config C --count N --out sims.h5`: N realizations with seeds seed0 … seed0+N−1, one field
/// set per output grid. Resumable: progress lives in OUT.partial; a rerun skips seeds already written, and Ctrl-C keeps them.
/// </summary>
public static class SimulateNbodyCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Simulation set (configs/nbody-*.yaml)", Required = true };
        var count = new Option<int>("--count") { Description = "Realizations to have in the output (seeds seed0 … seed0+count−1)", Required = true };
        var output = new Option<string>("--out") { Description = "Output field set (HDF5); with several output grids, OUT-gridN.h5 per grid", Required = true };
        var seed0 = new Option<long?>("--seed0") { Description = "First seed (default: the config's seed0); held-out sets use a disjoint range" };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };
        var snapshots = new Option<string?>("--snapshots") { Description = "Also write Gadget-4-style HDF5 particle snapshots (z_end) into this folder" };
        var threads = new Option<int?>("--threads") { Description = "libtorch intra-op threads (default: libtorch's choice)" };

        var cmd = new Command("nbody", "Run particle-mesh N-body simulations (FastPM scheme) and write density cubes")
            { config, count, output, seed0, device, snapshots, threads };
        cmd.SetAction(parse => Run(parse.GetValue(config)!, parse.GetValue(count), parse.GetValue(output)!, parse.GetValue(seed0),
            parse.GetValue(device)!, parse.GetValue(snapshots), parse.GetValue(threads)));
        return cmd;
    }

    public static int Run(string configPath, int count, string output, long? seed0Override, string deviceSpec, string? snapshotDir, int? threads)
    {
        if (count < 1) throw new ArgumentException($"--count must be at least 1, got {count}");
        var cfg = NBodyConfig.Load(configPath);
        var device = CliSupport.ParseDevice(deviceSpec);
        if (threads is { } t) torch.set_num_threads(t);
        var run = new NBodyRun(cfg, configPath, device);
        var seed0 = seed0Override ?? cfg.Seed0;
        var grids = cfg.OutputGrids.Distinct().ToList();
        if (snapshotDir is not null) Directory.CreateDirectory(snapshotDir);

        var writers = new List<(int grid, FieldSetWriter writer)>();
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // finish cleanly: keep what was written, so a rerun resumes
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            foreach (var g in grids)
                writers.Add((g, FieldSetWriter.CreateOrResume(NBodyRun.OutputPath(output, g, grids.Count), run.InfoFor(g))));
            var todo = Enumerable.Range(0, count).Select(i => seed0 + i).Where(s => !writers.All(w => w.writer.Contains(s))).ToList();
            AnsiConsole.MarkupLine(Markup.Escape($"{count} realization(s), seeds {seed0}…{seed0 + count - 1}: {count - todo.Count} already written, {todo.Count} to run. {run.Source}"));
            if (todo.Count > 0)
            {
                AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                    .Start(ctx =>
                    {
                        var sims = ctx.AddTask("realizations", maxValue: todo.Count);
                        var steps = ctx.AddTask("steps", maxValue: cfg.Steps);
                        foreach (var seed in todo)
                        {
                            cancel.Token.ThrowIfCancellationRequested();
                            steps.Value = 0;
                            steps.Description = $"seed {seed}: steps";
                            var r = run.Simulate(seed, snapshotDir is not null, new SynchronousProgress<PmProgress>(p =>
                            {
                                steps.Value = p.Step;
                                steps.Description = $"seed {seed}: z = {p.Redshift:F2}";
                            }), cancel.Token);
                            foreach (var (g, w) in writers)
                                if (!w.Contains(seed)) w.Append(r.FieldsByGrid[g], seed);
                            if (r.Particles is { } particles)
                                Gadget4SnapshotWriter.Write(Path.Combine(snapshotDir!, $"snap_seed{seed}.hdf5"), particles, cfg.BoxSizeMpch, run.AEnd,
                                    cfg.Cosmology.OmegaM, 1 - cfg.Cosmology.OmegaM, cfg.Cosmology.H);
                            sims.Increment(1);
                        }
                    });
            }
            foreach (var (_, w) in writers) w.Complete();
            foreach (var (g, _) in writers)
                AnsiConsole.MarkupLine($"wrote [green]{Markup.Escape(NBodyRun.OutputPath(output, g, grids.Count))}[/]: {count} cubes of {g}³, box {cfg.BoxSizeMpch:G6} Mpc/h, z = {cfg.ZEnd:G4}");
            return 0;
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]interrupted[/]: finished realizations are kept in the .partial file(s); rerun the same command to resume");
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            foreach (var (_, w) in writers) w.Dispose();
        }
    }
}
