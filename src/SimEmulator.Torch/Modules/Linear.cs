using F = SimEmulator.Torch.torch.nn.functional;

namespace SimEmulator.Torch.Modules;

/// <summary>A layer whose weight may be recomputed before each forward (spectral norm sets it through a pre-hook).</summary>
public abstract class WeightedModule : Module
{
    private Tensor? computedWeight;

    /// <summary>The weight used by forward: the parameter, or the reparametrised tensor a hook computed.</summary>
    public Tensor weight => computedWeight ?? get_parameter("weight") ?? throw new InvalidOperationException($"{GetType().Name} has no weight");

    public Tensor? bias => has_parameter("bias") ? get_parameter("bias") : null;

    internal void SetComputedWeight(Tensor w)
    {
        var old = computedWeight;
        computedWeight = w;
        if (old is not null && !ReferenceEquals(old, w)) old.Dispose();
    }

    public override void Dispose()
    {
        computedWeight?.Dispose();
        base.Dispose();
    }
}

/// <summary>y = x Wᵀ + b (torch.nn.Linear); weight [out_features, in_features].</summary>
public sealed class Linear : WeightedModule
{
    public long in_features { get; }
    public long out_features { get; }

    public Linear(long in_features, long out_features, bool bias = true, Device? device = null, ScalarType? dtype = null)
    {
        this.in_features = in_features;
        this.out_features = out_features;
        using var w = torch.empty([out_features, in_features], dtype, device);
        register_parameter("weight", new Parameter(w));
        using var b = bias ? torch.empty([out_features], dtype, device) : null;
        register_parameter("bias", b is null ? null : new Parameter(b));
        reset_parameters();
    }

    public void reset_parameters() => init.reset_linear_like(weight, bias);

    public override Tensor forward(Tensor input) => F.linear(input, weight, bias);

    public override string ToString() => $"Linear(in_features={in_features}, out_features={out_features}, bias={bias is not null})";
}
