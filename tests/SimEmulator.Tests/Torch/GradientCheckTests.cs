using SimEmulator.Torch;
using Xunit.Abstractions;
using F = SimEmulator.Torch.torch.nn.functional;

namespace SimEmulator.Tests.Torch;

/// <summary>
/// Autograd of the layers the emulator trains, against central finite differences in float64 (GradCheck):
/// each test differentiates sum(out ⊙ R) for a fixed random R, with respect to the input and every weight,
/// and requires a relative error below 1e-6 at ~20 random coordinates per tensor.
/// </summary>
public sealed class GradientCheckTests(ITestOutputHelper log)
{
    private static Tensor Leaf(Generator g, params long[] shape) => torch.randn(shape, torch.float64, generator: g, requires_grad: true);
    private static Tensor Fixed(Generator g, params long[] shape) => torch.randn(shape, torch.float64, generator: g);

    [Fact]
    public void Conv3d_with_bias_stride_2_padding_1_has_correct_gradients()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(100);
        var x = Leaf(g, 2, 2, 5, 5, 5);
        var w = Leaf(g, 3, 2, 3, 3, 3);
        var b = Leaf(g, 3);
        var r = Fixed(g, 2, 3, 3, 3, 3);
        GradCheck.AssertGradientsMatch(() => (F.conv3d(x, w, b, stride: [2], padding: [1]) * r).sum(), [("x", x), ("weight", w), ("bias", b)], log: log);
    }

    [Fact]
    public void Conv_transpose3d_with_stride_2_padding_1_output_padding_1_has_correct_gradients()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(101);
        var x = Leaf(g, 2, 2, 3, 3, 3);
        var w = Leaf(g, 2, 3, 3, 3, 3); // (in, out, k, k, k)
        var b = Leaf(g, 3);
        var r = Fixed(g, 2, 3, 6, 6, 6); // (3 − 1)·2 − 2 + 3 + 1 = 6
        GradCheck.AssertGradientsMatch(
            () => (F.conv_transpose3d(x, w, b, stride: [2], padding: [1], output_padding: [1]) * r).sum(),
            [("x", x), ("weight", w), ("bias", b)], log: log);
    }

    [Fact]
    public void Linear_has_correct_gradients()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(102);
        var x = Leaf(g, 4, 5);
        var w = Leaf(g, 3, 5);
        var b = Leaf(g, 3);
        var r = Fixed(g, 4, 3);
        GradCheck.AssertGradientsMatch(() => (F.linear(x, w, b) * r).sum(), [("x", x), ("weight", w), ("bias", b)], log: log);
    }

    [Fact]
    public void Batch_norm_in_training_has_correct_gradients()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(103);
        var x = Leaf(g, 2, 2, 3, 3, 3);
        var w = Leaf(g, 2);
        var b = Leaf(g, 2);
        var r = Fixed(g, 2, 2, 3, 3, 3);
        // Batch statistics couple every element of a channel, so every input coordinate affects every output.
        GradCheck.AssertGradientsMatch(() => (F.batch_norm(x, null, null, w, b, training: true) * r).sum(),
            [("x", x), ("weight", w), ("bias", b)], log: log);
    }

    [Fact]
    public void Instance_norm_has_correct_gradients()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(104);
        var x = Leaf(g, 2, 2, 3, 3, 3);
        var w = Leaf(g, 2);
        var b = Leaf(g, 2);
        var r = Fixed(g, 2, 2, 3, 3, 3);
        GradCheck.AssertGradientsMatch(() => (F.instance_norm(x, weight: w, bias: b) * r).sum(), [("x", x), ("weight", w), ("bias", b)], log: log);
    }

    [Fact]
    public void Layer_norm_has_correct_gradients()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(105);
        var x = Leaf(g, 2, 3, 4);
        var w = Leaf(g, 3, 4);
        var b = Leaf(g, 3, 4);
        var r = Fixed(g, 2, 3, 4);
        GradCheck.AssertGradientsMatch(() => (F.layer_norm(x, [3, 4], w, b) * r).sum(), [("x", x), ("weight", w), ("bias", b)], log: log);
    }

    [Fact]
    public void Group_norm_has_correct_gradients()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(106);
        var x = Leaf(g, 2, 4, 3, 3, 3);
        var w = Leaf(g, 4);
        var b = Leaf(g, 4);
        var r = Fixed(g, 2, 4, 3, 3, 3);
        GradCheck.AssertGradientsMatch(() => (F.group_norm(x, 2, w, b) * r).sum(), [("x", x), ("weight", w), ("bias", b)], log: log);
    }

    [Fact]
    public void Leaky_relu_has_correct_gradients_for_its_input_and_upstream_weights()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(107);
        var x = Leaf(g, 3, 5);
        var w = Leaf(g, 4, 5);
        var b = Leaf(g, 4);
        var r1 = Fixed(g, 3, 5);
        var r2 = Fixed(g, 3, 4);
        // leaky_relu has a kink at 0; a ±h step crosses it only if an argument lies within ~h·Σ|x| ≈ 1e-5 of 0.
        // These seeds put every argument more than 1e-3 away, checked here rather than assumed.
        using (torch.no_grad())
        {
            Assert.True(x.abs().min().item<double>() > 1e-3);
            Assert.True(F.linear(x, w, b).abs().min().item<double>() > 1e-3);
        }
        GradCheck.AssertGradientsMatch(() => (F.leaky_relu(x, 0.2) * r1).sum(), [("x", x)], coordinates: 15, log: log);
        GradCheck.AssertGradientsMatch(() => (F.leaky_relu(F.linear(x, w, b), 0.2) * r2).sum(), [("x", x), ("weight", w), ("bias", b)], log: log);
    }

    [Fact]
    public void Gradient_penalty_of_a_conv3d_critic_has_correct_parameter_gradients()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(108);
        // D(x) = linear(leaky_relu(conv3d(x, W1, b1, stride 2), 0.2).flatten(1), W2, b2); x: (2, 1, 5, 5, 5) → conv (2, 2, 2, 2, 2) → 16 features
        var x = Leaf(g, 2, 1, 5, 5, 5);
        var w1 = Leaf(g, 2, 1, 3, 3, 3);
        var b1 = Leaf(g, 2);
        var w2 = Leaf(g, 1, 16);
        var b2 = Leaf(g, 1);

        Tensor Critic(Tensor input) => F.linear(F.leaky_relu(F.conv3d(input, w1, b1, stride: [2]), 0.2).flatten(1), w2, b2);

        // GP(θ) = mean over the batch of (‖∂D/∂x‖₂ − 1)², WGAN-GP's penalty; create_graph keeps ∂D/∂x differentiable in θ.
        Tensor Penalty()
        {
            var dx = torch.autograd.grad([Critic(x).sum()], [x], create_graph: true)[0]!;
            return (dx.flatten(1).norm(2, [1]) - 1).square().mean();
        }

        // ∂D/∂x depends on θ through leaky_relu′, which jumps where a conv output crosses 0. A ±h step in W1 moves a conv
        // output by at most h·Σ|x| over its 27-voxel window (≈ 1e-4); this seed keeps every conv output at least 1e-2 away.
        using (torch.no_grad())
            Assert.True(F.conv3d(x, w1, b1, stride: [2]).abs().min().item<double>() > 1e-2);

        var gp = Penalty();
        Assert.True(gp.item<double>() > 0.1); // a penalty far from its minimum, so its gradient is not trivially 0
        GradCheck.AssertGradientsMatch(Penalty, [("W1", w1), ("W2", w2)], log: log);
    }

    [Fact]
    public void Gradient_checker_catches_a_wrong_gradient()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(109);
        var x = Leaf(g, 6);
        // x·detach(x) has true derivative 2x, but autograd sees only x (the detached factor is a constant).
        var worst = GradCheck.Compare(() => (x * x.detach()).sum(), [("x", x)]);
        Assert.True(worst[0].RelativeError > 0.1, worst[0].ToString());
    }
}
