using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SimEmulator.Emulator.Inference;
using Spectre.Console;

namespace SimEmulator.Cli;

/// <summary>
/// `simemu generate --checkpoint checkpoints/cubes32 --count N --seed S --out gen.h5`: N realizations (seeds S … S+N−1),
/// batched and streamed into a field set with the inverse transform applied and the checkpoint hash recorded.
/// </summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "Emulator folder with model.json and generator.safetensors", Required = true };
        var count = new Option<int>("--count") { Description = "Realizations to draw", Required = true };
        var seed = new Option<long>("--seed") { Description = "Seed of the first realization (realization i uses seed+i)", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Output field set (HDF5)", Required = true };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };
        var batch = new Option<int>("--batch-size") { Description = "Cubes per generator call", DefaultValueFactory = _ => 16 };
        var condition = new Option<string[]>("--condition") { Description = "name=value for a conditional emulator (repeat per parameter)", AllowMultipleArgumentsPerToken = true };
        var threads = new Option<int?>("--threads") { Description = "libtorch intra-op threads (default: libtorch's choice)" };

        var cmd = new Command("generate", "Draw new realizations from a trained emulator") { checkpoint, count, seed, output, device, batch, condition, threads };
        cmd.SetAction(parse => Run(parse.GetValue(checkpoint)!, parse.GetValue(count), parse.GetValue(seed), parse.GetValue(output)!,
            parse.GetValue(device)!, parse.GetValue(batch), parse.GetValue(condition) ?? [], parse.GetValue(threads)));
        return cmd;
    }

    public static int Run(string checkpoint, int count, long seed, string output, string deviceSpec, int batchSize, string[] conditionArgs, int? threads)
    {
        if (count < 1) throw new ArgumentException($"--count must be at least 1, got {count}");
        if (batchSize < 1) throw new ArgumentException($"--batch-size must be at least 1, got {batchSize}");
        var device = CliSupport.ParseDevice(deviceSpec);
        if (threads is { } t) Torch.torch.set_num_threads(t);
        using var emulator = CubeEmulator.Load(checkpoint, device);
        var conditions = ParseConditions(conditionArgs, emulator.Card.Model.Conditioning, checkpoint);
        var clock = Stopwatch.StartNew();
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("realizations", maxValue: count);
                emulator.Generate(output, count, seed, batchSize, conditions, new SynchronousProgress<int>(n => task.Value = n));
            });
        var s = clock.Elapsed.TotalSeconds;
        var f = emulator.Card.Fields;
        AnsiConsole.MarkupLine(Markup.Escape($"wrote {output}: {count} cubes of {f.Grid}³ (δ), box {f.BoxSizeMpcH:G6} Mpc/h, z = {f.Redshift:G4}, " +
            $"seeds {seed}…{seed + count - 1}, {s:F2} s ({count / s:F1} cubes/s)"));
        return 0;
    }

    private static float[]? ParseConditions(string[] args, string[] names, string checkpoint)
    {
        if (names.Length == 0)
        {
            if (args.Length > 0) throw new ArgumentException($"{checkpoint} is not a conditional emulator; remove --condition");
            return null;
        }
        var values = new Dictionary<string, float>();
        foreach (var a in args)
        {
            var parts = a.Split('=', 2);
            if (parts.Length != 2 || !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                throw new ArgumentException($"--condition '{a}': expected name=value, e.g. sigma_8=0.8");
            if (!names.Contains(parts[0])) throw new ArgumentException($"--condition {parts[0]}: {checkpoint} is conditioned on {string.Join(", ", names)}");
            values[parts[0]] = v;
        }
        var missing = names.Where(n => !values.ContainsKey(n)).ToList();
        if (missing.Count > 0) throw new ArgumentException($"{checkpoint} needs --condition for {string.Join(", ", missing)}");
        return names.Select(n => values[n]).ToArray();
    }
}
