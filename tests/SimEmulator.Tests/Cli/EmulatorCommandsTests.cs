using SimEmulator.Cli;
using SimEmulator.Data.Layouts;
using SimEmulator.Tests.Emulator;

namespace SimEmulator.Tests.Cli;

/// <summary>`simemu train`, `generate` end to end on an 8³ config, including resume, conditioning and bad input.</summary>
[Collection(GlobalTorchStateCollection.Name)]
public sealed class EmulatorCommandsTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("simemu-emucli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Config(string name, string extraModel = "", int steps = 2)
    {
        var path = Path.Combine(dir, $"{name}.yaml");
        File.WriteAllText(path, $"""
            name: {name}
            data:
              path: {Path.Combine(dir, name + "-train.h5")}
              held_out_fraction: 0.25
            model:
              grid: 8
              latent_dim: 8
              generator_channels: 8
              critic_channels: 8
            {extraModel}
            training:
              steps: {steps}
              batch_size: 2
              n_critic: 2
              validate_every: 1
              validation_samples: 2
              checkpoint_every: 1
              threads: 1
            """);
        return path;
    }

    private void TrainingSet(string name, bool sigma8 = false)
    {
        var cubes = Enumerable.Range(0, 8).Select(i => EmulatorTestData.LognormalDelta(8, (ulong)i + 1, 0.6)).ToList();
        var seeds = Enumerable.Range(0, 8).Select(i => 500L + i).ToList();
        var p = sigma8 ? new Dictionary<string, double[]> { ["sigma_8"] = [0.7, 0.75, 0.8, 0.85, 0.9, 0.7, 0.8, 0.9] } : null;
        EmulatorTestData.WriteFieldSet(Path.Combine(dir, name + "-train.h5"), EmulatorTestData.Info(8), cubes, seeds, p);
    }

    [Fact]
    public void Train_resume_export_and_generate_run_from_the_command_line()
    {
        TrainingSet("cli");
        var cfg = Config("cli");
        var run = Path.Combine(dir, "run");
        var ckpt = Path.Combine(dir, "ckpt");
        Assert.Equal(0, SimemuCli.Run(["train", "--config", cfg, "--out", run, "--export", ckpt]));
        // A second plain `train` into the same folder is refused (it would overwrite the run); --resume with more steps continues.
        Assert.Equal(1, SimemuCli.Run(["train", "--config", cfg, "--out", run]));
        Assert.Equal(0, SimemuCli.Run(["train", "--config", cfg, "--out", run, "--resume", "--steps", "3"]));
        Assert.Equal(3, File.ReadLines(Path.Combine(run, "metrics.jsonl")).Count(l => !l.Contains("validation")));

        var gen = Path.Combine(dir, "gen.h5");
        Assert.Equal(0, SimemuCli.Run(["generate", "--checkpoint", ckpt, "--count", "5", "--seed", "10", "--out", gen, "--batch-size", "2"]));
        using var fs = FieldSet.Open(gen);
        Assert.Equal([10L, 11, 12, 13, 14], fs.Seeds);
        Assert.Equal(8, fs.Info.Grid);
        Assert.StartsWith("simemu generate", fs.Info.Source);
    }

    [Fact]
    public void A_conditional_emulator_trains_and_generates_with_its_condition()
    {
        TrainingSet("cond", sigma8: true);
        var cfg = Config("cond", "  conditioning: [sigma_8]\n  architecture: residual\n  latent_prior: student_t");
        var ckpt = Path.Combine(dir, "cond-ckpt");
        Assert.Equal(0, SimemuCli.Run(["train", "--config", cfg, "--out", Path.Combine(dir, "cond-run"), "--export", ckpt]));
        var gen = Path.Combine(dir, "cond.h5");
        Assert.Equal(1, SimemuCli.Run(["generate", "--checkpoint", ckpt, "--count", "2", "--out", gen])); // the condition is required
        Assert.False(File.Exists(gen));
        Assert.Equal(0, SimemuCli.Run(["generate", "--checkpoint", ckpt, "--count", "2", "--out", gen, "--condition", "sigma_8=0.8"]));
        Assert.True(File.Exists(gen));
    }

    [Fact]
    public void Missing_checkpoint_or_bad_config_exit_1_and_write_nothing()
    {
        var gen = Path.Combine(dir, "none.h5");
        Assert.Equal(1, SimemuCli.Run(["generate", "--checkpoint", Path.Combine(dir, "nope"), "--count", "2", "--out", gen]));
        Assert.False(File.Exists(gen));
        var bad = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(bad, "name: x\ntraining:\n  step: 3\n");
        var run = Path.Combine(dir, "bad-run");
        Assert.Equal(1, SimemuCli.Run(["train", "--config", bad, "--out", run]));
        Assert.False(Directory.Exists(run));
    }
}
