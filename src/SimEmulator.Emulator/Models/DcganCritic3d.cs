using SimEmulator.Torch;
using SimEmulator.Torch.Modules;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Emulator.Models;

/// <summary>
/// The generator's mirror: n × (Conv3d k4 s2 p1, LeakyReLU 0.2) from 1 channel up to base_channels, then
/// Linear → 1 score. No batch norm, as Gulrajani et al. advise for WGAN-GP critics.
/// </summary>
public sealed class DcganCritic3d : Module
{
    private readonly Sequential net;

    public DcganCritic3d(int grid = 32, long base_channels = 256, double negative_slope = 0.2, string padding_mode = "zeros")
    {
        var downs = DcganGenerator3d.UpsamplingSteps(grid);
        var layers = new List<Module>();
        var c = base_channels >> (downs - 1);
        long prev = 1;
        for (var i = 0; i < downs; i++)
        {
            layers.Add(nn.Conv3d(prev, c, 4, stride: 2, padding: 1, padding_mode: padding_mode));
            layers.Add(nn.LeakyReLU(negative_slope));
            prev = c;
            c *= 2;
        }
        layers.Add(nn.Flatten());
        layers.Add(nn.Linear(prev * 64, 1));
        net = register_module("net", nn.Sequential(layers.ToArray()));
    }

    /// <summary>cubes [B, 1, n, n, n] → scores [B, 1].</summary>
    public override Tensor forward(Tensor x) => net.call(x);
}
