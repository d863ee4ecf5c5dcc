using SimEmulator.Torch;
using SimEmulator.Torch.Modules;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Emulator.Models;

/// <summary>
/// 3D WGAN critic mirroring <see cref="CubeGenerator"/>: Depth × ÷2 (Conv3d k4 s2 p1 + LeakyReLU 0.2 for "dcgan",
/// residual down blocks with avg-pool for "residual"), optional layer/instance norm, then a head on the 4³ features φ.
/// Conditions enter as a projection term (Miyato &amp; Koyama 2018): score = w·φ + b + ⟨V c, φ⟩, so unlike concatenation
/// before the last Linear they change how the critic judges the cube, not just its offset.
/// </summary>
public sealed class CubeCritic : Module, IConditionalModule
{
    private readonly Sequential net;
    private readonly Linear head;
    private readonly Linear? projection;

    public CubeCritic(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        var layers = new List<Module>();
        var n = config.Depth;
        long prev = 1;
        for (var level = 1; level <= n; level++)
        {
            long c = config.CriticChannelsAt(level);
            if (config.Architecture == "dcgan")
            {
                layers.Add(CubeLayers.Conv(config, prev, c, 4, stride: 2, padding: 1));
                // No norm on the first layer (DCGAN convention: normalising the raw cube throws away its amplitude).
                if (level > 1 && CubeLayers.Norm(config, c) is { } norm) layers.Add(norm);
                layers.Add(CubeLayers.CriticActivation());
            }
            else
            {
                layers.Add(new ResidualDownBlock3d(config, prev, c, first: level == 1));
            }
            prev = c;
        }
        if (config.Architecture == "residual") layers.Add(CubeLayers.CriticActivation());
        net = register_module("net", nn.Sequential(layers.ToArray()));
        var features = config.CriticHead == "flatten" ? prev * 64 : prev;
        head = register_module("head", nn.Linear(features, 1));
        if (config.Conditioning.Length > 0)
            projection = register_module("projection", nn.Linear(config.Conditioning.Length, features, bias: false));
    }

    public ModelConfig Config { get; }

    public IReadOnlyList<string> ConditionNames => Config.Conditioning;

    /// <summary>cubes [B, 1, Grid, Grid, Grid], conditions [B, Conditioning.Length] (null when unconditioned) → scores [B, 1].</summary>
    public Tensor forward(Tensor x, Tensor? conditions)
    {
        var g = Config.Grid;
        if (x.dim() != 5 || x.shape[1] != 1 || x.shape[2] != g || x.shape[3] != g || x.shape[4] != g)
            throw new ArgumentException($"critic input must have shape [batch, 1, {g}, {g}, {g}], got {CubeLayers.Shape(x)}", nameof(x));
        using var c = CubeLayers.Conditions("critic", Config.Conditioning, x, conditions);
        using var h = net.call(x);
        using var phi = Config.CriticHead == "flatten" ? h.flatten(1) : h.mean([2L, 3L, 4L]);
        var score = head.call(phi);
        if (projection is null) return score;
        using (score)
        {
            using var v = projection.call(c!);
            using var vphi = v * phi;
            using var proj = vphi.sum(1L, keepdim: true);
            return score + proj;
        }
    }

    /// <summary>Unconditioned scoring: cubes [B, 1, Grid, Grid, Grid] → scores [B, 1].</summary>
    public override Tensor forward(Tensor x) => forward(x, null);

    public override string ToString() =>
        $"CubeCritic({Config.Architecture}, grid={Config.Grid}, channels={Config.CriticChannels}, norm={Config.CriticNorm}, head={Config.CriticHead}, padding={Config.Padding}, parameters={num_parameters()})";
}
