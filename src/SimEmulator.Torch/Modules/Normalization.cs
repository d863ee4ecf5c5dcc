using F = SimEmulator.Torch.torch.nn.functional;

namespace SimEmulator.Torch.Modules;

/// <summary>Registration shared by the normalisation layers: affine weight/bias (ones/zeros) and running statistics.</summary>
internal static class NormParameters
{
    public static void RegisterAffine(Module m, long[] shape, Device? device, ScalarType? dtype)
    {
        using var w = torch.ones(shape, dtype, device);
        using var b = torch.zeros(shape, dtype, device);
        m.register_parameter("weight", new Parameter(w));
        m.register_parameter("bias", new Parameter(b));
    }

    public static void RegisterRunningStats(Module m, long num_features, Device? device, ScalarType? dtype)
    {
        m.register_buffer("running_mean", torch.zeros([num_features], dtype, device));
        m.register_buffer("running_var", torch.ones([num_features], dtype, device));
        m.register_buffer("num_batches_tracked", torch.zeros([], torch.int64, device));
    }

    public static Tensor? Weight(Module m) => m.has_parameter("weight") ? m.get_parameter("weight") : null;
    public static Tensor? Bias(Module m) => m.has_parameter("bias") ? m.get_parameter("bias") : null;
}

/// <summary>BatchNorm1d/2d/3d (torch.nn.BatchNormNd): batch statistics in training, running ones in eval.</summary>
public class BatchNorm : Module
{
    public long num_features { get; }
    public double eps { get; }
    public double? momentum { get; }
    public bool affine { get; }
    public bool track_running_stats { get; }
    private readonly int expectedDims;

    public BatchNorm(int nd, long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool track_running_stats = true,
        Device? device = null, ScalarType? dtype = null)
    {
        this.num_features = num_features;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.track_running_stats = track_running_stats;
        expectedDims = nd + 2;
        if (affine) NormParameters.RegisterAffine(this, [num_features], device, dtype);
        if (track_running_stats) NormParameters.RegisterRunningStats(this, num_features, device, dtype);
    }

    public override Tensor forward(Tensor input)
    {
        if (input.dim() != expectedDims && !(expectedDims == 3 && input.dim() == 2))
            throw new ArgumentException($"{GetType().Name} expects a {expectedDims}-D input (N, C, ...), got shape [{string.Join(", ", input.shape)}]");
        var mean = track_running_stats ? get_buffer("running_mean") : null;
        var var = track_running_stats ? get_buffer("running_var") : null;
        var factor = momentum ?? 0.0;
        if (training && track_running_stats)
        {
            var n = get_buffer("num_batches_tracked")!;
            n.add_(1L);
            if (momentum is null) factor = 1.0 / n.item<long>();
        }
        var useBatchStats = training || !track_running_stats;
        return F.batch_norm(input, useBatchStats && !training ? null : mean, useBatchStats && !training ? null : var,
            NormParameters.Weight(this), NormParameters.Bias(this), useBatchStats, factor, eps);
    }
}

public sealed class BatchNorm1d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool track_running_stats = true, Device? device = null, ScalarType? dtype = null)
    : BatchNorm(1, num_features, eps, momentum, affine, track_running_stats, device, dtype);
public sealed class BatchNorm2d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool track_running_stats = true, Device? device = null, ScalarType? dtype = null)
    : BatchNorm(2, num_features, eps, momentum, affine, track_running_stats, device, dtype);
public sealed class BatchNorm3d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool track_running_stats = true, Device? device = null, ScalarType? dtype = null)
    : BatchNorm(3, num_features, eps, momentum, affine, track_running_stats, device, dtype);

/// <summary>InstanceNorm2d/3d (torch.nn.InstanceNormNd): per-sample, per-channel statistics; affine off by default.</summary>
public class InstanceNorm : Module
{
    public long num_features { get; }
    public double eps { get; }
    public double momentum { get; }
    public bool affine { get; }
    public bool track_running_stats { get; }

    public InstanceNorm(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = false, bool track_running_stats = false,
        Device? device = null, ScalarType? dtype = null)
    {
        this.num_features = num_features;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.track_running_stats = track_running_stats;
        if (affine) NormParameters.RegisterAffine(this, [num_features], device, dtype);
        if (track_running_stats) NormParameters.RegisterRunningStats(this, num_features, device, dtype);
    }

    public override Tensor forward(Tensor input) =>
        F.instance_norm(input,
            track_running_stats ? get_buffer("running_mean") : null,
            track_running_stats ? get_buffer("running_var") : null,
            NormParameters.Weight(this),
            NormParameters.Bias(this),
            training || !track_running_stats, momentum, eps);
}

public sealed class InstanceNorm2d(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = false, bool track_running_stats = false, Device? device = null, ScalarType? dtype = null)
    : InstanceNorm(num_features, eps, momentum, affine, track_running_stats, device, dtype);
public sealed class InstanceNorm3d(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = false, bool track_running_stats = false, Device? device = null, ScalarType? dtype = null)
    : InstanceNorm(num_features, eps, momentum, affine, track_running_stats, device, dtype);

/// <summary>LayerNorm over the trailing normalized_shape dims (torch.nn.LayerNorm).</summary>
public sealed class LayerNorm : Module
{
    public long[] normalized_shape { get; }
    public double eps { get; }

    public LayerNorm(long[] normalized_shape, double eps = 1e-5, bool elementwise_affine = true, Device? device = null, ScalarType? dtype = null)
    {
        this.normalized_shape = normalized_shape;
        this.eps = eps;
        if (elementwise_affine) NormParameters.RegisterAffine(this, normalized_shape, device, dtype);
    }

    public override Tensor forward(Tensor input) =>
        F.layer_norm(input, normalized_shape, NormParameters.Weight(this), NormParameters.Bias(this), eps);
}

/// <summary>GroupNorm (torch.nn.GroupNorm): statistics over channel groups, independent of the batch.</summary>
public sealed class GroupNorm : Module
{
    public long num_groups { get; }
    public long num_channels { get; }
    public double eps { get; }

    public GroupNorm(long num_groups, long num_channels, double eps = 1e-5, bool affine = true, Device? device = null, ScalarType? dtype = null)
    {
        if (num_channels % num_groups != 0)
            throw new ArgumentException($"num_channels ({num_channels}) must be divisible by num_groups ({num_groups})");
        this.num_groups = num_groups;
        this.num_channels = num_channels;
        this.eps = eps;
        if (affine) NormParameters.RegisterAffine(this, [num_channels], device, dtype);
    }

    public override Tensor forward(Tensor input) =>
        F.group_norm(input, num_groups, NormParameters.Weight(this), NormParameters.Bias(this), eps);
}
