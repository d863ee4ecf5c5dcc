using System.Diagnostics;
using System.Text.Json.Nodes;
using SimEmulator.Data.Layouts;
using SimEmulator.Emulator.Datasets;
using SimEmulator.Emulator.Inference;
using SimEmulator.Emulator.Models;
using SimEmulator.Emulator.Transforms;
using SimEmulator.Torch;
using SimEmulator.Torch.Optim;
using static SimEmulator.Torch.torch;
using SimEmulator.Data.Randomness;

namespace SimEmulator.Emulator.Training;

/// <summary>What the trainer reports after each generator step (for progress bars).</summary>
public readonly record struct TrainingProgress(long Step, long TotalSteps, WganGpLosses Losses, double StepsPerSecond, HeldOutMetrics? Validation);

/// <summary>A training run stopped because a loss became NaN or infinite; the last good checkpoint is left in place.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);

/// <summary>
/// Trains a WGAN-GP emulator on a field set: n_critic critic updates per generator update, EMA of the generator's
/// weights, a metrics log (metrics.jsonl), validation on held-out simulations every K steps with the best EMA generator
/// kept as an inference checkpoint (OUT/best), and a full training checkpoint (OUT/checkpoint.safetensors) every K
/// steps from which <c>--resume</c> continues exactly.
/// </summary>
public sealed class Trainer : IDisposable
{
    public const string CheckpointFile = "checkpoint.safetensors";
    public const string MetricsFile = "metrics.jsonl";
    public const string BestFolder = "best";
    /// <summary>Latents of validation passes come from this fixed seed, so passes at different steps are comparable.</summary>
    public const long ValidationSeed = 987_654_321;

    private readonly EmulatorConfig config;
    private readonly string outDir;
    private readonly Device device;
    private readonly CubeDataset data;
    private readonly CubeSampler sampler;
    private readonly Xoshiro256StarStar dataRng;
    private readonly Generator torchRng;
    private readonly IDensityTransform transform;
    private readonly HeldOutReference? heldOut;
    private readonly float[]? heldOutConditions;
    private readonly long[] trainSeeds, heldOutSeeds;
    private readonly CubeGenerator generator, emaGenerator;
    private readonly CubeCritic critic;
    private readonly ExponentialMovingAverage ema;
    private readonly Adam optG, optD;
    private readonly WganGp gan;
    private readonly int threads;
    private double bestScore = double.PositiveInfinity;
    private long bestStep = -1;
    private double trainingSeconds;

    public long Step { get; private set; }
    public EmulatorConfig Config => config;
    public string OutputDirectory => outDir;
    public CubeGenerator EmaGenerator => emaGenerator;
    public IDensityTransform Transform => transform;

    private Trainer(EmulatorConfig config, string outDir, Device device, TrainingState? resumed, IReadOnlyDictionary<string, Tensor>? tensors,
        IProgress<string>? log)
    {
        this.config = config;
        this.outDir = outDir;
        this.device = device;
        var t = config.Training;
        threads = resumed?.Threads ?? (t.Threads > 0 ? t.Threads : get_num_threads());
        set_num_threads(threads);

        if (!File.Exists(config.Data.Path))
            throw new FileNotFoundException($"{config.Data.Path}: training field set not found (data.path); make one with " +
                "`simemu simulate nbody --config configs/nbody-128mpc-64.yaml --count 256 --out data/train.h5`", config.Data.Path);
        long[] allSeeds;
        using (var fs = FieldSet.Open(config.Data.Path)) allSeeds = fs.Seeds;
        if (resumed is null)
            (trainSeeds, heldOutSeeds) = SeedSplit.Split(allSeeds, config.Data.HeldOutFraction, config.Data.SplitSeed);
        else
        {
            (trainSeeds, heldOutSeeds) = (resumed.TrainSeeds, resumed.HeldOutSeeds);
            var missing = trainSeeds.Concat(heldOutSeeds).Except(allSeeds).Take(5).ToArray();
            if (missing.Length > 0)
                throw new InvalidDataException($"{config.Data.Path}: the checkpoint was trained on seeds this file lacks (e.g. {string.Join(", ", missing)})");
        }

        log?.Report($"loading {trainSeeds.Length} training and {heldOutSeeds.Length} held-out simulations from {config.Data.Path}");
        var raw = CubeDataset.Load(config.Data.Path, trainSeeds);
        if (raw.Grid < config.Model.Grid)
            throw new ArgumentException($"{config.Data.Path}: cubes are {raw.Grid}³ but model.grid is {config.Model.Grid}; the model cannot be larger than the data");
        transform = resumed is null
            ? DensityTransform.Create(config.Transform.Name, config.Transform.Options, raw)
            : DensityTransform.FromJson(resumed.Transform);
        data = raw.Map(transform);
        if (heldOutSeeds.Length > 0)
        {
            var h = CubeDataset.Load(config.Data.Path, heldOutSeeds);
            var cubes = Enumerable.Range(0, h.Count).Select(i => CropOrigin(h.Field(i), h.Grid, config.Model.Grid)).ToList();
            heldOut = new HeldOutReference(cubes, h.Info.BoxSizeMpcH * config.Model.Grid / h.Grid);
            heldOutConditions = ConditionRows(h, config.Model.Conditioning, config.Training.ValidationSamples);
        }

        dataRng = new Xoshiro256StarStar((ulong)t.Seed);
        if (resumed is not null) dataRng.State = resumed.DataRngState;
        sampler = new CubeSampler(data, config.Model.Grid, config.Data.Augment, dataRng, config.Model.Conditioning);

        manual_seed(t.Seed);
        generator = new CubeGenerator(config.Model);
        critic = new CubeCritic(config.Model);
        emaGenerator = new CubeGenerator(config.Model);
        generator.to(device);
        critic.to(device);
        emaGenerator.to(device);
        ema = new ExponentialMovingAverage(generator, emaGenerator, t.EmaDecay); // starts as a copy of the generator
        optG = new Adam(generator.parameters(), t.LrGenerator, (t.Betas[0], t.Betas[1]));
        optD = new Adam(critic.parameters(), t.LrCritic, (t.Betas[0], t.Betas[1]));
        torchRng = new Generator(t.Seed + 1, device);
        var rng = torchRng;
        gan = new WganGp(generator, critic, optG, optD, config.Model.LatentDim, t.GpLambda, rng)
        {
            SampleLatent = (b, d) => LatentPrior.Sample(config.Model, b, rng, d),
        };

        if (resumed is not null && tensors is not null)
        {
            var path = Path.Combine(outDir, CheckpointFile);
            generator.load_state_dict(TrainingCheckpoint.Section(tensors, "generator", path));
            critic.load_state_dict(TrainingCheckpoint.Section(tensors, "critic", path));
            emaGenerator.load_state_dict(TrainingCheckpoint.Section(tensors, "ema", path));
            optG.load_state_dict(TrainingCheckpoint.Section(tensors, "optim_generator", path));
            optD.load_state_dict(TrainingCheckpoint.Section(tensors, "optim_critic", path));
            if (!tensors.TryGetValue("rng.torch", out var rs)) throw new InvalidDataException($"{path}: no torch RNG state");
            torchRng.set_state(rs);
            Step = resumed.Step;
            bestScore = resumed.BestScore;
            bestStep = resumed.BestStep;
            trainingSeconds = resumed.TrainingSeconds;
        }
    }

    /// <summary>A new run in <paramref name="outDir"/>; refuses to overwrite an existing run's checkpoint (use --resume).</summary>
    public static Trainer Create(EmulatorConfig config, string outDir, Device? device = null, IProgress<string>? log = null)
    {
        var ckpt = Path.Combine(outDir, CheckpointFile);
        if (File.Exists(ckpt))
            throw new InvalidOperationException($"{ckpt} exists: continue that run with --resume, or choose another --out");
        Directory.CreateDirectory(outDir);
        var trainer = new Trainer(config, outDir, device ?? CPU, null, null, log);
        File.Delete(Path.Combine(outDir, MetricsFile));
        trainer.SaveCheckpoint(); // step 0: there is always a good checkpoint to go back to
        return trainer;
    }

    /// <summary>
    /// Continues the run in <paramref name="outDir"/> from its checkpoint. The config may raise training.steps or change
    /// the logging cadence; anything that changes what the checkpoint means (data, transform, model, optimiser) is an error.
    /// </summary>
    public static Trainer Resume(EmulatorConfig config, string outDir, Device? device = null, IProgress<string>? log = null)
    {
        var path = Path.Combine(outDir, CheckpointFile);
        var (state, tensors) = TrainingCheckpoint.Load(path);
        try
        {
            var saved = EmulatorConfig.FromJson(state.Config);
            if (saved.Identity() != config.Identity())
                throw new InvalidOperationException($"{path}: the config differs from the one this run was started with in more than " +
                    "training.steps / validate_every / validation_samples / checkpoint_every / threads; start a new run with another --out");
            var trainer = new Trainer(config, outDir, device ?? CPU, state, tensors, log);
            TruncateMetrics(Path.Combine(outDir, MetricsFile), state.Step);
            return trainer;
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>
    /// Runs generator steps until training.steps (or <paramref name="maxSteps"/> more, whichever first), validating and
    /// checkpointing on schedule, and writes a final checkpoint. Stops early, after a checkpoint, when cancelled.
    /// </summary>
    public void Train(IProgress<TrainingProgress>? progress = null, long? maxSteps = null, CancellationToken cancel = default)
    {
        var t = config.Training;
        var end = maxSteps is { } m ? Math.Min(t.Steps, Step + m) : t.Steps;
        using var metrics = new StreamWriter(Path.Combine(outDir, MetricsFile), append: true);
        var clock = Stopwatch.StartNew();
        var lastCheckpoint = Step;
        var rate = 0.0;
        while (Step < end && !cancel.IsCancellationRequested)
        {
            var stepClock = Stopwatch.StartNew();
            var losses = TrainStep();
            var seconds = stepClock.Elapsed.TotalSeconds;
            rate = rate == 0 ? 1 / seconds : 0.9 * rate + 0.1 / seconds;
            metrics.WriteLine(new JsonObject
            {
                ["step"] = Step,
                ["critic_loss"] = losses.critic_loss,
                ["generator_loss"] = losses.generator_loss,
                ["wasserstein"] = losses.wasserstein,
                ["gradient_penalty"] = losses.gradient_penalty,
                ["seconds"] = Math.Round(seconds, 4),
            }.ToJsonString());

            HeldOutMetrics? v = null;
            if (t.ValidateEvery > 0 && Step % t.ValidateEvery == 0 && heldOut is not null)
            {
                v = Validate();
                metrics.WriteLine(new JsonObject
                {
                    ["step"] = Step,
                    ["validation"] = new JsonObject
                    {
                        ["pk_ratio_rms"] = v.PkRatioRms, ["pk_ratio_max_abs"] = v.PkRatioMaxAbs, ["pdf_l1"] = v.PdfL1,
                        ["generated"] = v.Generated, ["held_out"] = v.HeldOut,
                    },
                }.ToJsonString());
                var score = v.Score(t.BestMetric);
                if (score < bestScore)
                {
                    bestScore = score;
                    bestStep = Step;
                    ExportInference(Path.Combine(outDir, BestFolder), v);
                }
            }
            metrics.Flush();
            progress?.Report(new TrainingProgress(Step, t.Steps, losses, rate, v));
            if (Step - lastCheckpoint >= t.CheckpointEvery)
            {
                trainingSeconds += clock.Elapsed.TotalSeconds;
                clock.Restart();
                SaveCheckpoint();
                lastCheckpoint = Step;
            }
        }
        trainingSeconds += clock.Elapsed.TotalSeconds;
        if (Step != lastCheckpoint) SaveCheckpoint();
    }

    /// <summary>n_critic critic updates on fresh batches, one generator update, one EMA update.</summary>
    public WganGpLosses TrainStep()
    {
        var t = config.Training;
        WganGpLosses losses = default;
        for (var i = 0; i < t.NCritic; i++)
        {
            var (cubes, conds) = sampler.NextBatch(t.BatchSize, device);
            using (cubes)
            using (conds)
                losses = gan.Step(cubes, conds, trainGenerator: i == t.NCritic - 1);
        }
        ema.Update();
        Step++;
        foreach (var (name, value) in new[] { ("critic", losses.critic_loss), ("generator", losses.generator_loss), ("gradient penalty", losses.gradient_penalty) })
            if (!double.IsFinite(value))
                throw new TrainingDivergedException($"step {Step}: the {name} loss is {value}; training stopped. The last good checkpoint is " +
                    $"{Path.Combine(outDir, CheckpointFile)} — lower the learning rates or raise gp_lambda and resume from it.");
        return losses;
    }

    /// <summary>Scores the EMA generator on the held-out simulations with a fixed latent seed.</summary>
    public HeldOutMetrics Validate()
    {
        if (heldOut is null) throw new InvalidOperationException("no held-out simulations to validate on");
        var cubes = CubeSampling.Sample(emaGenerator, config.Model, transform, config.Training.ValidationSamples, ValidationSeed, 8, device,
            heldOutConditions);
        return heldOut.Score(Step, cubes);
    }

    /// <summary>Writes the full training state atomically to OUT/checkpoint.safetensors.</summary>
    public void SaveCheckpoint()
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>();
        void Add(string prefix, Dictionary<string, Tensor> d)
        {
            foreach (var (k, v) in d) tensors[$"{prefix}.{k}"] = v;
        }
        Add("generator", generator.state_dict());
        Add("critic", critic.state_dict());
        Add("ema", emaGenerator.state_dict());
        Add("optim_generator", optG.state_dict());
        Add("optim_critic", optD.state_dict());
        tensors["rng.torch"] = torchRng.get_state();
        var state = new TrainingState(Step, dataRng.State, config.ToJson(), transform.ToJson(), trainSeeds, heldOutSeeds, bestScore, bestStep,
            threads, trainingSeconds);
        TrainingCheckpoint.Save(Path.Combine(outDir, CheckpointFile), state, tensors);
    }

    /// <summary>Writes the EMA generator as an inference checkpoint (model.json + generator.safetensors) into <paramref name="dir"/>.</summary>
    public void ExportInference(string dir, HeldOutMetrics? validation = null)
    {
        var stored = data.Info; // the training set's attrs, read once at start-up (kind is δ after loading)
        var info = stored with { Grid = config.Model.Grid, BoxSizeMpcH = stored.BoxSizeMpcH * config.Model.Grid / stored.Grid };
        var card = new ModelCard(
            config.Name, config.Model, transform.ToJson(), info,
            new TrainingProvenance(config.Data.Path, stored.Source, trainSeeds, heldOutSeeds, config.Data.SplitSeed,
                config.Training.Seed, Step, config.Training.BatchSize, config.Training.NCritic, config.Training.GpLambda,
                config.Training.LrGenerator, config.Training.LrCritic, config.Training.Betas, config.Training.EmaDecay, config.Data.Augment,
                threads, device.ToString(), Math.Round(trainingSeconds, 1)),
            validation is null ? null : new JsonObject
            {
                ["step"] = validation.Step, ["pk_ratio_rms"] = validation.PkRatioRms, ["pk_ratio_max_abs"] = validation.PkRatioMaxAbs,
                ["pdf_l1"] = validation.PdfL1, ["generated"] = validation.Generated, ["held_out_simulations"] = validation.HeldOut,
            });
        InferenceCheckpoint.Save(dir, card, emaGenerator);
    }

    /// <summary>For conditional models: sample i takes the parameters of held-out realization i mod count.</summary>
    private static float[]? ConditionRows(CubeDataset h, string[] names, int samples)
    {
        if (names.Length == 0) return null;
        var rows = new float[samples * names.Length];
        for (var i = 0; i < samples; i++)
            for (var j = 0; j < names.Length; j++)
            {
                if (!h.Params.TryGetValue(names[j], out var values))
                    throw new InvalidDataException($"{h.Info.Source}: model.conditioning names '{names[j]}' but the field set has no /params/{names[j]}");
                rows[i * names.Length + j] = (float)values[i % h.Count];
            }
        return rows;
    }

    private static float[] CropOrigin(ReadOnlySpan<float> cube, int n, int m)
    {
        var dst = new float[m * m * m];
        CubeSymmetry.RollCrop(cube, n, dst, m, 0, 0, 0);
        return dst;
    }

    private static void TruncateMetrics(string path, long step)
    {
        if (!File.Exists(path)) return;
        var kept = File.ReadLines(path).Where(l =>
        {
            try { return (long)JsonNode.Parse(l)!["step"]! <= step; }
            catch (System.Text.Json.JsonException) { return false; }
        }).ToList();
        File.WriteAllLines(path, kept);
    }

    public void Dispose()
    {
        optG.Dispose();
        optD.Dispose();
        generator.Dispose();
        critic.Dispose();
        emaGenerator.Dispose();
        torchRng.Dispose();
    }
}
