using System.Text.Json.Nodes;
using SimEmulator.Emulator.Models;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Emulator;

public class CubeModelTests
{
    private static ModelConfig Small(string architecture = "dcgan", int grid = 8, string upsampling = "transposed", string padding = "circular") => new()
    {
        Architecture = architecture, Grid = grid, LatentDim = 8, GeneratorChannels = 16, CriticChannels = 16,
        Upsampling = upsampling, Padding = padding,
    };

    [Theory]
    [InlineData("dcgan", "transposed", 8)]
    [InlineData("dcgan", "transposed", 16)]
    [InlineData("dcgan", "transposed", 32)]
    [InlineData("dcgan", "upsample", 8)]
    [InlineData("dcgan", "upsample", 16)]
    [InlineData("dcgan", "upsample", 32)]
    [InlineData("residual", "transposed", 8)]
    [InlineData("residual", "transposed", 16)]
    [InlineData("residual", "transposed", 32)]
    [InlineData("residual", "upsample", 8)]
    [InlineData("residual", "upsample", 16)]
    [InlineData("residual", "upsample", 32)]
    public void Generator_makes_grid_cubes_and_critic_scores_them_for_every_architecture_and_upsampling(string architecture, string upsampling, int grid)
    {
        using var scope = NewDisposeScope();
        manual_seed(21);
        var config = Small(architecture, grid, upsampling) with { GeneratorChannels = 8, CriticChannels = 8 };
        using var g = new CubeGenerator(config);
        using var d = new CubeCritic(config);
        var x = g.call(randn(2, 8));
        Assert.Equal([2L, 1, grid, grid, grid], x.shape);
        var s = d.call(x);
        Assert.Equal([2L, 1], s.shape);
        Assert.True(s.isfinite().all().item<bool>());
    }

    [Theory]
    [InlineData("dcgan")]
    [InlineData("residual")]
    public void Grid_64_models_build_with_four_levels(string architecture)
    {
        var config = Small(architecture, 64) with { LatentDim = 64 };
        using var g = new CubeGenerator(config);
        using var d = new CubeCritic(config);
        Assert.Equal(4, config.Depth);
        Assert.Equal([16, 8, 8, 8, 8], Enumerable.Range(0, 5).Select(config.GeneratorChannelsAt).ToArray());
        Assert.Equal([8, 8, 8, 16], Enumerable.Range(1, 4).Select(config.CriticChannelsAt).ToArray());
        if (architecture == "dcgan")
        {
            // Layer formulas: Linear 64 → 16·4³; ConvTranspose3d(Cin, Cout, 4): Cin·Cout·4³ + Cout for 16→8→8→8→1.
            long gen = 64 * 1024 + 1024 + (16 * 8 * 64 + 8) + 2 * (8 * 8 * 64 + 8) + (8 * 64 + 1);
            // Conv3d(Cin, Cout, 4) for 1→8→8→8→16, then the mean head Linear(16, 1).
            long critic = (1 * 8 * 64 + 8) + 2 * (8 * 8 * 64 + 8) + (8 * 16 * 64 + 16) + (16 + 1);
            Assert.Equal(gen, g.num_parameters());
            Assert.Equal(critic, d.num_parameters());
        }
    }

    [Theory]
    [InlineData(24)]
    [InlineData(4)]
    [InlineData(12)]
    [InlineData(0)]
    public void A_grid_that_is_not_four_times_a_power_of_two_is_rejected_naming_Grid_and_the_valid_sizes(int grid)
    {
        var e = Assert.Throws<ArgumentException>(() => new CubeGenerator(new ModelConfig { Grid = grid }));
        Assert.Equal("Grid", e.ParamName);
        Assert.Contains($"got {grid}", e.Message);
        Assert.Contains("8, 16, 32, 64", e.Message);
    }

    public static TheoryData<string, ModelConfig> BadOptions => new()
    {
        { "Architecture", new ModelConfig { Architecture = "stylegan" } },
        { "Upsampling", new ModelConfig { Upsampling = "pixelshuffle" } },
        { "Padding", new ModelConfig { Padding = "reflect" } },
        { "CriticNorm", new ModelConfig { CriticNorm = "batch" } },
        { "CriticHead", new ModelConfig { CriticHead = "sum" } },
        { "LatentPrior", new ModelConfig { LatentPrior = "uniform" } },
        { "StudentTDof", new ModelConfig { LatentPrior = "student_t", StudentTDof = 0 } },
        { "LatentDim", new ModelConfig { LatentDim = 0 } },
        { "Conditioning", new ModelConfig { Conditioning = ["sigma_8", "sigma_8"] } },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void An_unknown_option_or_out_of_range_value_is_rejected_naming_the_field(string field, ModelConfig config)
    {
        var e = Assert.Throws<ArgumentException>(config.Validate);
        Assert.Equal(field, e.ParamName);
        Assert.StartsWith(field, e.Message);
        Assert.Throws<ArgumentException>(() => new CubeCritic(config));
    }

    [Fact]
    public void Model_config_round_trips_through_json_text_with_snake_case_keys()
    {
        var config = new ModelConfig
        {
            Architecture = "residual", Grid = 64, LatentDim = 32, GeneratorChannels = 96, CriticChannels = 48, Upsampling = "upsample",
            Padding = "zeros", CriticNorm = "instance", CriticHead = "flatten", LatentPrior = "student_t", StudentTDof = 3.5,
            Conditioning = ["sigma_8", "omega_m", "redshift"], FinalTanh = true,
        };
        var text = config.ToJson().ToJsonString();
        var back = ModelConfig.FromJson(JsonNode.Parse(text)!.AsObject());
        Assert.Equal(config, back); // value equality, conditioning compared element by element
        Assert.Contains("\"latent_dim\":32", text);
        Assert.Contains("\"conditioning\":[\"sigma_8\",\"omega_m\",\"redshift\"]", text);
        // Absent keys keep their defaults (checkpoints written before a field existed).
        Assert.Equal(new ModelConfig { Grid = 16 }, ModelConfig.FromJson(new JsonObject { ["grid"] = 16 }));
    }

    [Fact]
    public void Model_config_json_with_an_unknown_key_or_a_bad_value_is_rejected_naming_it()
    {
        var unknown = Assert.Throws<FormatException>(() => ModelConfig.FromJson(new JsonObject { ["latentdim"] = 8 }));
        Assert.Contains("\"latentdim\"", unknown.Message);
        var wrongType = Assert.Throws<FormatException>(() => ModelConfig.FromJson(new JsonObject { ["grid"] = "big" }));
        Assert.Contains("\"grid\"", wrongType.Message);
        var invalid = Assert.Throws<ArgumentException>(() => ModelConfig.FromJson(new JsonObject { ["grid"] = 24 }));
        Assert.Equal("Grid", invalid.ParamName);
    }

    [Theory]
    [InlineData("dcgan", "none")]
    [InlineData("dcgan", "layer")]
    [InlineData("dcgan", "instance")]
    [InlineData("residual", "none")]
    public void Circular_critic_score_is_unchanged_when_the_cube_rolls_by_the_total_stride(string architecture, string norm)
    {
        using var scope = NewDisposeScope();
        manual_seed(22);
        // Grid 16 has two ÷2 levels: a periodic shift by 4 cells is a whole-cell shift of the 4³ features, which the
        // spatial mean of the head does not see. Exact up to float32 summation order.
        var config = Small(architecture, 16) with { CriticNorm = norm };
        using var d = new CubeCritic(config);
        var x = randn(3, 1, 16, 16, 16);
        var s0 = d.call(x).data<float>();
        foreach (var (shifts, dims) in new[] { (new long[] { 4 }, new long[] { 2 }), ([8, -4], [3, 4]), ([4, 12, 8], [2, 3, 4]) })
        {
            var s1 = d.call(x.roll(shifts, dims)).data<float>();
            for (var i = 0; i < s0.Length; i++) Assert.Equal(s0[i], s1[i], 1e-5);
        }
        // The control: zero padding gives the box edges a place, and the score moves.
        manual_seed(22);
        using var dz = new CubeCritic(config with { Padding = "zeros" });
        var z0 = dz.call(x).data<float>();
        var z1 = dz.call(x.roll([4L], [2L])).data<float>();
        Assert.True(Enumerable.Range(0, 3).Max(i => Math.Abs(z0[i] - z1[i])) > 1e-4);
    }

    [Theory]
    [InlineData("dcgan", "transposed")]
    [InlineData("dcgan", "upsample")]
    [InlineData("residual", "transposed")]
    [InlineData("residual", "upsample")]
    public void Circular_generator_synthesis_rolls_the_cube_by_a_quarter_grid_when_the_seed_rolls_by_one_cell(string architecture, string upsampling)
    {
        using var scope = NewDisposeScope();
        manual_seed(23);
        // Every layer after the Linear commutes with periodic shifts (stride-2 layers scale the shift by 2), so
        // G(roll(h, 1)) = roll(G(h), Grid/4): the convolutional generator has no preferred origin in the box.
        var config = Small(architecture, 16, upsampling);
        using var g = new CubeGenerator(config);
        var h = randn(2, 16, 4, 4, 4);
        var rolledOut = g.Synthesize(h).roll([4L, -8], [2L, 4]).data<float>();
        var outOfRolled = g.Synthesize(h.roll([1L, -2], [2L, 4])).data<float>();
        for (var i = 0; i < rolledOut.Length; i++) Assert.Equal(rolledOut[i], outOfRolled[i], 1e-5);
    }

    [Fact]
    public void Final_tanh_keeps_generated_values_inside_minus_one_to_one()
    {
        using var scope = NewDisposeScope();
        manual_seed(24);
        using var g = new CubeGenerator(Small() with { FinalTanh = true });
        var x = g.call(randn([4, 8]) * 100.0).data<float>();
        Assert.All(x, v => Assert.InRange(v, -1f, 1f));
    }

    [Theory]
    [InlineData("dcgan")]
    [InlineData("residual")]
    public void Changing_the_conditions_changes_generated_cubes_and_critic_scores(string architecture)
    {
        using var scope = NewDisposeScope();
        manual_seed(25);
        var config = Small(architecture) with { Conditioning = ["sigma_8", "omega_m"] };
        using var g = new CubeGenerator(config);
        using var d = new CubeCritic(config);
        var z = randn(2, 8);
        var c1 = tensor(new float[] { 0.8f, 0.3f, 0.8f, 0.3f }, [2, 2]);
        var c2 = tensor(new float[] { 0.9f, 0.3f, 0.8f, 0.25f }, [2, 2]);
        var x1 = g.forward(z, c1);
        var x2 = g.forward(z, c2);
        // The Linear's default init (|w| ≤ 1/√10) makes a 0.1 change in a condition move the outputs by ~1e-3 or more.
        Assert.True((x1 - x2).abs().max().item<float>() > 1e-4);
        var s1 = d.forward(x1, c1).data<float>();
        var s2 = d.forward(x1, c2).data<float>();
        Assert.True(Math.Abs(s1[0] - s2[0]) > 1e-6 && Math.Abs(s1[1] - s2[1]) > 1e-6);
        // Same conditions, same z: same cube (the conditions are the only thing that changed).
        Assert.Equal(x1.data<float>(), g.forward(z, c1).data<float>());
    }

    [Fact]
    public void Conditions_of_the_wrong_shape_or_missing_conditions_are_rejected_with_the_expected_shape()
    {
        using var scope = NewDisposeScope();
        var config = Small() with { Conditioning = ["sigma_8", "omega_m"] };
        using var g = new CubeGenerator(config);
        using var d = new CubeCritic(config);
        var z = randn(3, 8);
        var wrong = Assert.Throws<ArgumentException>(() => g.forward(z, zeros(3, 3)));
        Assert.Equal("conditions", wrong.ParamName);
        Assert.Contains("[3, 2]", wrong.Message);
        Assert.Contains("[3, 3]", wrong.Message);
        var missing = Assert.Throws<ArgumentException>(() => g.call(z));
        Assert.Contains("sigma_8, omega_m", missing.Message);
        Assert.Throws<ArgumentException>(() => d.forward(zeros(3, 1, 8, 8, 8), zeros(2, 2)));
        using var plain = new CubeGenerator(Small());
        var extra = Assert.Throws<ArgumentException>(() => plain.forward(z, zeros(3, 2)));
        Assert.Contains("unconditioned", extra.Message);
        var badLatent = Assert.Throws<ArgumentException>(() => plain.call(randn(3, 7)));
        Assert.Equal("z", badLatent.ParamName);
    }
}
