using System.Text.Json;
using System.Text.Json.Nodes;

namespace SimEmulator.Emulator.Models;

/// <summary>Architecture of generator and critic; serialized into checkpoints and model.json.</summary>
public sealed record ModelConfig
{
    /// <summary>"dcgan" (plain strided convolutions) | "residual" (BigGAN-lite 3D residual blocks).</summary>
    public string Architecture { get; init; } = "dcgan";

    /// <summary>Output cube side in cells; 4·2ⁿ with n ≥ 1 (8, 16, 32, 64, …).</summary>
    public int Grid { get; init; } = 32;

    public int LatentDim { get; init; } = 64;

    /// <summary>Generator channels at 4³, halving per upsampling (never below 8).</summary>
    public int GeneratorChannels { get; init; } = 128;

    /// <summary>Critic channels at its last (4³) level, halving towards the input (never below 8).</summary>
    public int CriticChannels { get; init; } = 128;

    /// <summary>"transposed" (ConvTranspose3d k4 s2 p1) | "upsample" (nearest ×2 + Conv3d k3 p1, no checkerboard).</summary>
    public string Upsampling { get; init; } = "transposed";

    /// <summary>"circular" (periodic box: every convolution wraps around) | "zeros".</summary>
    public string Padding { get; init; } = "circular";

    /// <summary>
    /// "none" | "layer" (statistics over [C, D, H, W] with per-channel affine, i.e. GroupNorm(1, C)) | "instance"
    /// (InstanceNorm3d, affine). Never batch norm: it breaks the per-sample gradient penalty (Gulrajani et al. 2017).
    /// </summary>
    public string CriticNorm { get; init; } = "none";

    /// <summary>
    /// How the critic turns its 4³ features into a score: "mean" (average over space, then Linear: invariant to periodic
    /// shifts by multiples of the total stride, as a statistically homogeneous box should be) | "flatten" (Linear on all
    /// C·4³ features, the classic DCGAN head).
    /// </summary>
    public string CriticHead { get; init; } = "mean";

    /// <summary>"gaussian" | "student_t" (heavier tails, with <see cref="StudentTDof"/> degrees of freedom).</summary>
    public string LatentPrior { get; init; } = "gaussian";

    public double StudentTDof { get; init; } = 5;

    /// <summary>Names of the scalar parameters the models are conditioned on (e.g. sigma_8, omega_m, redshift), in column order.</summary>
    public string[] Conditioning { get; init; } = [];

    /// <summary>Ends the generator with tanh, for transforms that map δ into (−1, 1); off by default.</summary>
    public bool FinalTanh { get; init; }

    public static readonly string[] Architectures = ["dcgan", "residual"];
    public static readonly string[] UpsamplingModes = ["transposed", "upsample"];
    public static readonly string[] PaddingModes = ["circular", "zeros"];
    public static readonly string[] CriticNorms = ["none", "layer", "instance"];
    public static readonly string[] CriticHeads = ["mean", "flatten"];
    public static readonly string[] LatentPriors = ["gaussian", "student_t"];

    /// <summary>Number of ×2 upsamplings from 4³ to <see cref="Grid"/> (and of ÷2 downsamplings in the critic).</summary>
    public int Depth => System.Numerics.BitOperations.Log2((uint)(Grid / 4));

    /// <summary>Generator channels at 4³·2^level, level = 0…Depth.</summary>
    public int GeneratorChannelsAt(int level) => Math.Max(GeneratorChannels >> level, Math.Min(GeneratorChannels, 8));

    /// <summary>Critic channels after its level-th downsampling, level = 1…Depth (Depth is the 4³ level).</summary>
    public int CriticChannelsAt(int level) => Math.Max(CriticChannels >> (Depth - level), Math.Min(CriticChannels, 8));

    /// <summary>Throws an ArgumentException naming the first field that is out of range or not a known option.</summary>
    public void Validate()
    {
        OneOf(Architecture, Architectures, nameof(Architecture));
        if (Grid < 8 || (Grid & (Grid - 1)) != 0)
            throw new ArgumentException($"Grid must be 4·2ⁿ with n ≥ 1 (8, 16, 32, 64, 128, …), got {Grid}", nameof(Grid));
        Positive(LatentDim, nameof(LatentDim));
        Positive(GeneratorChannels, nameof(GeneratorChannels));
        Positive(CriticChannels, nameof(CriticChannels));
        OneOf(Upsampling, UpsamplingModes, nameof(Upsampling));
        OneOf(Padding, PaddingModes, nameof(Padding));
        OneOf(CriticNorm, CriticNorms, nameof(CriticNorm));
        OneOf(CriticHead, CriticHeads, nameof(CriticHead));
        OneOf(LatentPrior, LatentPriors, nameof(LatentPrior));
        if (!(StudentTDof > 0) || double.IsInfinity(StudentTDof))
            throw new ArgumentException($"StudentTDof must be a finite number > 0 (> 2 for a finite variance), got {StudentTDof}", nameof(StudentTDof));
        if (Conditioning is null)
            throw new ArgumentException("Conditioning must be an array of parameter names (empty when unconditioned), got null", nameof(Conditioning));
        for (var i = 0; i < Conditioning.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(Conditioning[i]))
                throw new ArgumentException($"Conditioning[{i}] is empty; each entry names a scalar parameter such as sigma_8", nameof(Conditioning));
            if (Array.IndexOf(Conditioning, Conditioning[i]) != i)
                throw new ArgumentException($"Conditioning names '{Conditioning[i]}' twice; each parameter may appear once", nameof(Conditioning));
        }
    }

    private static void OneOf(string? value, string[] options, string field)
    {
        if (value is null || !options.Contains(value))
            throw new ArgumentException($"{field} must be one of {string.Join(", ", options.Select(o => $"\"{o}\""))}, got \"{value}\"", field);
    }

    private static void Positive(int value, string field)
    {
        if (value < 1) throw new ArgumentException($"{field} must be ≥ 1, got {value}", field);
    }

    // ------------------------------------------------------------------ JSON
    private static readonly string[] Keys =
        ["architecture", "grid", "latent_dim", "generator_channels", "critic_channels", "upsampling", "padding", "critic_norm",
         "critic_head", "latent_prior", "student_t_dof", "conditioning", "final_tanh"];

    /// <summary>snake_case keys, every field written.</summary>
    public JsonObject ToJson() => new()
    {
        ["architecture"] = Architecture,
        ["grid"] = Grid,
        ["latent_dim"] = LatentDim,
        ["generator_channels"] = GeneratorChannels,
        ["critic_channels"] = CriticChannels,
        ["upsampling"] = Upsampling,
        ["padding"] = Padding,
        ["critic_norm"] = CriticNorm,
        ["critic_head"] = CriticHead,
        ["latent_prior"] = LatentPrior,
        ["student_t_dof"] = StudentTDof,
        ["conditioning"] = new JsonArray(Conditioning.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
        ["final_tanh"] = FinalTanh,
    };

    /// <summary>
    /// Reads what <see cref="ToJson"/> wrote; absent keys keep their defaults (older checkpoints), unknown keys and wrong
    /// types throw FormatException naming the key, and the result is validated.
    /// </summary>
    public static ModelConfig FromJson(JsonObject o)
    {
        ArgumentNullException.ThrowIfNull(o);
        foreach (var (k, _) in o)
            if (!Keys.Contains(k))
                throw new FormatException($"model config has unknown key \"{k}\"; known keys: {string.Join(", ", Keys)}");
        var d = new ModelConfig();
        var c = new ModelConfig
        {
            Architecture = Get(o, "architecture", d.Architecture),
            Grid = Get(o, "grid", d.Grid),
            LatentDim = Get(o, "latent_dim", d.LatentDim),
            GeneratorChannels = Get(o, "generator_channels", d.GeneratorChannels),
            CriticChannels = Get(o, "critic_channels", d.CriticChannels),
            Upsampling = Get(o, "upsampling", d.Upsampling),
            Padding = Get(o, "padding", d.Padding),
            CriticNorm = Get(o, "critic_norm", d.CriticNorm),
            CriticHead = Get(o, "critic_head", d.CriticHead),
            LatentPrior = Get(o, "latent_prior", d.LatentPrior),
            StudentTDof = Get(o, "student_t_dof", d.StudentTDof),
            Conditioning = Get(o, "conditioning", d.Conditioning),
            FinalTanh = Get(o, "final_tanh", d.FinalTanh),
        };
        c.Validate();
        return c;
    }

    private static T Get<T>(JsonObject o, string key, T fallback)
    {
        if (!o.TryGetPropertyValue(key, out var node)) return fallback;
        try
        {
            return node is null ? throw new FormatException($"model config \"{key}\" is null") : node.Deserialize<T>()!;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"model config \"{key}\" must be {typeof(T).Name}, got {node!.ToJsonString()}", e);
        }
    }

    // ------------------------------------------------------------------ value equality (arrays compare by content)
    public bool Equals(ModelConfig? other) =>
        other is not null && Architecture == other.Architecture && Grid == other.Grid && LatentDim == other.LatentDim
        && GeneratorChannels == other.GeneratorChannels && CriticChannels == other.CriticChannels && Upsampling == other.Upsampling
        && Padding == other.Padding && CriticNorm == other.CriticNorm && CriticHead == other.CriticHead && LatentPrior == other.LatentPrior
        && StudentTDof.Equals(other.StudentTDof) && FinalTanh == other.FinalTanh
        && (Conditioning ?? []).SequenceEqual(other.Conditioning ?? []);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Architecture); h.Add(Grid); h.Add(LatentDim); h.Add(GeneratorChannels); h.Add(CriticChannels); h.Add(Upsampling);
        h.Add(Padding); h.Add(CriticNorm); h.Add(CriticHead); h.Add(LatentPrior); h.Add(StudentTDof); h.Add(FinalTanh);
        foreach (var c in Conditioning ?? []) h.Add(c);
        return h.ToHashCode();
    }
}
