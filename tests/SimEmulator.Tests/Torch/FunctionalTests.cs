using SimEmulator.Torch;
using F = SimEmulator.Torch.torch.nn.functional;

using static SimEmulator.Tests.Torch.TensorAssert;

namespace SimEmulator.Tests.Torch;

public sealed class FunctionalTests
{
    private static Tensor D(double[] v, params long[] shape) => torch.tensor(v, shape);

    // ------------------------------------------------------------------ convolutions
    [Fact]
    public void Conv1d_is_a_cross_correlation_with_stride_padding_and_bias()
    {
        using var scope = torch.NewDisposeScope();
        var x = D([1, 2, 3, 4, 5], 1, 1, 5);
        var w = D([1, 2, 3], 1, 1, 3);
        // out[i] = x[i] + 2 x[i+1] + 3 x[i+2] (no kernel flip): 1+4+9, 2+6+12, 3+8+15; plus bias 0.5
        AssertClose([14.5, 20.5, 26.5], F.conv1d(x, w, D([0.5], 1)), 1e-12);
        // padding 1, stride 2: windows (0,1,2), (2,3,4), (4,5,0) → 0+2+6, 2+6+12, 4+10+0
        AssertClose([8, 20, 14], F.conv1d(x, w, stride: [2], padding: [1]), 1e-12);
        // dilation 2: x[i] + 2 x[i+2] + 3 x[i+4] = 1 + 6 + 15
        AssertClose([22], F.conv1d(x, w, dilation: [2]), 1e-12);
    }

    [Fact]
    public void Conv2d_sums_over_input_channels_into_each_output_channel()
    {
        using var scope = torch.NewDisposeScope();
        // channel 0 = [[1,2,3],[4,5,6],[7,8,9]], channel 1 = all ones
        var x = D([1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 1, 1, 1, 1, 1, 1, 1, 1], 1, 2, 3, 3);
        // out channel 0: x0[i,j] − x0[i+1,j+1] (= −4) plus 2·x1[i+1,j+1] (= 2) → −2 everywhere
        // out channel 1: x0[i,j] + x0[i,j+1] (top-left pair sums 3, 5, 9, 11), channel 1 unused
        var w = D([1, 0, 0, -1, 0, 0, 0, 2,
                   1, 1, 0, 0, 0, 0, 0, 0], 2, 2, 2, 2);
        var y = F.conv2d(x, w, D([0, 10], 2));
        Assert.Equal([1L, 2, 2, 2], y.shape);
        AssertClose([-2, -2, -2, -2, 13, 15, 19, 21], y, 1e-12);
        // groups = 2: each output channel sees only its own input channel
        var wg = D([1, 0, 0, -1, 1, 1, 1, 1], 2, 1, 2, 2);
        AssertClose([-4, -4, -4, -4, 4, 4, 4, 4], F.conv2d(x, wg, groups: 2), 1e-12);
    }

    [Fact]
    public void Conv3d_matches_a_brute_force_loop()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(10);
        var x = torch.randn([2, 2, 5, 5, 5], torch.float64, generator: g);
        var w = torch.randn([3, 2, 3, 3, 3], torch.float64, generator: g);
        var b = torch.randn([3], torch.float64, generator: g);
        var y = F.conv3d(x, w, b, stride: [2], padding: [1]);
        Assert.Equal([2L, 3, 3, 3, 3], y.shape); // floor((5 + 2 − 3) / 2) + 1 = 3
        var xs = x.data<double>();
        var ws = w.data<double>();
        var bs = b.data<double>();
        var expected = new double[2 * 3 * 27];
        for (int n = 0, o = 0; n < 2; n++)
            for (var co = 0; co < 3; co++)
                for (var i = 0; i < 3; i++)
                    for (var j = 0; j < 3; j++)
                        for (var k = 0; k < 3; k++, o++)
                        {
                            var s = bs[co];
                            for (var ci = 0; ci < 2; ci++)
                                for (var a = 0; a < 3; a++)
                                    for (var bb = 0; bb < 3; bb++)
                                        for (var c = 0; c < 3; c++)
                                        {
                                            int zi = 2 * i - 1 + a, zj = 2 * j - 1 + bb, zk = 2 * k - 1 + c;
                                            if (zi < 0 || zj < 0 || zk < 0 || zi >= 5 || zj >= 5 || zk >= 5) continue;
                                            s += ws[(((co * 2 + ci) * 3 + a) * 3 + bb) * 3 + c] * xs[(((n * 2 + ci) * 5 + zi) * 5 + zj) * 5 + zk];
                                        }
                            expected[o] = s;
                        }
        AssertClose(expected, y, 1e-12);
    }

    [Fact]
    public void Conv_transpose1d_scatters_each_input_times_the_kernel()
    {
        using var scope = torch.NewDisposeScope();
        var x = D([1, 2], 1, 1, 2);
        var w = D([1, 10, 100], 1, 1, 3); // (in, out, k)
        // stride 2: 1·[1,10,100] at 0..2 plus 2·[1,10,100] at 2..4
        AssertClose([1, 10, 102, 20, 200], F.conv_transpose1d(x, w, stride: [2]), 0);
        // padding 1 trims one element from each end; output_padding 1 gives one back at the end
        AssertClose([10, 102, 20], F.conv_transpose1d(x, w, stride: [2], padding: [1]), 0);
        AssertClose([10, 102, 20, 200], F.conv_transpose1d(x, w, stride: [2], padding: [1], output_padding: [1]), 0);
        AssertClose([3, 21, 205, 41, 401], F.conv_transpose1d(x, w * 2, D([1], 1), stride: [2]), 0); // 2·(above) + bias 1
    }

    [Fact]
    public void Conv_transpose3d_is_the_adjoint_of_conv3d()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(11);
        // ⟨conv3d(x, W), y⟩ = ⟨x, conv_transpose3d(y, W)⟩ for the same weight, stride and padding (definition of the transpose).
        var x = torch.randn([2, 3, 6, 6, 6], torch.float64, generator: g);
        var w = torch.randn([4, 3, 3, 3, 3], torch.float64, generator: g);
        var y = torch.randn([2, 4, 3, 3, 3], torch.float64, generator: g);
        var cx = F.conv3d(x, w, stride: [2], padding: [1]);
        Assert.Equal(y.shape, cx.shape);
        var ty = F.conv_transpose3d(y, w, stride: [2], padding: [1], output_padding: [1]);
        Assert.Equal(x.shape, ty.shape); // (3 − 1)·2 − 2 + 3 + 1 = 6
        var lhs = (cx * y).sum().item<double>();
        var rhs = (x * ty).sum().item<double>();
        Assert.Equal(lhs, rhs, 9);
    }

    [Fact]
    public void Linear_computes_x_times_W_transposed_plus_b()
    {
        using var scope = torch.NewDisposeScope();
        var x = D([1, 2, 3, 4, 5, 6], 2, 3);
        var w = D([1, 0, -1, 2, 2, 2], 2, 3);
        var b = D([0.5, -1], 2);
        // rows: (1 − 3 + .5, 2·6 − 1), (4 − 6 + .5, 2·15 − 1)
        AssertClose([-1.5, 11, -1.5, 29], F.linear(x, w, b), 1e-12);
        AssertClose([-2, 12, -2, 30], F.linear(x, w), 1e-12);
        Assert.Equal([4L, 2, 2], F.linear(torch.zeros([4, 2, 3], torch.float64), w).shape); // leading dims pass through
    }

    // ------------------------------------------------------------------ padding and resampling
    [Theory]
    [InlineData("constant", new[] { 9.0, 9, 1, 2, 3, 9 })]
    [InlineData("reflect", new[] { 3.0, 2, 1, 2, 3, 2 })]   // mirror without repeating the edge
    [InlineData("replicate", new[] { 1.0, 1, 1, 2, 3, 3 })] // repeat the edge
    [InlineData("circular", new[] { 2.0, 3, 1, 2, 3, 1 })]  // wrap around
    public void Pad_left_2_right_1_matches_hand_values(string mode, double[] expected)
    {
        using var scope = torch.NewDisposeScope();
        var x = D([1, 2, 3], 1, 1, 3);
        var y = F.pad(x, [2, 1], mode, value: 9);
        Assert.Equal([1L, 1, 6], y.shape);
        AssertClose(expected, y, 0);
    }

    [Fact]
    public void Pad_of_2d_pads_the_last_dim_first_then_the_one_before()
    {
        using var scope = torch.NewDisposeScope();
        var x = D([1, 2, 3, 4], 1, 1, 2, 2);
        // (left 1, right 0, top 0, bottom 1)
        AssertClose([0, 1, 2, 0, 3, 4, 0, 0, 0], F.pad(x, [1, 0, 0, 1]), 0);
        // reflect on 2-D: left/right 1 then top/bottom 1
        var r = F.pad(D([1, 2, 3, 4, 5, 6, 7, 8, 9], 1, 1, 3, 3), [1, 1, 1, 1], "reflect");
        Assert.Equal([1L, 1, 5, 5], r.shape);
        AssertClose([5, 4, 5, 6, 5], r[0][0][0], 0); // top padding row mirrors row 1
        AssertClose([2, 1, 2, 3, 2], r[0][0][1], 0);
    }

    [Fact]
    public void Circular_3d_pad_wraps_a_periodic_box()
    {
        using var scope = torch.NewDisposeScope();
        // Periodic boxes are padded circularly before a convolution: out[i, j, k] = x[(i − 1) mod 3, (j − 2) mod 3, (k − 1) mod 3].
        var x = torch.arange(0.0, 27.0, 1.0, torch.float64).view(1, 1, 3, 3, 3);
        var y = F.pad(x, [1, 1, 2, 0, 1, 0], "circular"); // (left, right) on k, (top, bottom) on j, (front, back) on i
        Assert.Equal([1L, 1, 4, 5, 5], y.shape);
        var expected = new double[4 * 5 * 5];
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 5; j++)
                for (var k = 0; k < 5; k++)
                    expected[(i * 5 + j) * 5 + k] = 9 * ((i + 2) % 3) + 3 * ((j + 1) % 3) + (k + 2) % 3;
        AssertClose(expected, y, 0);
        var r = F.pad(x, [1, 1, 1, 1, 1, 1], "replicate");
        Assert.Equal(0.0, r[0][0][0][0][0].item<double>());
        Assert.Equal(26.0, r[0][0][4][4][4].item<double>());
    }

    [Fact]
    public void Nearest_interpolation_repeats_samples()
    {
        using var scope = torch.NewDisposeScope();
        AssertClose([1, 1, 2, 2, 3, 3], F.interpolate(D([1, 2, 3], 1, 1, 3), scale_factor: [2]), 0);
        var y = F.interpolate(D([1, 2, 3, 4], 1, 1, 2, 2), size: [4]);
        Assert.Equal([1L, 1, 4, 4], y.shape);
        AssertClose([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4], y, 0);
        // 3-D nearest doubling copies each voxel into a 2×2×2 block: out[i, j, k] = x[i/2, j/2, k/2]
        var v = torch.arange(0.0, 8.0, 1.0, torch.float64).view(1, 1, 2, 2, 2);
        var up = F.interpolate(v, scale_factor: [2]);
        Assert.Equal([1L, 1, 4, 4, 4], up.shape);
        AssertClose(Enumerable.Range(0, 64).Select(n => 4.0 * (n / 16 / 2) + 2 * (n / 4 % 4 / 2) + n % 4 / 2).ToArray(), up, 0);
        // Downsampling by nearest takes the sample at floor(i · in / out)
        AssertClose([1, 3], F.interpolate(D([1, 2, 3, 4], 1, 1, 4), size: [2]), 0);
    }

    [Fact]
    public void Trilinear_interpolation_reproduces_a_linear_field()
    {
        using var scope = torch.NewDisposeScope();
        // f(i, j, k) = i + 2j + 4k on a 2³ grid. With align_corners = false and scale 2, output index d samples
        // source coordinate max(0, (d + 0.5)/2 − 0.5) clamped to the last sample: p = [0, 0.25, 0.75, 1] (PyTorch's rule).
        var x = D([0, 4, 2, 6, 1, 5, 3, 7], 1, 1, 2, 2, 2);
        var y = F.interpolate(x, scale_factor: [2], mode: "trilinear");
        Assert.Equal([1L, 1, 4, 4, 4], y.shape);
        double[] p = [0, 0.25, 0.75, 1];
        var expected = new double[64];
        for (var a = 0; a < 4; a++)
            for (var b = 0; b < 4; b++)
                for (var c = 0; c < 4; c++)
                    expected[(a * 4 + b) * 4 + c] = p[a] + 2 * p[b] + 4 * p[c];
        AssertClose(expected, y, 1e-12);
        // align_corners = true maps the corners onto each other: d / (out − 1) · (in − 1) = [0, 0.5, 1]
        var yc = F.interpolate(x, size: [3], mode: "trilinear", align_corners: true);
        double[] q = [0, 0.5, 1];
        var expectedC = new double[27];
        for (var a = 0; a < 3; a++)
            for (var b = 0; b < 3; b++)
                for (var c = 0; c < 3; c++)
                    expectedC[(a * 3 + b) * 3 + c] = q[a] + 2 * q[b] + 4 * q[c];
        AssertClose(expectedC, yc, 1e-12);
    }

    [Fact]
    public void Avg_and_max_pool_reduce_each_window()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.arange(0.0, 16.0, 1.0, torch.float64).view(1, 1, 4, 4);
        AssertClose([5, 7, 13, 15], F.max_pool2d(x, [2]), 0);
        AssertClose([2.5, 4.5, 10.5, 12.5], F.avg_pool2d(x, [2]), 0);
        // 3×3 windows with stride 1: the centres are x[1..2, 1..2]; mean of a 3×3 block of a linear ramp is its centre
        AssertClose([5, 6, 9, 10], F.avg_pool2d(x, [3], stride: [1]), 1e-12);
        AssertClose([10, 11, 14, 15], F.max_pool2d(x, [3], stride: [1]), 0);
        var v = torch.arange(0.0, 64.0, 1.0, torch.float64).view(1, 1, 4, 4, 4);
        // 2³ blocks of the ramp 16a + 4b + c: max at the far corner, mean at the centre (+ 21 + 0.5·(16+4+1))
        AssertClose([21, 23, 29, 31, 53, 55, 61, 63], F.max_pool3d(v, [2]), 0);
        AssertClose([10.5, 12.5, 18.5, 20.5, 42.5, 44.5, 50.5, 52.5], F.avg_pool3d(v, [2]), 1e-12);
        AssertClose([31.5], F.adaptive_avg_pool3d(v, [1]), 1e-12);
    }

    // ------------------------------------------------------------------ normalisation
    private static Tensor ManualNorm(Tensor x, long[] dims, double eps) =>
        (x - x.mean(dims, keepdim: true)) / (x.var(dims, unbiased: false, keepdim: true) + eps).sqrt();

    [Fact]
    public void Batch_norm_in_training_normalises_each_channel_over_batch_and_space()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(20);
        var x = torch.randn([4, 3, 5], torch.float64, generator: g) * 3 + 1;
        var w = torch.tensor(new[] { 1.0, 2, -0.5 });
        var b = torch.tensor(new[] { 0.0, 1, 3 });
        var rm = torch.zeros([3], torch.float64);
        var rv = torch.ones([3], torch.float64);
        var y = F.batch_norm(x, rm, rv, w, b, training: true, momentum: 0.1, eps: 1e-5);
        var expected = ManualNorm(x, [0, 2], 1e-5) * w.view(1, 3, 1) + b.view(1, 3, 1);
        AssertClose(expected.data<double>(), y, 1e-12);
        // Running stats move 10% of the way to the batch mean and the unbiased batch variance (PyTorch's rule).
        AssertClose((x.mean([0, 2]) * 0.1).data<double>(), rm, 1e-12);
        AssertClose((x.var([0, 2]) * 0.1 + 0.9).data<double>(), rv, 1e-12);
    }

    [Fact]
    public void Batch_norm_in_eval_uses_the_running_statistics()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 1.0, 2, 3, 4 }, [2, 2]);
        var rm = torch.tensor(new[] { 1.0, -1 });
        var rv = torch.tensor(new[] { 4.0, 0.25 });
        var y = F.batch_norm(x, rm, rv, training: false, eps: 0);
        AssertClose([0, 6, 1, 10], y, 1e-12); // (x − μ)/σ per column: (1−1)/2, (2+1)/.5, (3−1)/2, (4+1)/.5
        AssertClose([1, -1], rm, 0);                 // eval leaves the running stats alone
    }

    [Fact]
    public void Normalising_a_single_value_in_training_is_refused_as_in_PyTorch()
    {
        using var scope = torch.NewDisposeScope();
        // One sample per channel has zero variance: libtorch alone would silently return the bias. PyTorch's Python layer raises.
        var e = Assert.Throws<ArgumentException>(() => F.batch_norm(torch.ones(1, 3), null, null, training: true));
        Assert.Contains("Expected more than 1 value per channel when training, got input size [1, 3]", e.Message);
        Assert.Throws<ArgumentException>(() => F.batch_norm(torch.ones(1, 3, 1, 1, 1), null, null, training: true));
        Assert.Contains("more than 1 spatial element", Assert.Throws<ArgumentException>(() => F.instance_norm(torch.ones(2, 3, 1, 1, 1))).Message);
        // Batch 1 with space, or a batch without space, is fine; so is eval with running statistics.
        Assert.Equal([1L, 3, 2], F.batch_norm(torch.randn(1, 3, 2), null, null, training: true).shape);
        Assert.Equal([2L, 3], F.batch_norm(torch.randn(2, 3), null, null, training: true).shape);
        Assert.Equal([1L, 3], F.batch_norm(torch.ones(1, 3), torch.zeros(3), torch.ones(3)).shape);
    }

    [Fact]
    public void Instance_layer_and_group_norm_match_manual_normalisation()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(21);
        var x = torch.randn([2, 4, 3, 3], torch.float64, generator: g) * 2 - 1;

        var inst = F.instance_norm(x);
        AssertClose(ManualNorm(x, [2, 3], 1e-5).data<double>(), inst, 1e-12);

        var ln = F.layer_norm(x, [3, 3]);
        AssertClose(ManualNorm(x, [2, 3], 1e-5).data<double>(), ln, 1e-12);
        var lw = torch.randn([4, 3, 3], torch.float64, generator: g);
        var lb = torch.randn([4, 3, 3], torch.float64, generator: g);
        var ln2 = F.layer_norm(x, [4, 3, 3], lw, lb);
        AssertClose((ManualNorm(x, [1, 2, 3], 1e-5) * lw + lb).data<double>(), ln2, 1e-12);

        var gw = torch.tensor(new[] { 1.0, 2, 3, 4 });
        var gb = torch.tensor(new[] { 0.5, 0, 0, -0.5 });
        var gn = F.group_norm(x, 2, gw, gb);
        var grouped = ManualNorm(x.view(2, 2, 2 * 9), [2], 1e-5).view(2, 4, 3, 3);
        AssertClose((grouped * gw.view(1, 4, 1, 1) + gb.view(1, 4, 1, 1)).data<double>(), gn, 1e-12);
    }

    // ------------------------------------------------------------------ activations
    private static readonly double[] Xs = [-3, -1.5, -0.2, 0, 0.3, 1, 2.5];

    private static void AssertActivation(Func<double, double> f, Tensor y, double tol) => AssertClose(Xs.Select(f).ToArray(), y, tol);

    // erf by its Maclaurin series (converges for all x; for |x| ≤ 3 the largest term is ~190, so ~1e-13 accuracy).
    private static double Erf(double x)
    {
        double sum = 0, term = x;
        for (var n = 0; n < 80; n++)
        {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    [Fact]
    public void Activations_match_their_formulas()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(Xs);
        AssertActivation(v => Math.Max(v, 0), F.relu(x), 0);
        AssertActivation(v => v > 0 ? v : 0.2 * v, F.leaky_relu(x, 0.2), 1e-15);
        AssertActivation(v => v > 0 ? v : 0.01 * v, F.leaky_relu(x), 1e-15); // PyTorch's default slope
        AssertActivation(v => v > 0 ? v : Math.Exp(v) - 1, F.elu(x), 1e-15);
        AssertActivation(v => v > 0 ? v : 0.5 * (Math.Exp(v) - 1), F.elu(x, 0.5), 1e-15);
        AssertActivation(v => 0.5 * v * (1 + Erf(v / Math.Sqrt(2))), F.gelu(x), 1e-12);
        AssertActivation(v => 0.5 * v * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v))), F.gelu(x, "tanh"), 1e-12);
        AssertActivation(v => v / (1 + Math.Exp(-v)), F.silu(x), 1e-15);
        AssertActivation(v => Math.Tanh(v), F.tanh(x), 1e-15);
        AssertActivation(v => 1 / (1 + Math.Exp(-v)), F.sigmoid(x), 1e-15);
        AssertActivation(v => Math.Log(1 + Math.Exp(v)), F.softplus(x), 1e-15);
        // softplus(β, threshold) = log(1 + e^{βx})/β, switching to x where βx > threshold
        AssertActivation(v => 2 * v > 3 ? v : Math.Log(1 + Math.Exp(2 * v)) / 2, F.softplus(x, 2, 3), 1e-15);
        AssertActivation(v => Math.Clamp(v, -1, 1), F.hardtanh(x), 0);
    }

    [Fact]
    public void Softmax_rows_sum_to_one_and_log_softmax_is_its_log()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 1.0, 2, 3, 0, 0, 0 }, [2, 3]);
        var z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        AssertClose([Math.Exp(1) / z, Math.Exp(2) / z, Math.Exp(3) / z, 1 / 3.0, 1 / 3.0, 1 / 3.0], F.softmax(x, 1), 1e-15);
        AssertClose([1 - Math.Log(z), 2 - Math.Log(z), 3 - Math.Log(z), -Math.Log(3), -Math.Log(3), -Math.Log(3)], F.log_softmax(x, -1), 1e-14);
    }

    // ------------------------------------------------------------------ dropout
    [Fact]
    public void Dropout_is_the_identity_with_p_zero_or_in_eval()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(30);
        var x = torch.randn([1000], torch.float64, generator: g);
        Assert.Equal(x.data<double>(), F.dropout(x, 0.0).data<double>());
        Assert.Equal(x.data<double>(), F.dropout(x, 0.7, training: false).data<double>());
        Assert.Throws<ArgumentOutOfRangeException>(() => F.dropout(x, 1.5));
    }

    [Fact]
    public void Dropout_in_training_zeroes_a_fraction_p_and_scales_survivors()
    {
        using var scope = torch.NewDisposeScope();
        const int n = 100_000;
        const double p = 0.3;
        var y = F.dropout(torch.ones([n], torch.float64), p).data<double>();
        var zeros = y.Count(v => v == 0);
        // The zero count is Binomial(n, p): σ = √(n p (1 − p)) ≈ 145; allow 5σ.
        Assert.InRange(zeros, n * p - 5 * Math.Sqrt(n * p * (1 - p)), n * p + 5 * Math.Sqrt(n * p * (1 - p)));
        Assert.All(y.Where(v => v != 0), v => Assert.Equal(1 / (1 - p), v, 12)); // inverted dropout keeps E[y] = x
    }

    // ------------------------------------------------------------------ losses
    [Fact]
    public void Regression_losses_match_their_formulas()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new[] { 0.0, 1, 2, -3 });
        var b = torch.tensor(new[] { 0.5, 1, 4, 1 });
        // differences −0.5, 0, −2, −4
        Assert.Equal((0.25 + 0 + 4 + 16) / 4, F.mse_loss(a, b).item<double>(), 14);
        Assert.Equal(0.25 + 0 + 4 + 16, F.mse_loss(a, b, "sum").item<double>(), 14);
        AssertClose([0.25, 0, 4, 16], F.mse_loss(a, b, "none"), 0);
        Assert.Equal((0.5 + 0 + 2 + 4) / 4, F.l1_loss(a, b).item<double>(), 14);
        // smooth L1 (β = 1): ½d² for |d| < 1, |d| − ½ otherwise → 0.125, 0, 1.5, 3.5
        Assert.Equal((0.125 + 0 + 1.5 + 3.5) / 4, F.smooth_l1_loss(a, b).item<double>(), 14);
        // β = 2: ½d²/β below β → 0.0625, 0, |2| − 1 = 1, 4 − 1 = 3
        AssertClose([0.0625, 0, 1, 3], F.smooth_l1_loss(a, b, "none", beta: 2), 1e-15);
        // Huber (δ = 2) = δ · smooth_l1(β = δ)
        AssertClose([0.125, 0, 2, 6], F.huber_loss(a, b, "none", delta: 2), 1e-15);
    }

    [Fact]
    public void Bce_with_logits_matches_the_stable_formula()
    {
        using var scope = torch.NewDisposeScope();
        double[] x = [-2, -0.5, 0, 1.5, 30];
        double[] y = [0, 1, 0.5, 1, 0];
        // ℓ = max(x, 0) − x y + log(1 + e^{−|x|}) = −[y log σ(x) + (1 − y) log(1 − σ(x))]
        var per = x.Zip(y, (xi, yi) => Math.Max(xi, 0) - xi * yi + Math.Log(1 + Math.Exp(-Math.Abs(xi)))).ToArray();
        var xt = torch.tensor(x);
        var yt = torch.tensor(y);
        AssertClose(per, F.binary_cross_entropy_with_logits(xt, yt, reduction: "none"), 1e-14);
        Assert.Equal(per.Average(), F.binary_cross_entropy_with_logits(xt, yt).item<double>(), 14);
        // pos_weight multiplies the positive term: −[p y log σ(x) + (1 − y) log(1 − σ(x))]
        static double LogSig(double v) => -(Math.Max(-v, 0) + Math.Log(1 + Math.Exp(-Math.Abs(v))));
        var weighted = x.Zip(y, (xi, yi) => -(3 * yi * LogSig(xi) + (1 - yi) * LogSig(-xi))).ToArray();
        AssertClose(weighted, F.binary_cross_entropy_with_logits(xt, yt, reduction: "none", pos_weight: torch.tensor(new[] { 3.0 })), 1e-13);
    }
}
