using System.CommandLine;
using System.Diagnostics;
using SimEmulator.Data.Layouts;
using SimEmulator.Emulator.Inference;
using SimEmulator.Simulation;
using SimEmulator.Simulation.Config;
using Spectre.Console;

namespace SimEmulator.Cli;

/// <summary>
/// `simemu demo`: the README's main command. Simulates a small held-out set with seeds no emulator saw (cached for the
/// next run), draws realizations from the shipped checkpoint, validates them against the simulations and prints the
/// key checks and the report's path.
/// </summary>
public static class DemoCommand
{
    /// <summary>First seed of the demo's held-out simulations: disjoint from training (1000…) and the shipped report (1000000…).</summary>
    public const long HeldOutSeed0 = 2_000_000;

    public static Command Create()
    {
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Emulator folder (default: the shipped checkpoints/cubes32)" };
        var simConfig = new Option<string?>("--sim-config") { Description = "N-body config of the held-out set (default: configs/nbody-128mpc-32.yaml, the checkpoint's training recipe)" };
        var count = new Option<int>("--count") { Description = "Realizations to generate", DefaultValueFactory = _ => 64 };
        var heldOut = new Option<int>("--held-out") { Description = "Held-out simulations to run (cached under data/demo)", DefaultValueFactory = _ => 32 };
        var output = new Option<string>("--out") { Description = "Output folder (generated cubes and the report)", DefaultValueFactory = _ => "demo-out" };
        var seed = new Option<long>("--seed") { Description = "Seed of the first generated realization", DefaultValueFactory = _ => 1 };
        var threads = new Option<int?>("--threads") { Description = "libtorch intra-op threads (default: libtorch's choice)" };

        var cmd = new Command("demo", "Simulate a held-out set, generate with the shipped emulator, validate, and print the key checks")
            { checkpoint, simConfig, count, heldOut, output, seed, threads };
        cmd.SetAction(parse => Run(parse.GetValue(checkpoint), parse.GetValue(simConfig), parse.GetValue(count), parse.GetValue(heldOut),
            parse.GetValue(output)!, parse.GetValue(seed), parse.GetValue(threads)));
        return cmd;
    }

    public static int Run(string? checkpoint, string? simConfig, int count, int heldOut, string outDir, long seed, int? threads)
    {
        if (count < 2) throw new ArgumentException($"--count must be at least 2, got {count}");
        if (heldOut < 2) throw new ArgumentException($"--held-out must be at least 2, got {heldOut}");
        var clock = Stopwatch.StartNew();
        var root = RepoRoot();
        checkpoint ??= Path.Combine(root, "checkpoints", "cubes32");
        simConfig ??= Path.Combine(root, "configs", "nbody-128mpc-32.yaml");
        if (threads is { } t) Torch.torch.set_num_threads(t);

        // 1. Held-out simulations, cached: a rerun (or a larger --held-out) only adds what is missing.
        var cfg = NBodyConfig.Load(simConfig);
        var card = InferenceCheckpoint.ReadCard(checkpoint);
        var f = card.Fields;
        if (Math.Abs(cfg.BoxSizeMpch - f.BoxSizeMpcH) > 1e-9 * f.BoxSizeMpcH || !cfg.OutputGrids.Contains(f.Grid))
            throw new ArgumentException($"{simConfig} makes {string.Join("/", cfg.OutputGrids)}³ cubes of {cfg.BoxSizeMpch} Mpc/h, but {checkpoint} " +
                $"emulates {f.Grid}³ cubes of {f.BoxSizeMpcH} Mpc/h; pass a matching --sim-config");
        var cacheDir = Path.Combine(root, "data", "demo");
        Directory.CreateDirectory(cacheDir);
        var stem = Path.Combine(cacheDir, $"heldout-{Path.GetFileNameWithoutExtension(simConfig)}-seed{HeldOutSeed0}.h5");
        var reference = NBodyRun.OutputPath(stem, f.Grid, cfg.OutputGrids.Distinct().Count());
        var have = File.Exists(reference) ? SeedsIn(reference) : 0;
        AnsiConsole.MarkupLine(Markup.Escape($"[1/3] held-out simulations: {simConfig}, seeds {HeldOutSeed0}…{HeldOutSeed0 + heldOut - 1} ({have} cached in {cacheDir})"));
        if (have < heldOut)
        {
            var rc = SimulateNbodyCommand.Run(simConfig, heldOut, stem, HeldOutSeed0, "cpu", null, threads);
            if (rc != 0) return rc;
        }

        // 2. Generate.
        Directory.CreateDirectory(outDir);
        var generated = Path.Combine(outDir, $"generated-{card.Name}.h5");
        AnsiConsole.MarkupLine(Markup.Escape($"[2/3] generating {count} realizations with {checkpoint} ({card.Model.Architecture}, " +
            $"{card.Training.Steps} training steps), seeds {seed}…{seed + count - 1}"));
        GenerateCommand.Run(checkpoint, count, seed, generated, "cpu", 16, [], threads);

        // 3. Validate.
        AnsiConsole.MarkupLine(Markup.Escape($"[3/3] validating {generated} against {reference}"));
        var rcv = ValidateCommand.Run(reference, generated, Path.Combine(outDir, "report"), null, null, false);
        AnsiConsole.MarkupLine(Markup.Escape($"demo finished in {clock.Elapsed.TotalSeconds:F0} s"));
        return rcv;
    }

    private static long SeedsIn(string path)
    {
        using var fs = FieldSet.Open(path);
        return fs.Seeds.Count(s => s >= HeldOutSeed0);
    }

    /// <summary>The repository (configs/, checkpoints/): SIMEMU_ROOT from the launcher, else the folder above the binaries holding SimEmulator.sln.</summary>
    public static string RepoRoot()
    {
        if (Environment.GetEnvironmentVariable("SIMEMU_ROOT") is { Length: > 0 } r && Directory.Exists(r)) return r;
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "SimEmulator.sln"))) return d.FullName;
        return Directory.GetCurrentDirectory();
    }
}
