using SimEmulator.Emulator.Models;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Emulator;

public class ExponentialMovingAverageTests
{
    private static readonly ModelConfig Config = new() { Grid = 8, LatentDim = 4, GeneratorChannels = 8, CriticChannels = 8 };

    private static Dictionary<string, float[]> Values(CubeGenerator m) =>
        m.named_parameters().ToDictionary(p => p.name, p => p.parameter.data<float>());

    [Fact]
    public void One_update_with_decay_d_gives_d_times_old_plus_one_minus_d_times_new()
    {
        using var scope = NewDisposeScope();
        manual_seed(41);
        using var source = new CubeGenerator(Config);
        using var shadow = new CubeGenerator(Config);
        const double d = 0.9;
        var ema = new ExponentialMovingAverage(source, shadow, d);
        var old = Values(source);
        foreach (var (name, v) in Values(shadow)) Assert.Equal(old[name], v); // the shadow starts as a copy of the source

        using (no_grad())
            foreach (var p in source.parameters()) p.add_(randn(p.shape) * 0.1); // a stand-in for an optimizer step
        var updated = Values(source);
        ema.Update();

        var got = Values(shadow);
        foreach (var (name, o) in old)
            for (var i = 0; i < o.Length; i++)
                Assert.Equal(d * o[i] + (1 - d) * updated[name][i], got[name][i], 1e-7);
        Assert.Equal(1, ema.Updates);
        Assert.All(shadow.parameters(), p => Assert.False(p.requires_grad));
    }

    [Fact]
    public void Update_copies_buffers_exactly()
    {
        using var scope = NewDisposeScope();
        manual_seed(42);
        using var source = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4));
        using var shadow = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4));
        var ema = new ExponentialMovingAverage(source, shadow, 0.5);
        source.call(randn(8, 3)); // training mode: the running statistics move
        ema.Update();
        foreach (var ((name, a), (_, b)) in source.named_buffers().Zip(shadow.named_buffers()))
            if (a.is_floating_point()) Assert.Equal(a.data<float>(), b.data<float>());
            else Assert.Equal(a.data<long>(), b.data<long>()); // num_batches_tracked
    }

    [Fact]
    public void A_shadow_of_another_architecture_is_rejected_naming_the_mismatch()
    {
        using var source = new CubeGenerator(Config);
        using var shadow = new CubeGenerator(Config with { GeneratorChannels = 16 });
        var e = Assert.Throws<ArgumentException>(() => new ExponentialMovingAverage(source, shadow));
        Assert.Contains("'fc.weight'", e.Message);
        using var twin = new CubeGenerator(Config);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialMovingAverage(source, twin, 1.5));
    }
}
