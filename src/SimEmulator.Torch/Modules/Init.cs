namespace SimEmulator.Torch.Modules;

/// <summary>torch.nn.init: in-place parameter initialisers, drawing from the global generator unless one is given.</summary>
public static class init
{
    /// <summary>(fan_in, fan_out) as PyTorch computes them: dims 1 and 0 times the receptive field.</summary>
    public static (long fan_in, long fan_out) calculate_fan_in_and_fan_out(Tensor t)
    {
        var s = t.shape;
        if (s.Length < 2) throw new ArgumentException("fan in and fan out need a tensor with at least 2 dims");
        long receptive = 1;
        for (var i = 2; i < s.Length; i++) receptive *= s[i];
        return (s[1] * receptive, s[0] * receptive);
    }

    public static double calculate_gain(string nonlinearity, double param = 0.01) => nonlinearity switch
    {
        "linear" or "conv1d" or "conv2d" or "conv3d" or "conv_transpose1d" or "conv_transpose2d" or "conv_transpose3d" or "sigmoid" => 1,
        "tanh" => 5.0 / 3,
        "relu" => Math.Sqrt(2),
        "leaky_relu" => Math.Sqrt(2.0 / (1 + param * param)),
        "selu" => 3.0 / 4,
        _ => throw new ArgumentException($"no gain for nonlinearity '{nonlinearity}'", nameof(nonlinearity)),
    };

    public static Tensor uniform_(Tensor t, double a = 0, double b = 1, Generator? generator = null) => t.uniform_(a, b, generator);
    public static Tensor normal_(Tensor t, double mean = 0, double std = 1, Generator? generator = null) => t.normal_(mean, std, generator);
    public static Tensor zeros_(Tensor t) { using (torch.no_grad()) return t.zero_(); }
    public static Tensor ones_(Tensor t) { using (torch.no_grad()) return t.fill_(1); }
    public static Tensor constant_(Tensor t, double value) { using (torch.no_grad()) return t.fill_(value); }

    public static Tensor kaiming_uniform_(Tensor t, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu", Generator? generator = null)
    {
        var (fi, fo) = calculate_fan_in_and_fan_out(t);
        var fan = mode == "fan_in" ? fi : fo;
        var bound = calculate_gain(nonlinearity, a) * Math.Sqrt(3.0 / fan);
        return t.uniform_(-bound, bound, generator);
    }

    public static Tensor kaiming_normal_(Tensor t, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu", Generator? generator = null)
    {
        var (fi, fo) = calculate_fan_in_and_fan_out(t);
        var fan = mode == "fan_in" ? fi : fo;
        return t.normal_(0, calculate_gain(nonlinearity, a) / Math.Sqrt(fan), generator);
    }

    public static Tensor xavier_uniform_(Tensor t, double gain = 1, Generator? generator = null)
    {
        var (fi, fo) = calculate_fan_in_and_fan_out(t);
        var bound = gain * Math.Sqrt(6.0 / (fi + fo));
        return t.uniform_(-bound, bound, generator);
    }

    public static Tensor xavier_normal_(Tensor t, double gain = 1, Generator? generator = null)
    {
        var (fi, fo) = calculate_fan_in_and_fan_out(t);
        return t.normal_(0, gain * Math.Sqrt(2.0 / (fi + fo)), generator);
    }

    /// <summary>PyTorch's default for Linear and ConvNd: kaiming_uniform_(a=√5) weights, U(±1/√fan_in) bias.</summary>
    internal static void reset_linear_like(Tensor weight, Tensor? bias)
    {
        kaiming_uniform_(weight, a: Math.Sqrt(5));
        if (bias is null) return;
        var (fan_in, _) = calculate_fan_in_and_fan_out(weight);
        var bound = fan_in > 0 ? 1 / Math.Sqrt(fan_in) : 0;
        bias.uniform_(-bound, bound);
    }
}
