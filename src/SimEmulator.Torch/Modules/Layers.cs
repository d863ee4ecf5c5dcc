using F = SimEmulator.Torch.torch.nn.functional;

namespace SimEmulator.Torch.Modules;

/// <summary>Runs its children in order (torch.nn.Sequential); children are named "0", "1", ...</summary>
public sealed class Sequential : Module
{
    private readonly List<Module> layers = new();

    public Sequential(params Module[] modules)
    {
        foreach (var m in modules) append(m);
    }

    public Sequential(params (string name, Module module)[] modules)
    {
        foreach (var (n, m) in modules)
        {
            register_module(n, m);
            layers.Add(m);
        }
    }

    public Sequential append(Module m)
    {
        register_module(layers.Count.ToString(), m);
        layers.Add(m);
        return this;
    }

    public int Count => layers.Count;
    public Module this[int i] => layers[i];

    // Intermediate activations are freed as soon as the next layer has consumed them; autograd keeps what it needs.
    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var m in layers)
        {
            var y = m.call(x);
            if (!ReferenceEquals(x, input)) x.Dispose();
            x = y;
        }
        return ReferenceEquals(x, input) ? x.alias() : x;
    }
}

/// <summary>An activation or other parameter-free function as a module.</summary>
public sealed class Lambda(string name, Func<Tensor, Tensor> f) : Module
{
    public override Tensor forward(Tensor input) => f(input);
    public override string ToString() => name;
}

public sealed class ReLU : Module { public override Tensor forward(Tensor x) => x.relu(); }
public sealed class Tanh : Module { public override Tensor forward(Tensor x) => x.tanh(); }
public sealed class Sigmoid : Module { public override Tensor forward(Tensor x) => x.sigmoid(); }
public sealed class SiLU : Module { public override Tensor forward(Tensor x) => F.silu(x); }
public sealed class Identity : Module { public override Tensor forward(Tensor x) => x.alias(); }

public sealed class LeakyReLU(double negative_slope = 0.01) : Module
{
    public double negative_slope { get; } = negative_slope;
    public override Tensor forward(Tensor x) => F.leaky_relu(x, negative_slope);
    public override string ToString() => $"LeakyReLU(negative_slope={negative_slope})";
}

public sealed class ELU(double alpha = 1.0) : Module
{
    public override Tensor forward(Tensor x) => F.elu(x, alpha);
}

public sealed class GELU(string approximate = "none") : Module
{
    public override Tensor forward(Tensor x) => F.gelu(x, approximate);
}

public sealed class Softplus(double beta = 1, double threshold = 20) : Module
{
    public override Tensor forward(Tensor x) => F.softplus(x, beta, threshold);
}

/// <summary>Zeroes elements with probability p during training and scales the rest by 1/(1−p); identity in eval.</summary>
public sealed class Dropout(double p = 0.5) : Module
{
    public double p { get; } = p is >= 0 and <= 1 ? p : throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");
    public override Tensor forward(Tensor x) => F.dropout(x, p, training);
}

/// <summary>Flattens dims start_dim..end_dim (torch.nn.Flatten; default keeps the batch dim).</summary>
public sealed class Flatten(long start_dim = 1, long end_dim = -1) : Module
{
    public override Tensor forward(Tensor x) => x.flatten(start_dim, end_dim);
}

/// <summary>Reshapes dim into the given sizes (torch.nn.Unflatten), e.g. [B, C·4³] → [B, C, 4, 4, 4].</summary>
public sealed class Unflatten(long dim, long[] unflattened_size) : Module
{
    public override Tensor forward(Tensor x)
    {
        var s = x.shape.ToList();
        var d = (int)(dim < 0 ? dim + s.Count : dim);
        s.RemoveAt(d);
        s.InsertRange(d, unflattened_size);
        return x.reshape(s.ToArray());
    }
}

/// <summary>Resamples by scale_factor or to size (torch.nn.Upsample); mode nearest|linear|bilinear|trilinear|bicubic.</summary>
public sealed class Upsample(long[]? size = null, double[]? scale_factor = null, string mode = "nearest", bool? align_corners = null) : Module
{
    public override Tensor forward(Tensor x) => F.interpolate(x, size, scale_factor, mode, align_corners);
}
