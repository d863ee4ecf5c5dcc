using SimEmulator.Torch;
using SimEmulator.Torch.Modules;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Emulator.Models;

/// <summary>
/// BigGAN-style generator block without class-conditional norm: ReLU → ×2 up (conv) → ReLU → Conv3d k3, plus a
/// nearest ×2 + 1×1 conv shortcut. Doubles the side, cin → cout channels.
/// </summary>
internal sealed class ResidualUpBlock3d : Module
{
    private readonly Module up, conv, skip;

    public ResidualUpBlock3d(ModelConfig c, long cin, long cout)
    {
        up = register_module("up", CubeLayers.Up(c, cin, cout));
        conv = register_module("conv", CubeLayers.Conv(c, cout, cout, 3, padding: 1));
        skip = register_module("skip", CubeLayers.Conv(c, cin, cout, 1));
    }

    public override Tensor forward(Tensor x)
    {
        using var a = x.relu();
        using var u = up.call(a);
        using var b = u.relu();
        using var h = conv.call(b);
        using var xu = nn.functional.interpolate(x, scale_factor: [2.0], mode: "nearest");
        using var s = skip.call(xu);
        return h + s;
    }
}
