using F = SimEmulator.Torch.torch.nn.functional;

namespace SimEmulator.Torch.Modules;

/// <summary>What every convolution layer shares: geometry, padding mode, weight and bias with PyTorch's initialisation.</summary>
public abstract class ConvBase : WeightedModule
{
    public int nd { get; }
    public long in_channels { get; }
    public long out_channels { get; }
    public long[] kernel_size { get; }
    public long[] stride { get; }
    public long[] padding { get; }
    public long[] dilation { get; }
    public long groups { get; }
    public string padding_mode { get; }

    /// <summary>Validates the geometry and registers weight ([out, in/g, k…], or [in, out/g, k…] when transposed) and bias.</summary>
    protected ConvBase(int nd, bool transposed, long in_channels, long out_channels, long[] kernel_size, long[]? stride, long[]? padding,
        long[]? dilation, long groups, bool bias, string padding_mode, string[] padding_modes, Device? device, ScalarType? dtype)
    {
        if (groups < 1 || in_channels % groups != 0 || out_channels % groups != 0)
            throw new ArgumentException($"in_channels ({in_channels}) and out_channels ({out_channels}) must be divisible by groups ({groups})");
        if (!padding_modes.Contains(padding_mode))
            throw new ArgumentException($"{GetType().Name} padding_mode '{padding_mode}' is not one of {string.Join(", ", padding_modes)}", nameof(padding_mode));
        this.nd = nd;
        this.in_channels = in_channels;
        this.out_channels = out_channels;
        this.kernel_size = Rep(kernel_size, nd, nameof(kernel_size));
        this.stride = Rep(stride ?? [1], nd, nameof(stride));
        this.padding = Rep(padding ?? [0], nd, nameof(padding));
        this.dilation = Rep(dilation ?? [1], nd, nameof(dilation));
        this.groups = groups;
        this.padding_mode = padding_mode;
        long[] wshape = transposed
            ? [in_channels, out_channels / groups, .. this.kernel_size]
            : [out_channels, in_channels / groups, .. this.kernel_size];
        using var w = torch.empty(wshape, dtype, device);
        register_parameter("weight", new Parameter(w));
        using var b = bias ? torch.empty([out_channels], dtype, device) : null;
        register_parameter("bias", b is null ? null : new Parameter(b));
        init.reset_linear_like(weight, this.bias);
    }

    internal static long[] Rep(long[] v, int nd, string name) =>
        v.Length == nd ? v : v.Length == 1 ? Enumerable.Repeat(v[0], nd).ToArray()
            : throw new ArgumentException($"'{name}' needs 1 or {nd} values, got {v.Length}", name);

    /// <summary>F.pad's order: last dim first, (before, after) pairs.</summary>
    internal static long[] PadPairs(long[] padding) =>
        padding.Reverse().SelectMany(p => new[] { p, p }).ToArray();
}

/// <summary>
/// Conv1d/2d/3d (torch.nn.ConvNd). padding_mode "zeros" pads inside the convolution; "circular", "reflect" and
/// "replicate" pad explicitly first, so periodic boxes keep their topology with "circular".
/// </summary>
public class ConvNd : ConvBase
{
    public ConvNd(int nd, long in_channels, long out_channels, long[] kernel_size, long[]? stride, long[]? padding, long[]? dilation,
        long groups, bool bias, string padding_mode, Device? device, ScalarType? dtype)
        : base(nd, false, in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode,
            ["zeros", "circular", "reflect", "replicate"], device, dtype)
    {
    }


    public override Tensor forward(Tensor input)
    {
        if (padding_mode == "zeros")
            return Conv(input, padding);
        using var padded = F.pad(input, PadPairs(padding), padding_mode);
        return Conv(padded, [0]);
    }

    private Tensor Conv(Tensor x, long[] pad) => nd switch
    {
        1 => F.conv1d(x, weight, bias, stride, pad, dilation, groups),
        2 => F.conv2d(x, weight, bias, stride, pad, dilation, groups),
        _ => F.conv3d(x, weight, bias, stride, pad, dilation, groups),
    };

    public override string ToString() =>
        $"Conv{nd}d({in_channels}, {out_channels}, kernel_size=({string.Join(", ", kernel_size)}), stride=({string.Join(", ", stride)}), padding=({string.Join(", ", padding)}), padding_mode={padding_mode})";
}

public sealed class Conv1d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1,
    long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null)
    : ConvNd(1, in_channels, out_channels, [kernel_size], [stride], [padding], [dilation], groups, bias, padding_mode, device, dtype);

public sealed class Conv2d(long in_channels, long out_channels, long[] kernel_size, long[]? stride = null, long[]? padding = null, long[]? dilation = null,
    long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null)
    : ConvNd(2, in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode, device, dtype);

public sealed class Conv3d(long in_channels, long out_channels, long[] kernel_size, long[]? stride = null, long[]? padding = null, long[]? dilation = null,
    long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null)
    : ConvNd(3, in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode, device, dtype);

/// <summary>
/// ConvTranspose2d/3d (torch.nn.ConvTransposeNd); weight [in, out/groups, k...]. padding_mode "circular" is the
/// adjoint of a circular convolution: the full transposed output is wrapped periodically onto the output grid
/// instead of being cropped, so a generator's upsampling respects a periodic box. (PyTorch accepts only "zeros".)
/// </summary>
public class ConvTransposeNd : ConvBase
{
    public long[] output_padding { get; }

    public ConvTransposeNd(int nd, long in_channels, long out_channels, long[] kernel_size, long[]? stride, long[]? padding,
        long[]? output_padding, long groups, bool bias, long[]? dilation, string padding_mode, Device? device, ScalarType? dtype)
        : base(nd, true, in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode, ["zeros", "circular"], device, dtype)
    {
        this.output_padding = Rep(output_padding ?? [0], nd, nameof(output_padding));
    }

    public override Tensor forward(Tensor input)
    {
        if (padding_mode == "zeros")
            return Deconv(input, padding, output_padding, bias);

        // Full output without cropping or bias, then fold index i onto (i - padding) mod L_out per spatial dim.
        var spatial = input.shape[^nd..];
        var y = Deconv(input, [0], [0], null);
        for (var d = 0; d < nd; d++)
        {
            var dim = y.dim() - nd + d;
            var lout = (spatial[d] - 1) * stride[d] - 2 * padding[d] + dilation[d] * (kernel_size[d] - 1) + output_padding[d] + 1;
            var lfull = y.shape[dim];
            var blocks = (lfull + lout - 1) / lout;
            var padRight = new long[2 * (y.dim() - 2)];
            padRight[2 * (nd - 1 - d) + 1] = blocks * lout - lfull;
            using var padded = F.pad(y, padRight);
            var s = padded.shape.ToList();
            s[dim] = blocks;
            s.Insert(dim + 1, lout);
            using var split = padded.view(s.ToArray());
            using var folded = split.sum(dim);
            y.Dispose();
            y = folded.roll(-padding[d], dim);
        }
        if (bias is null) return y;
        var bshape = Enumerable.Repeat(1L, nd + 2).ToArray();
        bshape[1] = out_channels;
        using var bv = bias.view(bshape);
        using (y) return y + bv;
    }

    private Tensor Deconv(Tensor x, long[] pad, long[] outPad, Tensor? b) => nd switch
    {
        1 => F.conv_transpose1d(x, weight, b, stride, pad, outPad, groups, dilation),
        2 => F.conv_transpose2d(x, weight, b, stride, pad, outPad, groups, dilation),
        _ => F.conv_transpose3d(x, weight, b, stride, pad, outPad, groups, dilation),
    };

    public override string ToString() =>
        $"ConvTranspose{nd}d({in_channels}, {out_channels}, kernel_size=({string.Join(", ", kernel_size)}), stride=({string.Join(", ", stride)}), padding=({string.Join(", ", padding)}), padding_mode={padding_mode})";
}

public sealed class ConvTranspose2d(long in_channels, long out_channels, long[] kernel_size, long[]? stride = null, long[]? padding = null,
    long[]? output_padding = null, long groups = 1, bool bias = true, long[]? dilation = null, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null)
    : ConvTransposeNd(2, in_channels, out_channels, kernel_size, stride, padding, output_padding, groups, bias, dilation, padding_mode, device, dtype);

public sealed class ConvTranspose3d(long in_channels, long out_channels, long[] kernel_size, long[]? stride = null, long[]? padding = null,
    long[]? output_padding = null, long groups = 1, bool bias = true, long[]? dilation = null, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null)
    : ConvTransposeNd(3, in_channels, out_channels, kernel_size, stride, padding, output_padding, groups, bias, dilation, padding_mode, device, dtype);
