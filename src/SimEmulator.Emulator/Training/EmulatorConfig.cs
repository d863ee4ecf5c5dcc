using System.Text.Json;
using System.Text.Json.Nodes;
using SimEmulator.Data.Config;
using SimEmulator.Emulator.Models;

namespace SimEmulator.Emulator.Training;

/// <summary>
/// What <c>simemu train</c> reads (configs/cubes32.yaml): the training data, the density transform, the architecture and
/// the WGAN-GP settings. Defaults follow Gulrajani et al. 2017 (λ = 10, n_critic = 5, Adam(1e-4, β = (0, 0.9))).
/// </summary>
public sealed class EmulatorConfig
{
    /// <summary>Name of the emulator; the inference checkpoint is written as checkpoints/&lt;name&gt;.</summary>
    public string Name { get; set; } = "emulator";
    public DataSettings Data { get; set; } = new();
    public TransformSettings Transform { get; set; } = new();
    public ModelConfig Model { get; set; } = new();
    public TrainingSettings Training { get; set; } = new();

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <summary>Reads and checks a YAML config; every problem names the file and the key.</summary>
    public static EmulatorConfig Load(string path)
    {
        var c = YamlConfig.Load<EmulatorConfig>(path);
        c.Validate(path);
        return c;
    }

    /// <summary>Throws a ConfigException naming <paramref name="source"/> and the key of the first bad setting.</summary>
    public void Validate(string source)
    {
        YamlConfig.Require(!string.IsNullOrWhiteSpace(Name) && Name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && Name != "." && Name != "..",
            source, "name", $"must be a usable folder name, got '{Name}'");
        YamlConfig.Require(!string.IsNullOrWhiteSpace(Data.Path), source, "data.path", "must name the training field set (HDF5), e.g. made by `simemu simulate nbody`");
        YamlConfig.Require(Data.HeldOutFraction is > 0 and < 1, source, "data.held_out_fraction", $"must be in (0, 1), got {Data.HeldOutFraction}");
        YamlConfig.Require(Data.CubeSize is 0 || Data.CubeSize == Model.Grid, source, "data.cube_size",
            $"must equal model.grid ({Model.Grid}) or be 0 (= model.grid), got {Data.CubeSize}");
        try { Model.Validate(); }
        catch (ArgumentException e)
        {
            var key = e.ParamName is { Length: > 0 } p ? $"model.{YamlConfig.SnakeCase(p)}" : "model";
            throw new ConfigException($"{source}: '{key}': {e.Message}");
        }
        var t = Training;
        YamlConfig.Require(t.Steps >= 1, source, "training.steps", $"must be at least 1, got {t.Steps}");
        YamlConfig.Require(t.BatchSize >= 1, source, "training.batch_size", $"must be at least 1, got {t.BatchSize}");
        YamlConfig.Require(t.NCritic >= 1, source, "training.n_critic", $"must be at least 1, got {t.NCritic}");
        YamlConfig.Require(t.GpLambda >= 0, source, "training.gp_lambda", $"must be non-negative, got {t.GpLambda}");
        YamlConfig.Require(t.LrGenerator > 0 && t.LrCritic > 0, source, "training.lr_generator/lr_critic", "must be positive");
        YamlConfig.Require(t.Betas is { Length: 2 } && t.Betas.All(b => b is >= 0 and < 1), source, "training.betas", "must be two numbers in [0, 1)");
        YamlConfig.Require(t.EmaDecay is >= 0 and < 1, source, "training.ema_decay", $"must be in [0, 1), got {t.EmaDecay}");
        YamlConfig.Require(t.ValidateEvery >= 0, source, "training.validate_every", $"must be 0 (never) or positive, got {t.ValidateEvery}");
        YamlConfig.Require(t.ValidationSamples >= 2, source, "training.validation_samples", $"must be at least 2, got {t.ValidationSamples}");
        YamlConfig.Require(t.CheckpointEvery >= 1, source, "training.checkpoint_every", $"must be at least 1, got {t.CheckpointEvery}");
        YamlConfig.Require(t.Threads >= 0, source, "training.threads", $"must be 0 (libtorch's choice) or positive, got {t.Threads}");
        YamlConfig.Require(t.BestMetric is "pk_ratio_rms" or "pdf_l1" or "combined", source, "training.best_metric",
            $"must be pk_ratio_rms, pdf_l1 or combined, got '{t.BestMetric}'");
    }

    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, Json)!.AsObject();

    public static EmulatorConfig FromJson(JsonNode node) =>
        node.Deserialize<EmulatorConfig>(Json) ?? throw new ConfigException("checkpoint: config is empty");

    /// <summary>
    /// The settings that fix what a checkpoint means (data, transform, architecture, seeds); a resumed run may change
    /// only the step count and the logging cadence.
    /// </summary>
    public string Identity()
    {
        var o = ToJson();
        var t = o["training"]!.AsObject();
        foreach (var k in new[] { "steps", "validate_every", "validation_samples", "checkpoint_every", "threads" }) t.Remove(k);
        return o.ToJsonString();
    }
}

/// <summary>The training field set and how it is split and augmented.</summary>
public sealed class DataSettings
{
    /// <summary>Field set (HDF5) of density cubes; relative paths are relative to the working directory.</summary>
    public string Path { get; set; } = "";
    /// <summary>Fraction of the simulations (by seed, never by sub-cube) held out for validation during training.</summary>
    public double HeldOutFraction { get; set; } = 0.1;
    public ulong SplitSeed { get; set; } = 7;
    /// <summary>Random periodic shifts and the 48 symmetries of the cube.</summary>
    public bool Augment { get; set; } = true;
    /// <summary>Side of the training cubes; 0 means model.grid. Periodic crops when smaller than the stored cubes.</summary>
    public int CubeSize { get; set; }
}

/// <summary>The invertible density transform: rodriguez (a), log (epsilon), log_tail (pivot, ...).</summary>
public sealed class TransformSettings
{
    public string Name { get; set; } = "rodriguez";
    public Dictionary<string, double> Options { get; set; } = new();
}

/// <summary>WGAN-GP optimisation, EMA, validation and checkpoint cadence.</summary>
public sealed class TrainingSettings
{
    /// <summary>Generator updates (each preceded by n_critic critic updates).</summary>
    public int Steps { get; set; } = 2000;
    public int BatchSize { get; set; } = 16;
    public int NCritic { get; set; } = 5;
    public double GpLambda { get; set; } = 10;
    public double LrGenerator { get; set; } = 1e-4;
    public double LrCritic { get; set; } = 1e-4;
    public double[] Betas { get; set; } = [0.0, 0.9];
    /// <summary>Decay of the exponential moving average of the generator's weights (the EMA generator is what is shipped).</summary>
    public double EmaDecay { get; set; } = 0.999;
    public long Seed { get; set; } = 1;
    /// <summary>Generator steps between validation passes on the held-out simulations (0: never).</summary>
    public int ValidateEvery { get; set; } = 250;
    /// <summary>Cubes generated per validation pass.</summary>
    public int ValidationSamples { get; set; } = 32;
    public int CheckpointEvery { get; set; } = 50;
    /// <summary>libtorch intra-op threads (0: libtorch's choice). Resume with the same count for bit-identical weights.</summary>
    public int Threads { get; set; }
    /// <summary>Validation metric that picks the best checkpoint: pk_ratio_rms, pdf_l1 or combined (their sum).</summary>
    public string BestMetric { get; set; } = "combined";
}
