using SimEmulator.Torch;
using SimEmulator.Torch.Modules;
using F = SimEmulator.Torch.torch.nn.functional;

namespace SimEmulator.Emulator.Models;

/// <summary>
/// BigGAN-style critic block: [LeakyReLU] → Conv3d k3 → [norm] → LeakyReLU → Conv3d k3 → avg-pool ÷2, plus an
/// avg-pool + 1×1 conv shortcut. The first block skips the leading activation, since its input is the raw cube.
/// </summary>
internal sealed class ResidualDownBlock3d : Module
{
    private readonly bool first;
    private readonly Module conv1, conv2, skip;
    private readonly Module? norm;

    public ResidualDownBlock3d(ModelConfig c, long cin, long cout, bool first)
    {
        this.first = first;
        conv1 = register_module("conv1", CubeLayers.Conv(c, cin, cout, 3, padding: 1));
        if (CubeLayers.Norm(c, cout) is { } n) norm = register_module("norm", n);
        conv2 = register_module("conv2", CubeLayers.Conv(c, cout, cout, 3, padding: 1));
        skip = register_module("skip", CubeLayers.Conv(c, cin, cout, 1));
    }

    public override Tensor forward(Tensor x)
    {
        using var a = first ? x.alias() : F.leaky_relu(x, 0.2);
        using var h1 = conv1.call(a);
        using var n1 = norm is null ? h1.alias() : norm.call(h1);
        using var b = F.leaky_relu(n1, 0.2);
        using var h2 = conv2.call(b);
        using var p = F.avg_pool3d(h2, [2]);
        // Pooling before the 1×1 conv is the same linear map as after it, at an eighth of the cost.
        using var xp = F.avg_pool3d(x, [2]);
        using var s = skip.call(xp);
        return p + s;
    }
}
