using SimEmulator.Torch;
using SimEmulator.Torch.Modules;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Emulator.Models;

/// <summary>
/// DCGAN-style 3D generator: z → Linear → [C·4³] → ReLU → n × (ConvTranspose3d k4 s2 p1, ReLU) → 1 channel,
/// so the output side is 4·2ⁿ cells. Channels halve at each upsampling from base_channels.
/// </summary>
public sealed class DcganGenerator3d : Module
{
    public int latent_dim { get; }
    public int grid { get; }
    private readonly long baseChannels;
    private readonly Linear fc;
    private readonly Sequential net;

    public DcganGenerator3d(int latent_dim = 64, int grid = 32, long base_channels = 256, string padding_mode = "zeros")
    {
        var ups = UpsamplingSteps(grid);
        this.latent_dim = latent_dim;
        this.grid = grid;
        baseChannels = base_channels;
        fc = register_module("fc", nn.Linear(latent_dim, base_channels * 64));
        var layers = new List<Module> { nn.ReLU() };
        var c = base_channels;
        for (var i = 0; i < ups; i++)
        {
            var last = i == ups - 1;
            var next = last ? 1 : c / 2;
            layers.Add(nn.ConvTranspose3d(c, next, 4, stride: 2, padding: 1, padding_mode: padding_mode));
            if (!last) layers.Add(nn.ReLU());
            c = next;
        }
        net = register_module("net", nn.Sequential(layers.ToArray()));
    }

    internal static int UpsamplingSteps(int grid)
    {
        var ups = 0;
        for (var g = 4; g < grid; g *= 2) ups++;
        if (grid < 8 || 4 << ups != grid)
            throw new ArgumentException($"grid must be 4·2ⁿ with n ≥ 1 (8, 16, 32, 64, ...), got {grid}", nameof(grid));
        return ups;
    }

    /// <summary>z [B, latent_dim] → cubes [B, 1, grid, grid, grid].</summary>
    public override Tensor forward(Tensor z)
    {
        using var h = fc.call(z);
        using var v = h.view(z.shape[0], baseChannels, 4, 4, 4);
        return net.call(v);
    }
}
