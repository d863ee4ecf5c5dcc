using SimEmulator.Emulator.Models;
using SimEmulator.Emulator.Training;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Emulator;

[Collection(GlobalTorchStateCollection.Name)]
public class WganGpTests
{
    [Fact]
    public void Gradient_penalty_of_a_linear_critic_is_the_squared_distance_of_its_weight_norm_from_one()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        // D(x) = ⟨w, x⟩ + b has ∂D/∂x = w everywhere, so the penalty is exactly (‖w‖₂ − 1)² for any interpolate.
        using var critic = nn.Sequential(nn.Flatten(), nn.Linear(27, 1, dtype: float64));
        var w = critic.parameters().First().data<double>();
        var expected = Math.Pow(Math.Sqrt(w.Sum(v => v * v)) - 1, 2);
        var real = randn([4, 1, 3, 3, 3], float64);
        var fake = randn([4, 1, 3, 3, 3], float64);
        var gp = WganGp.gradient_penalty(critic, real, fake).item<double>();
        Assert.Equal(expected, gp, 1e-12);
    }

    [Fact]
    public void Two_hundred_training_steps_in_dispose_scopes_leave_no_live_tensors()
    {
        manual_seed(12);
        var config = new ModelConfig { Grid = 8, LatentDim = 8, GeneratorChannels = 8, CriticChannels = 8, Padding = "zeros", CriticHead = "flatten" };
        using var gen = new CubeGenerator(config);
        using var critic = new CubeCritic(config);
        using var optG = optim.Adam(gen.parameters(), 1e-4, (0.5, 0.9));
        using var optD = optim.Adam(critic.parameters(), 1e-4, (0.5, 0.9));
        using var real = randn(2, 1, 8, 8, 8);
        var gan = new WganGp(gen, critic, optG, optD, 8);

        gan.Step(real); // the first step creates the optimizers' state, which lives on
        var before = LiveTensorCount;
        WganGpLosses last = default;
        for (var i = 0; i < 200; i++) last = gan.Step(real);
        Assert.Equal(before, LiveTensorCount);
        Assert.True(double.IsFinite(last.critic_loss) && double.IsFinite(last.generator_loss));
    }

    [Theory]
    [InlineData("dcgan", "upsample", "layer")]
    [InlineData("residual", "transposed", "instance")]
    public void Conditional_student_t_training_steps_with_the_cube_models_leave_no_live_tensors(string architecture, string upsampling, string norm)
    {
        var config = new ModelConfig
        {
            Architecture = architecture, Grid = 8, LatentDim = 6, GeneratorChannels = 8, CriticChannels = 8, Upsampling = upsampling,
            CriticNorm = norm, LatentPrior = "student_t", StudentTDof = 4, Conditioning = ["sigma_8", "omega_m"],
        };
        manual_seed(13);
        using var rng = new Generator(14);
        using var gen = new CubeGenerator(config);
        using var critic = new CubeCritic(config);
        using var optG = optim.Adam(gen.parameters(), 1e-4, (0.5, 0.9));
        using var optD = optim.Adam(critic.parameters(), 1e-4, (0.5, 0.9));
        using var real = randn(2, 1, 8, 8, 8);
        using var conditions = rand(2, 2);
        var gan = new WganGp(gen, critic, optG, optD, config.LatentDim, rng: rng)
        {
            SampleLatent = (b, device) => LatentPrior.Sample(config, b, rng, device),
        };

        gan.Step(real, conditions); // creates the optimizers' state
        var before = TorchState.SettledLiveCount();
        WganGpLosses last = default;
        for (var i = 0; i < 5; i++) last = gan.Step(real, conditions);
        Assert.Equal(before, TorchState.SettledLiveCount());
        Assert.True(double.IsFinite(last.critic_loss) && double.IsFinite(last.generator_loss) && double.IsFinite(last.gradient_penalty));
    }
}
