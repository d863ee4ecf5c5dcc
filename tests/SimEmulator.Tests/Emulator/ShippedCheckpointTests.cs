using SimEmulator.Emulator.Inference;

namespace SimEmulator.Tests.Emulator;

/// <summary>The emulator in checkpoints/cubes32 loads (its SHA-256 matches model.json) and draws reproducible cubes.</summary>
public sealed class ShippedCheckpointTests
{
    private static string Shipped => Path.Combine(RepoPaths.Root, "checkpoints", "cubes32");

    [Fact]
    public void Shipped_cubes32_describes_its_fields_and_training_and_generates_reproducible_cubes()
    {
        using var emu = CubeEmulator.Load(Shipped);
        var card = emu.Card;
        // What configs/cubes32.yaml and configs/nbody-128mpc-32.yaml promise.
        Assert.Equal(32, card.Fields.Grid);
        Assert.Equal(128.0, card.Fields.BoxSizeMpcH, 12);
        Assert.Equal("CIC", card.Fields.MassAssignment);
        Assert.Equal(0.834, card.Fields.Cosmology.Sigma8, 12);
        Assert.True(card.Training.Steps > 0);
        // Training and held-out simulations are disjoint, and the report's held-out seeds (1000000…) were never trained on.
        Assert.Empty(card.Training.TrainSeeds.Intersect(card.Training.HeldOutSeeds));
        Assert.All(card.Training.TrainSeeds, s => Assert.InRange(s, 1000, 999_999));
        Assert.NotNull(card.Validation);

        var a = emu.Sample(2, seed0: 7, batchSize: 2);
        var b = emu.Sample(2, seed0: 7, batchSize: 2);
        Assert.Equal(a[0], b[0]);
        Assert.Equal(a[1], b[1]);
        Assert.NotEqual(a[0], a[1]);
        // The inverse Rodríguez transform maps every output to a density 1+δ ≥ 0.
        Assert.All(a[0], v => Assert.True(float.IsFinite(v) && v >= -1f));
    }
}
