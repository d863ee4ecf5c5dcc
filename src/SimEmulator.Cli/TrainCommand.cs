using System.CommandLine;
using SimEmulator.Emulator.Training;
using Spectre.Console;

namespace SimEmulator.Cli;

/// <summary>
/// `simemu train --config configs/cubes32.yaml [--resume] [--device cpu|cuda] [--out DIR]`: WGAN-GP training with a
/// progress bar, metrics.jsonl, validation on held-out simulations, the best EMA generator kept in DIR/best, and a
/// resumable checkpoint. Ctrl-C stops after the current step and writes a checkpoint.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Emulator config (configs/cubes32.yaml)", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its checkpoint (exactly, on CPU with the same threads)" };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };
        var output = new Option<string?>("--out") { Description = "Run folder (default: runs/<name>)" };
        var steps = new Option<int?>("--steps") { Description = "Override training.steps (total generator steps of the run)" };
        var minutes = new Option<double?>("--max-minutes") { Description = "Stop (with a checkpoint) after this much wall time; resume later" };
        var export = new Option<string?>("--export") { Description = "When done, copy the best EMA generator to this checkpoint folder (e.g. checkpoints/cubes32)" };

        var cmd = new Command("train", "Train a 3D WGAN-GP emulator on density cubes") { config, resume, device, output, steps, minutes, export };
        cmd.SetAction(parse => Run(parse.GetValue(config)!, parse.GetValue(resume), parse.GetValue(device)!, parse.GetValue(output),
            parse.GetValue(steps), parse.GetValue(minutes), parse.GetValue(export)));
        return cmd;
    }

    public static int Run(string configPath, bool resume, string deviceSpec, string? outDir, int? steps, double? maxMinutes, string? export)
    {
        var cfg = EmulatorConfig.Load(configPath);
        if (steps is { } s)
        {
            if (s < 1) throw new ArgumentException($"--steps must be at least 1, got {s}");
            cfg.Training.Steps = s;
        }
        var device = CliSupport.ParseDevice(deviceSpec);
        var dir = outDir ?? Path.Combine("runs", cfg.Name);
        var log = new SynchronousProgress<string>(m => AnsiConsole.MarkupLine(Markup.Escape(m)));
        using var trainer = resume ? Trainer.Resume(cfg, dir, device, log) : Trainer.Create(cfg, dir, device, log);
        AnsiConsole.MarkupLine(Markup.Escape($"{(resume ? "resuming" : "training")} {cfg.Name}: {cfg.Model.Architecture} {cfg.Model.Grid}³, " +
            $"step {trainer.Step}/{cfg.Training.Steps}, batch {cfg.Training.BatchSize}, n_critic {cfg.Training.NCritic}, λ {cfg.Training.GpLambda}, " +
            $"device {device}, {Torch.torch.get_num_threads()} thread(s); run folder {dir}"));

        using var cancel = new CancellationTokenSource();
        if (maxMinutes is { } mm) cancel.CancelAfter(TimeSpan.FromMinutes(mm));
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // stop after this step, with a checkpoint
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        HeldOutMetrics? lastValidation = null;
        try
        {
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("training", maxValue: cfg.Training.Steps);
                    task.Value = trainer.Step;
                    trainer.Train(new SynchronousProgress<TrainingProgress>(p =>
                    {
                        if (p.Validation is { } v) lastValidation = v;
                        task.Value = p.Step;
                        var val = lastValidation is { } lv ? $" | val P(k) rms {lv.PkRatioRms:P1} PDF L1 {lv.PdfL1:F3}" : "";
                        task.Description = Markup.Escape($"step {p.Step} D {p.Losses.critic_loss:F3} G {p.Losses.generator_loss:F3} " +
                            $"W {p.Losses.wasserstein:F3} GP {p.Losses.gradient_penalty:F3} {p.StepsPerSecond:F2} it/s{val}");
                    }), cancel: cancel.Token);
                });
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        var ckpt = Path.Combine(dir, Trainer.CheckpointFile);
        var best = Path.Combine(dir, Trainer.BestFolder);
        if (!Directory.Exists(best)) trainer.ExportInference(best);
        AnsiConsole.MarkupLine(Markup.Escape($"step {trainer.Step}/{cfg.Training.Steps}; checkpoint {ckpt}; best EMA generator {best}; metrics {Path.Combine(dir, Trainer.MetricsFile)}"));
        if (trainer.Step < cfg.Training.Steps)
            AnsiConsole.MarkupLine(Markup.Escape($"stopped early: continue with `simemu train --config {configPath} --out {dir} --resume`"));
        if (export is not null)
        {
            Directory.CreateDirectory(export);
            foreach (var f in new[] { Emulator.Inference.InferenceCheckpoint.WeightsFile, Emulator.Inference.InferenceCheckpoint.CardFile })
                File.Copy(Path.Combine(best, f), Path.Combine(export, f), overwrite: true);
            AnsiConsole.MarkupLine(Markup.Escape($"exported {best} → {export}"));
        }
        return 0;
    }
}
