using SimEmulator.Emulator.Models;
using SimEmulator.Torch;
using SimEmulator.Torch.Modules;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Torch;

public class ModuleTests
{
    [Fact]
    public void Linear_default_init_is_kaiming_uniform_with_bound_one_over_sqrt_fan_in()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var lin = nn.Linear(400, 300);
        // PyTorch: kaiming_uniform_(a=√5) gives bound gain·√(3/fan_in) = √(1/3)·√(3/400) = 1/20; bias U(±1/√400).
        var w = lin.weight.data<float>();
        Assert.True(w.Max(Math.Abs) <= 0.05f + 1e-7f);
        // A U(−b, b) sample of 120000 values has std b/√3 = 0.028868; 1% is > 10σ of the estimator.
        var mean = w.Average(x => (double)x);
        var std = Math.Sqrt(w.Average(x => (x - mean) * (x - mean)));
        Assert.Equal(0.05 / Math.Sqrt(3), std, 0.05 / Math.Sqrt(3) * 0.01);
        Assert.True(lin.bias!.data<float>().Max(Math.Abs) <= 0.05f + 1e-7f);
    }

    [Fact]
    public void Generator_parameter_count_matches_the_layer_formulas()
    {
        using var g = new CubeGenerator(new ModelConfig { LatentDim = 64, Grid = 32, GeneratorChannels = 256, Padding = "zeros" });
        // Linear 64→256·4³: 64·16384 + 16384; ConvTranspose3d(Cin, Cout, 4): Cin·Cout·4³ + Cout for 256→128→64→1.
        long expected = 64 * 16384 + 16384 + (256L * 128 * 64 + 128) + (128L * 64 * 64 + 64) + (64L * 1 * 64 + 1);
        Assert.Equal(expected, g.num_parameters());
        Assert.Equal(3_690_689, expected);
        Assert.Equal(["fc.weight", "fc.bias", "net.1.weight", "net.1.bias", "net.3.weight", "net.3.bias", "net.5.weight", "net.5.bias"],
            g.named_parameters().Select(p => p.name).ToArray());
    }

    [Fact]
    public void Saved_state_dict_reloads_into_a_fresh_model_with_identical_outputs()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var a = new CubeCritic(new ModelConfig { Grid = 8, CriticChannels = 16 });
        manual_seed(4);
        using var b = new CubeCritic(new ModelConfig { Grid = 8, CriticChannels = 16 });
        var x = randn(2, 1, 8, 8, 8);
        var path = Path.Combine(Path.GetTempPath(), $"critic-{Guid.NewGuid():N}.safetensors");
        try
        {
            a.save(path, new Dictionary<string, string> { ["note"] = "test" });
            b.load(path);
            var ya = a.call(x).data<float>();
            var yb = b.call(x).data<float>();
            Assert.Equal(ya, yb); // the same weights give bit-identical float32 outputs
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Load_state_dict_with_wrong_shape_names_the_key_and_both_shapes()
    {
        using var scope = NewDisposeScope();
        using var lin = nn.Linear(3, 2);
        var sd = new Dictionary<string, Tensor> { ["weight"] = zeros(2, 4), ["bias"] = zeros(2) };
        var e = Assert.Throws<ArgumentException>(() => lin.load_state_dict(sd));
        Assert.Contains("'weight'", e.Message);
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[2, 4]", e.Message);
    }

    [Fact]
    public void Load_state_dict_strict_lists_missing_and_unexpected_keys()
    {
        using var scope = NewDisposeScope();
        using var lin = nn.Linear(3, 2);
        var sd = new Dictionary<string, Tensor> { ["weight"] = zeros(2, 3), ["extra"] = zeros(1) };
        var e = Assert.Throws<ArgumentException>(() => lin.load_state_dict(sd));
        Assert.Contains("missing: bias", e.Message);
        Assert.Contains("unexpected: extra", e.Message);
    }

    [Fact]
    public void Module_to_float64_casts_in_place_and_keeps_parameter_references()
    {
        using var scope = NewDisposeScope();
        using var lin = nn.Linear(3, 2);
        var w = lin.weight;
        var before = w.data<float>();
        lin.to(float64);
        Assert.Same(w, lin.get_parameter("weight"));
        Assert.Equal(ScalarType.Float64, w.dtype);
        Assert.True(w.requires_grad);
        Assert.Equal(before.Select(v => (double)v).ToArray(), w.data<double>()); // float32 → float64 is exact
    }

    [Fact]
    public void Circular_conv_transpose3d_is_the_adjoint_of_circular_conv3d()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        // T: 3 channels on 4³ → 2 channels on 8³ (k4 s2 p1, circular). C: the circular conv with the same weight maps back.
        using var t = new ConvTranspose3d(3, 2, [4], [2], [1], bias: false, padding_mode: "circular", dtype: float64);
        var x = randn([2, 3, 4, 4, 4], float64);
        var y = randn([2, 2, 8, 8, 8], float64);
        var tx = t.call(x);
        Assert.Equal([2L, 2, 8, 8, 8], tx.shape);
        var yPadded = nn.functional.pad(y, [1, 1, 1, 1, 1, 1], "circular");
        var cy = nn.functional.conv3d(yPadded, t.weight, null, [2], [0]);
        // ⟨T x, y⟩ = ⟨x, C y⟩ for the adjoint pair; float64 sums of ~2000 terms agree to ~1e-12 relative.
        var lhs = (tx * y).sum().item<double>();
        var rhs = (x * cy).sum().item<double>();
        Assert.Equal(lhs, rhs, Math.Abs(lhs) * 1e-10);
    }

    [Fact]
    public void Circular_conv_transpose3d_commutes_with_periodic_shifts()
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        using var t = new ConvTranspose3d(2, 1, [4], [2], [1], padding_mode: "circular", dtype: float64);
        var x = randn([1, 2, 4, 4, 4], float64);
        // Shifting the input by one coarse cell must shift the output by stride = 2 fine cells (periodic box).
        var shifted = t.call(x.roll(1, 2)).data<double>();
        var expected = t.call(x).roll(2, 2).data<double>();
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], shifted[i], 1e-12);
    }

    [Fact]
    public void Circular_conv3d_commutes_with_periodic_shifts_and_keeps_the_grid()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        using var c = nn.Conv3d(1, 2, 3, padding: 1, padding_mode: "circular", dtype: float64);
        var x = randn([1, 1, 6, 6, 6], float64);
        var y = c.call(x);
        Assert.Equal([1L, 2, 6, 6, 6], y.shape);
        var a = c.call(x.roll(2, 4)).data<double>();
        var b = y.roll(2, 4).data<double>();
        for (var i = 0; i < a.Length; i++) Assert.Equal(b[i], a[i], 1e-12);
    }

    [Fact]
    public void Spectral_norm_scales_the_weight_to_unit_largest_singular_value()
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        using var lin = nn.spectral_norm(nn.Linear(6, 4, dtype: float64));
        var x = randn([3, 6], float64);
        for (var i = 0; i < 60; i++)
        {
            using var s = NewDisposeScope();
            lin.call(x); // each training forward does one power iteration
        }
        // Reference: the largest singular value of weight / σ by brute-force power iteration on WᵀW in plain C#.
        var w = lin.weight.data<double>();
        Assert.Equal(1.0, LargestSingularValue(w, 4, 6), 1e-6);
        Assert.Equal(["bias", "weight_orig"], lin.named_parameters().Select(p => p.name).OrderBy(n => n).ToArray());
        Assert.Equal(["weight_u", "weight_v"], lin.named_buffers().Select(p => p.name).ToArray());
    }

    private static double LargestSingularValue(double[] a, int rows, int cols)
    {
        var v = Enumerable.Repeat(1.0, cols).ToArray();
        double lambda = 0;
        for (var it = 0; it < 2000; it++)
        {
            var av = new double[rows];
            for (var r = 0; r < rows; r++)
                for (var c = 0; c < cols; c++) av[r] += a[r * cols + c] * v[c];
            var atav = new double[cols];
            for (var c = 0; c < cols; c++)
                for (var r = 0; r < rows; r++) atav[c] += a[r * cols + c] * av[r];
            var n = Math.Sqrt(atav.Sum(z => z * z));
            lambda = n;
            for (var c = 0; c < cols; c++) v[c] = atav[c] / n;
        }
        return Math.Sqrt(lambda);
    }

    [Fact]
    public void BatchNorm3d_updates_running_stats_with_momentum_and_unbiased_variance()
    {
        using var scope = NewDisposeScope();
        using var bn = nn.BatchNorm3d(1);
        // One channel, values 1..8 over batch 2 of 2×1×2: mean 4.5, unbiased variance 6 (population 5.25).
        var x = arange(1.0, 9.0, 1.0, float32).view(2, 1, 2, 1, 2);
        var y = bn.call(x).data<float>();
        Assert.Equal(0.1 * 4.5, bn.get_buffer("running_mean")!.item<double>(), 1e-6);
        Assert.Equal(0.9 + 0.1 * 6.0, bn.get_buffer("running_var")!.item<double>(), 1e-6);
        Assert.Equal(1L, bn.get_buffer("num_batches_tracked")!.item<long>());
        // Training output uses the biased batch variance: (1 − 4.5)/√(5.25 + 1e-5).
        Assert.Equal((1 - 4.5) / Math.Sqrt(5.25 + 1e-5), y[0], 1e-5);
        bn.eval();
        var e = bn.call(x).data<float>();
        Assert.Equal((1 - 0.45) / Math.Sqrt(1.5 + 1e-5), e[0], 1e-5);
    }

    [Fact]
    public void Dropout_module_is_identity_in_eval_mode()
    {
        using var scope = NewDisposeScope();
        using var d = nn.Dropout(0.5);
        d.eval();
        var x = randn(100);
        Assert.Equal(x.data<float>(), d.call(x).data<float>());
    }

    [Fact]
    public void Generator_makes_cubes_of_the_configured_grid_and_rejects_bad_grids()
    {
        using var scope = NewDisposeScope();
        using var g = new CubeGenerator(new ModelConfig { LatentDim = 8, Grid = 16, GeneratorChannels = 16 });
        Assert.Equal([3L, 1, 16, 16, 16], g.call(randn(3, 8)).shape);
        var e = Assert.Throws<ArgumentException>(() => new CubeGenerator(new ModelConfig { LatentDim = 8, Grid = 24, GeneratorChannels = 16 }));
        Assert.Contains("24", e.Message);
    }
}
