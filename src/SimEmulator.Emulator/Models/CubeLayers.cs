using SimEmulator.Torch;
using SimEmulator.Torch.Modules;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Emulator.Models;

/// <summary>The layer recipes generator and critic share, with the config's padding applied to every convolution.</summary>
internal static class CubeLayers
{
    public static Conv3d Conv(ModelConfig c, long cin, long cout, long kernel, long stride = 1, long padding = 0) =>
        nn.Conv3d(cin, cout, kernel, stride, padding, padding_mode: kernel == 1 ? "zeros" : c.Padding);

    /// <summary>×2 upsampling: ConvTranspose3d k4 s2 p1, or nearest ×2 followed by Conv3d k3 p1.</summary>
    public static Module Up(ModelConfig c, long cin, long cout) => c.Upsampling == "transposed"
        ? nn.ConvTranspose3d(cin, cout, 4, stride: 2, padding: 1, padding_mode: c.Padding)
        : nn.Sequential(nn.Upsample(2.0), Conv(c, cin, cout, 3, padding: 1));

    /// <summary>The configured critic normalisation for `channels` channels, or null for "none".</summary>
    public static Module? Norm(ModelConfig c, long channels) => c.CriticNorm switch
    {
        "layer" => nn.GroupNorm(1, channels),
        "instance" => nn.InstanceNorm3d(channels, affine: true),
        _ => null,
    };

    public static LeakyReLU CriticActivation() => nn.LeakyReLU(0.2);

    /// <summary>
    /// Checks the conditions against the model's condition names and the batch, and returns them in the input's dtype
    /// and device (a new tensor the caller disposes), or null for an unconditioned model.
    /// </summary>
    public static Tensor? Conditions(string model, string[] names, Tensor input, Tensor? conditions)
    {
        if (names.Length == 0)
        {
            if (conditions is not null && conditions.numel() > 0)
                throw new ArgumentException($"this {model} is unconditioned, but conditions of shape {Shape(conditions)} were passed", nameof(conditions));
            return null;
        }
        if (conditions is null)
            throw new ArgumentException(
                $"this {model} is conditioned on [{string.Join(", ", names)}]; pass conditions of shape [{input.shape[0]}, {names.Length}]", nameof(conditions));
        if (conditions.dim() != 2 || conditions.shape[0] != input.shape[0] || conditions.shape[1] != names.Length)
            throw new ArgumentException(
                $"{model} conditions must have shape [{input.shape[0]}, {names.Length}] (batch × [{string.Join(", ", names)}]), got {Shape(conditions)}",
                nameof(conditions));
        return conditions.to(input.device, input.dtype);
    }

    public static string Shape(Tensor t) => $"[{string.Join(", ", t.shape)}]";
}
