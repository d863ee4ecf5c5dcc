using SimEmulator.Torch;

namespace SimEmulator.Tests.Torch;

public sealed class AutogradTests
{
    private static Tensor Leaf(params double[] v) => torch.tensor(v, requires_grad: true);

    [Fact]
    public void Backward_of_a_scalar_fills_the_leaf_gradients()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf(1, 2, 3);
        var w = Leaf(0.5, -1, 2);
        Assert.True(x.is_leaf);
        Assert.Null(x.grad);
        var y = (x * w).sum() + (x * x).sum(); // dy/dx = w + 2x, dy/dw = x
        Assert.False(y.is_leaf);
        Assert.True(y.requires_grad);
        y.backward();
        Assert.Equal([2.5, 3, 8], x.grad!.data<double>());
        Assert.Equal([1.0, 2, 3], w.grad!.data<double>());
    }

    [Fact]
    public void Backward_through_elementwise_functions_uses_their_derivatives()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf(0.5, 1, 2);
        (x.exp() + x.log() + x.sqrt() + x.pow(3) + 2 / x).sum().backward();
        // d/dx: eˣ + 1/x + 1/(2√x) + 3x² − 2/x²
        var expected = new[] { 0.5, 1, 2 }.Select(v => Math.Exp(v) + 1 / v + 0.5 / Math.Sqrt(v) + 3 * v * v - 2 / (v * v)).ToArray();
        var g = x.grad!.data<double>();
        for (var i = 0; i < 3; i++) Assert.Equal(expected[i], g[i], 12);
    }

    [Fact]
    public void Backward_of_a_non_scalar_needs_and_uses_an_explicit_gradient()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf(1, 2, 3);
        var y = x * x;
        Assert.Throws<TorchException>(() => y.backward()); // "grad can be implicitly created only for scalar outputs"
        y.backward(torch.tensor(new[] { 1.0, 0.1, 0.01 }));
        var g = x.grad!.data<double>();
        double[] expected = [2, 0.4, 0.06]; // 2x · v
        for (var i = 0; i < 3; i++) Assert.Equal(expected[i], g[i], 15);
    }

    [Fact]
    public void Retain_graph_allows_a_second_backward_and_gradients_accumulate()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf(3);
        var y = x * x * x; // dy/dx = 3x² = 27
        y.backward(retain_graph: true);
        Assert.Equal(27.0, x.grad!.item<double>());
        y.backward();
        Assert.Equal(54.0, x.grad!.item<double>()); // .grad accumulates across backward calls
        // The graph was freed by the second call, so a third one fails with libtorch's message.
        var e = Assert.Throws<TorchException>(() => y.backward());
        Assert.Contains("second time", e.Message);
    }

    [Fact]
    public void Zero_grad_drops_or_zeroes_the_gradient()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf(1, 2);
        (x * 4).sum().backward();
        Assert.True(x.has_grad);
        var held = x.grad!;
        x.zero_grad(set_to_none: false);
        Assert.True(x.has_grad);
        Assert.Equal([0.0, 0], x.grad!.data<double>());
        Assert.Equal([0.0, 0], held.data<double>()); // zeroed in place, so earlier handles see it
        (x * 2).sum().backward();
        Assert.Equal([2.0, 2], x.grad!.data<double>());
        x.zero_grad(); // set_to_none defaults to true, as in PyTorch 2
        Assert.False(x.has_grad);
        Assert.Null(x.grad);
        (x * 5).sum().backward();
        Assert.Equal([5.0, 5], x.grad!.data<double>()); // a fresh gradient, not added to the old one
    }

    [Fact]
    public void Grad_can_be_set_and_cleared_by_assignment()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf(1, 2);
        x.grad = torch.tensor(new[] { 10.0, 20 });
        (x * 1).sum().backward();
        Assert.Equal([11.0, 21], x.grad!.data<double>());
        x.grad = null;
        Assert.False(x.has_grad);
    }

    [Fact]
    public void Assigning_a_gradient_of_the_wrong_shape_dtype_or_itself_is_refused()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf(1, 2);
        // Python's x.grad = g checks these; a silently accepted mismatch would only fail later, inside an optimizer step.
        var e = Assert.Throws<TorchException>(() => x.grad = torch.ones([3], torch.float64));
        Assert.Contains("attempting to assign a gradient of size '[3]' to a tensor of size '[2]'", e.Message);
        var d = Assert.Throws<TorchException>(() => x.grad = torch.ones([2], torch.float32));
        Assert.Contains("dtype", d.Message);
        Assert.Throws<TorchException>(() => x.grad = x);
        Assert.False(x.has_grad);
        x.grad = torch.ones([2], torch.float64);
        Assert.Equal([1.0, 1], x.grad!.data<double>());
    }

    [Fact]
    public void Detach_stops_gradients_from_flowing()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf(2);
        var d = x.detach();
        Assert.False(d.requires_grad);
        var y = x * d; // treats d as a constant: dy/dx = d = 2, not 2x = 4
        y.backward();
        Assert.Equal(2.0, x.grad!.item<double>());
        // detach shares storage
        d.fill_(7);
        Assert.Equal(7.0, x.item<double>());
    }

    [Fact]
    public void No_grad_scope_records_nothing_and_restores_the_mode()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf(1, 2);
        Assert.True(torch.is_grad_enabled());
        Tensor y;
        using (torch.no_grad())
        {
            Assert.False(torch.is_grad_enabled());
            y = x * 2;
            using (torch.enable_grad())
            {
                Assert.True(torch.is_grad_enabled());
                Assert.True((x * 3).requires_grad);
            }
            Assert.False(torch.is_grad_enabled());
        }
        Assert.True(torch.is_grad_enabled());
        Assert.False(y.requires_grad);
        Assert.True(y.is_leaf);
        Assert.Throws<TorchException>(() => y.sum().backward()); // "does not require grad and does not have a grad_fn"
    }

    [Fact]
    public void Requires_grad_can_be_switched_on_a_leaf()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 1.0, 2 });
        Assert.False(x.requires_grad);
        x.requires_grad_();
        Assert.True(x.requires_grad);
        (x * x).sum().backward();
        Assert.Equal([2.0, 4], x.grad!.data<double>());
        var nonLeaf = x * 2;
        var e = Assert.Throws<TorchException>(() => nonLeaf.requires_grad = false); // only leaves may change it, as in PyTorch
        Assert.Contains("leaf variables", e.Message);
        Assert.True(nonLeaf.requires_grad);
    }

    [Fact]
    public void Retain_grad_keeps_the_gradient_of_an_intermediate()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf(1, 2);
        var h = (x * 3).retain_grad();
        (h * h).sum().backward();
        Assert.Equal([6.0, 12], h.grad!.data<double>()); // d(h²)/dh = 2h
        Assert.Equal([18.0, 36], x.grad!.data<double>()); // 2h · 3
    }

    [Fact]
    public void Autograd_grad_returns_weighted_gradients_without_touching_dot_grad()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf(1, 2, 3);
        var y = x * x;
        var v = torch.tensor(new[] { 1.0, -1, 0.5 });
        var g = torch.autograd.grad([y], [x], grad_outputs: [v])[0]!;
        Assert.Equal([2.0, -4, 3], g.data<double>()); // vᵀ ∂y/∂x = v · 2x
        Assert.Null(x.grad);
        Assert.False(g.requires_grad); // no create_graph: a plain tensor
    }

    [Fact]
    public void Create_graph_makes_the_gradient_differentiable_for_a_second_derivative()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf(-1, 0.5, 2);
        var y = x.pow(3).sum();
        var dy = torch.autograd.grad([y], [x], create_graph: true)[0]!;
        Assert.True(dy.requires_grad);
        Assert.Equal([3.0, 0.75, 12], dy.data<double>()); // 3x²
        var d2y = torch.autograd.grad([dy.sum()], [x], retain_graph: true)[0]!; // keep the graph for the backward below
        Assert.Equal([-6.0, 3, 12], d2y.data<double>()); // d²/dx² x³ = 6x
        // The same through backward(): accumulates 6x into .grad
        dy.sum().backward();
        Assert.Equal([-6.0, 3, 12], x.grad!.data<double>());
    }

    [Fact]
    public void Allow_unused_gives_null_for_an_input_the_output_does_not_depend_on()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf(1, 2);
        var unused = Leaf(5);
        var y = (x * 2).sum();
        var e = Assert.Throws<TorchException>(() => torch.autograd.grad([y], [x, unused], retain_graph: true));
        Assert.Contains("not have been used", e.Message);
        var gs = torch.autograd.grad([y], [x, unused], allow_unused: true);
        Assert.Equal([2.0, 2], gs[0]!.data<double>());
        Assert.Null(gs[1]);
    }

    [Fact]
    public void Gradients_flow_through_views_and_indexing()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(Enumerable.Range(0, 6).Select(i => (double)i).ToArray(), [2, 3], requires_grad: true);
        var y = x.t().reshape(6).index_select(0, torch.tensor(new long[] { 0, 0, 5 })).sum() + x.narrow(1, 1, 1).sum() * 10;
        y.backward();
        // x.t().reshape(6) lists x[0,0], x[1,0], x[0,1], ... so entries 0 and 5 are x[0,0] (twice) and x[1,2];
        // narrow(1, 1, 1) adds 10 to column 1.
        Assert.Equal([2.0, 10, 0, 0, 10, 1], x.grad!.data<double>());
    }

    [Fact]
    public void Gradients_of_reductions_and_matmul_match_hand_derivatives()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new[] { 1.0, 2, 3, 4 }, [2, 2], requires_grad: true);
        var b = torch.tensor(new[] { 5.0, 6, 7, 8 }, [2, 2], requires_grad: true);
        a.matmul(b).sum().backward();
        // d Σ(AB) / dA = 1 Bᵀ: row sums of B; d/dB = Aᵀ 1: column sums of A
        Assert.Equal([11.0, 15, 11, 15], a.grad!.data<double>());
        Assert.Equal([4.0, 4, 6, 6], b.grad!.data<double>());

        var x = Leaf(1, 2, 3, 6);
        x.mean().backward();
        Assert.Equal([0.25, 0.25, 0.25, 0.25], x.grad!.data<double>());
        x.zero_grad();
        x.norm().backward(); // x / ‖x‖, ‖x‖ = √50
        var g = x.grad!.data<double>();
        for (var i = 0; i < 4; i++) Assert.Equal(new[] { 1.0, 2, 3, 6 }[i] / Math.Sqrt(50), g[i], 15);
        x.zero_grad();
        x.var(unbiased: false).backward(); // 2 (x − mean)/N, mean 3
        Assert.Equal([-1.0, -0.5, 0, 1.5], x.grad!.data<double>());
    }
}
