using SimEmulator.Data.Config;
using SimEmulator.Data.Layouts;
using SimEmulator.Emulator.Inference;
using SimEmulator.Emulator.Models;
using SimEmulator.Emulator.Training;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Emulator;

/// <summary>The whole emulator pipeline on a tiny config (8³ cubes, 8 channels): train, checkpoint, resume, export, generate.</summary>
[Collection(GlobalTorchStateCollection.Name)]
public sealed class TrainerTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("simemu-trainer-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>A field set of 12 lognormal-like 8³ overdensity cubes, seeds 100…111.</summary>
    private string TrainingSet()
    {
        var path = Path.Combine(dir, "train.h5");
        if (File.Exists(path)) return path;
        var info = new FieldSetInfo(32, 8, 0, FieldKind.Overdensity, "CIC", Cosmology.Quijote, "test");
        using var w = FieldSetWriter.Create(path, info);
        var rng = new Random(5);
        for (var s = 0; s < 12; s++)
        {
            var cube = new float[512];
            for (var i = 0; i < cube.Length; i++)
            {
                var g = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                cube[i] = (float)(Math.Exp(0.8 * g - 0.32) - 1);
            }
            w.Append(cube, 100 + s);
        }
        w.Complete();
        return path;
    }

    private EmulatorConfig Tiny(int steps = 4) => new()
    {
        Name = "tiny",
        Data = new DataSettings { Path = TrainingSet(), HeldOutFraction = 0.25 },
        Model = new ModelConfig { Grid = 8, LatentDim = 8, GeneratorChannels = 8, CriticChannels = 8 },
        Training = new TrainingSettings { Steps = steps, BatchSize = 2, NCritic = 2, ValidateEvery = 2, ValidationSamples = 4, CheckpointEvery = 2, Threads = 1 },
    };

    private static Dictionary<string, float[]> Weights(string checkpoint)
    {
        var (_, tensors) = TrainingCheckpoint.Load(checkpoint);
        try
        {
            return tensors.Where(kv => kv.Key.StartsWith("generator.") || kv.Key.StartsWith("critic.") || kv.Key.StartsWith("ema."))
                .ToDictionary(kv => kv.Key, kv => kv.Value.to(ScalarType.Float32).data<float>());
        }
        finally { foreach (var t in tensors.Values) t.Dispose(); }
    }

    [Fact]
    public void Interrupted_and_resumed_training_gives_the_same_weights_as_an_uninterrupted_run()
    {
        var cfg = Tiny();
        var straight = Path.Combine(dir, "straight");
        using (var t = Trainer.Create(cfg, straight)) t.Train();

        var split = Path.Combine(dir, "split");
        using (var t = Trainer.Create(cfg, split)) t.Train(maxSteps: 2);
        using (var t = Trainer.Resume(cfg, split))
        {
            Assert.Equal(2, t.Step);
            t.Train();
            Assert.Equal(4, t.Step);
        }

        // Bit-identical: the checkpoint carries weights, both Adam states, the torch and data RNG states.
        var a = Weights(Path.Combine(straight, Trainer.CheckpointFile));
        var b = Weights(Path.Combine(split, Trainer.CheckpointFile));
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var (k, v) in a) Assert.True(v.AsSpan().SequenceEqual(b[k]), $"{k} differs after resume");
        // The resumed log has exactly one line per step (the interrupted run's tail is not duplicated) plus 2 validations.
        var lines = File.ReadAllLines(Path.Combine(split, Trainer.MetricsFile));
        Assert.Equal(6, lines.Length);
        Assert.Equal(File.ReadAllLines(Path.Combine(straight, Trainer.MetricsFile)).Select(StripSeconds), lines.Select(StripSeconds));
    }

    private static string StripSeconds(string line) => System.Text.RegularExpressions.Regex.Replace(line, "\"seconds\":[0-9.eE+-]+", "");

    [Fact]
    public void Held_out_split_is_by_seed_and_disjoint_from_training()
    {
        var cfg = Tiny(2);
        var run = Path.Combine(dir, "split-check");
        using (var t = Trainer.Create(cfg, run)) t.Train();
        var (state, tensors) = TrainingCheckpoint.Load(Path.Combine(run, Trainer.CheckpointFile));
        foreach (var x in tensors.Values) x.Dispose();
        Assert.Empty(state.TrainSeeds.Intersect(state.HeldOutSeeds));
        Assert.Equal(Enumerable.Range(100, 12).Select(i => (long)i), state.TrainSeeds.Concat(state.HeldOutSeeds).Order());
        Assert.Equal(3, state.HeldOutSeeds.Length); // 25 % of 12 simulations
    }

    [Fact]
    public void Exported_emulator_generates_the_same_bytes_for_the_same_seed_and_records_its_provenance()
    {
        var run = Path.Combine(dir, "export");
        using (var t = Trainer.Create(Tiny(2), run)) t.Train();
        var best = Path.Combine(run, Trainer.BestFolder);
        Assert.True(File.Exists(Path.Combine(best, InferenceCheckpoint.CardFile)));

        using var emu = CubeEmulator.Load(best);
        Assert.Equal(2, emu.Card.Training.Steps);
        Assert.Equal(9, emu.Card.Training.TrainSeeds.Length);
        var g1 = Path.Combine(dir, "g1.h5");
        var g2 = Path.Combine(dir, "g2.h5");
        emu.Generate(g1, 5, seed0: 42, batchSize: 2);
        emu.Generate(g2, 5, seed0: 42, batchSize: 3);
        // Each realization's latent comes from its own seed, so another batch size gives the same cubes up to float
        // rounding (convolutions sum in a batch-dependent order): 1e-5 relative to the cube's largest |δ|.
        using var f1 = FieldSet.Open(g1);
        using var f2 = FieldSet.Open(g2);
        Assert.Equal([42L, 43, 44, 45, 46], f1.Seeds);
        for (var i = 0; i < 5; i++)
        {
            var (a, b) = (f1.ReadField(i), f2.ReadField(i));
            var scale = a.Max(Math.Abs);
            Assert.All(a.Zip(b), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-5 * scale, $"{p.First} vs {p.Second}"));
        }
        Assert.Equal(8, f1.Info.Grid);
        Assert.Equal(32.0, f1.Info.BoxSizeMpcH);
        Assert.All(f1.ReadField(0), v => Assert.True(v >= -1 && float.IsFinite(v))); // the Rodríguez inverse maps to δ ≥ −1
        var g3 = Path.Combine(dir, "g3.h5");
        emu.Generate(g3, 5, seed0: 42, batchSize: 2);
        Assert.Equal(File.ReadAllBytes(g1), File.ReadAllBytes(g3)); // same seed → same bytes on CPU
    }

    [Fact]
    public void Corrupt_or_missing_checkpoints_give_errors_naming_the_file()
    {
        var run = Path.Combine(dir, "corrupt");
        using (var t = Trainer.Create(Tiny(2), run)) t.Train();
        var best = Path.Combine(run, Trainer.BestFolder);
        var weights = Path.Combine(best, InferenceCheckpoint.WeightsFile);
        var bytes = File.ReadAllBytes(weights);
        bytes[^3] ^= 0x40;
        File.WriteAllBytes(weights, bytes);
        var e = Assert.Throws<InvalidDataException>(() => CubeEmulator.Load(best));
        Assert.Contains("SHA-256", e.Message);
        Assert.Contains(weights, e.Message);

        var missing = Path.Combine(dir, "no-such-checkpoint");
        Assert.Contains(missing, Assert.Throws<DirectoryNotFoundException>(() => CubeEmulator.Load(missing)).Message);
        File.Delete(Path.Combine(best, InferenceCheckpoint.CardFile));
        Assert.Contains("model.json", Assert.Throws<FileNotFoundException>(() => CubeEmulator.Load(best)).Message);
        Assert.Contains("nothing to resume", Assert.Throws<FileNotFoundException>(() => Trainer.Resume(Tiny(), Path.Combine(dir, "empty"))).Message);
    }

    [Fact]
    public void Resume_with_a_different_architecture_is_refused()
    {
        var run = Path.Combine(dir, "arch");
        using (var t = Trainer.Create(Tiny(2), run)) t.Train();
        var other = Tiny(4);
        other.Model = other.Model with { GeneratorChannels = 16 };
        var e = Assert.Throws<InvalidOperationException>(() => Trainer.Resume(other, run));
        Assert.Contains("differs", e.Message);
    }

    [Fact]
    public void A_diverging_loss_stops_training_with_a_clear_message_and_keeps_the_last_checkpoint()
    {
        var cfg = Tiny(40);
        cfg.Training.LrCritic = 1e30; // Adam moves every weight by ~lr per step: the critic overflows within a step or two
        cfg.Training.LrGenerator = 1e30;
        cfg.Training.CheckpointEvery = 1;
        cfg.Training.ValidateEvery = 0;
        var run = Path.Combine(dir, "nan");
        using var t = Trainer.Create(cfg, run);
        var e = Assert.Throws<TrainingDivergedException>(() => t.Train());
        Assert.Contains("last good checkpoint", e.Message);
        var (state, tensors) = TrainingCheckpoint.Load(Path.Combine(run, Trainer.CheckpointFile));
        foreach (var x in tensors.Values) x.Dispose();
        Assert.Equal(t.Step - 1, state.Step); // the step that diverged was not saved
    }

    [Fact]
    public void Training_steps_leave_no_live_tensors_behind()
    {
        using var t = Trainer.Create(Tiny(20), Path.Combine(dir, "leak"));
        t.TrainStep(); // creates the optimizers' state, which lives on
        var before = TorchState.SettledLiveCount();
        for (var i = 0; i < 5; i++) t.TrainStep();
        t.Validate();
        Assert.Equal(before, TorchState.SettledLiveCount());
    }

    [Fact]
    public void Config_errors_name_the_file_and_the_key()
    {
        var good = File.ReadAllText(Path.Combine(RepoPaths.Root, "configs", "cubes32.yaml"));
        var p = Path.Combine(dir, "c.yaml");
        File.WriteAllText(p, good.Replace("  n_critic: 5", "  n_critics: 5"));
        var e = Assert.Throws<ConfigException>(() => EmulatorConfig.Load(p));
        Assert.Contains("n_critics", e.Message);
        Assert.Contains("n_critic", e.Message.Replace("n_critics", ""));
        File.WriteAllText(p, good.Replace("  grid: 32", "  grid: 24"));
        e = Assert.Throws<ConfigException>(() => EmulatorConfig.Load(p));
        Assert.Contains("grid", e.Message);
        Assert.Contains(p, e.Message);
        File.WriteAllText(p, good.Replace("  batch_size: 8 ", "  batch_size: eight "));
        e = Assert.Throws<ConfigException>(() => EmulatorConfig.Load(p));
        Assert.Contains(p, e.Message);
        // The shipped configs themselves load.
        foreach (var name in new[] { "cubes32.yaml", "cubes64.yaml", "cubes32-conditional.yaml" })
            EmulatorConfig.Load(Path.Combine(RepoPaths.Root, "configs", name));
    }
}
