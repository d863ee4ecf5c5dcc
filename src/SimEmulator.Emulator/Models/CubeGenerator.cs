using SimEmulator.Torch;
using SimEmulator.Torch.Modules;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Emulator.Models;

/// <summary>
/// 3D generator: z (with the conditions appended) → Linear → [C, 4, 4, 4] → Depth × ×2 upsampling → [1, Grid³].
/// "dcgan": ReLU, then (up, ReLU)… with the last up to 1 channel; "residual": BigGAN-lite residual up blocks, then
/// ReLU → Conv3d k3 → 1 channel. No activation at the end unless FinalTanh.
/// </summary>
public sealed class CubeGenerator : Module, IConditionalModule
{
    private readonly Linear fc;
    private readonly Sequential net;
    private readonly long seedChannels;

    public CubeGenerator(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        seedChannels = config.GeneratorChannelsAt(0);
        fc = register_module("fc", nn.Linear(config.LatentDim + config.Conditioning.Length, seedChannels * 64));
        var layers = new List<Module>();
        var n = config.Depth;
        if (config.Architecture == "dcgan")
        {
            layers.Add(nn.ReLU());
            for (var i = 0; i < n; i++)
            {
                var last = i == n - 1;
                layers.Add(CubeLayers.Up(config, config.GeneratorChannelsAt(i), last ? 1 : config.GeneratorChannelsAt(i + 1)));
                if (!last) layers.Add(nn.ReLU());
            }
        }
        else
        {
            for (var i = 0; i < n; i++)
                layers.Add(new ResidualUpBlock3d(config, config.GeneratorChannelsAt(i), config.GeneratorChannelsAt(i + 1)));
            layers.Add(nn.ReLU());
            layers.Add(CubeLayers.Conv(config, config.GeneratorChannelsAt(n), 1, 3, padding: 1));
        }
        if (config.FinalTanh) layers.Add(nn.Tanh());
        net = register_module("net", nn.Sequential(layers.ToArray()));
    }

    public ModelConfig Config { get; }

    public IReadOnlyList<string> ConditionNames => Config.Conditioning;

    /// <summary>z [B, LatentDim], conditions [B, Conditioning.Length] (null when unconditioned) → cubes [B, 1, Grid, Grid, Grid].</summary>
    public Tensor forward(Tensor z, Tensor? conditions)
    {
        if (z.dim() != 2 || z.shape[1] != Config.LatentDim)
            throw new ArgumentException($"generator latent must have shape [batch, {Config.LatentDim}], got {CubeLayers.Shape(z)}", nameof(z));
        using var c = CubeLayers.Conditions("generator", Config.Conditioning, z, conditions);
        using var input = c is null ? z.alias() : cat([z, c], 1);
        using var h = fc.call(input);
        using var seed = h.view(z.shape[0], seedChannels, 4, 4, 4);
        return Synthesize(seed);
    }

    /// <summary>Unconditioned generation: z [B, LatentDim] → cubes [B, 1, Grid, Grid, Grid].</summary>
    public override Tensor forward(Tensor z) => forward(z, null);

    /// <summary>
    /// The convolutional part alone: a seed [B, C, 4, 4, 4] (what the Linear makes of z) → cubes. With circular padding
    /// it commutes with periodic shifts: rolling the seed by one cell rolls the cube by Grid/4 cells.
    /// </summary>
    public Tensor Synthesize(Tensor seed)
    {
        if (seed.dim() != 5 || seed.shape[1] != seedChannels || seed.shape[2] != 4 || seed.shape[3] != 4 || seed.shape[4] != 4)
            throw new ArgumentException($"generator seed must have shape [batch, {seedChannels}, 4, 4, 4], got {CubeLayers.Shape(seed)}", nameof(seed));
        return net.call(seed);
    }

    public override string ToString() =>
        $"CubeGenerator({Config.Architecture}, grid={Config.Grid}, latent={Config.LatentDim}, channels={Config.GeneratorChannels}, upsampling={Config.Upsampling}, padding={Config.Padding}, parameters={num_parameters()})";
}
