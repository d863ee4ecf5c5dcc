using SimEmulator.Emulator.Datasets;

namespace SimEmulator.Tests.Emulator;

public class SeedSplitTests
{
    private static readonly long[] Seeds = [.. Enumerable.Range(0, 50).Select(i => 1000L + 7 * i)];

    [Fact]
    public void Split_is_disjoint_covers_every_seed_and_holds_out_the_rounded_fraction()
    {
        var (train, heldOut) = SeedSplit.Split(Seeds, 0.2, 42);
        Assert.Empty(train.Intersect(heldOut));
        Assert.Equal(Seeds.Order(), train.Concat(heldOut).Order());
        Assert.Equal(10, heldOut.Length); // round(0.2 × 50)
        Assert.Equal(train.Order(), train); // both come back sorted
        Assert.Equal(heldOut.Order(), heldOut);
    }

    [Fact]
    public void Split_is_deterministic_and_independent_of_input_order()
    {
        var a = SeedSplit.Split(Seeds, 0.3, 7);
        var shuffled = Seeds.Reverse().ToArray();
        (shuffled[3], shuffled[40]) = (shuffled[40], shuffled[3]);
        var b = SeedSplit.Split(shuffled, 0.3, 7);
        Assert.Equal(a.HeldOut, b.HeldOut);
        Assert.Equal(a.Train, b.Train);
        // A different split seed picks a different held-out set (C(50,15) ≈ 2·10¹² possibilities).
        Assert.NotEqual(a.HeldOut, SeedSplit.Split(Seeds, 0.3, 8).HeldOut);
    }

    [Fact]
    public void Small_sets_hold_out_at_least_one_and_keep_at_least_one_for_training()
    {
        var (train, heldOut) = SeedSplit.Split([5L, 6, 7], 0.01, 1);
        Assert.Single(heldOut);
        Assert.Equal(2, train.Length);
        (train, heldOut) = SeedSplit.Split([5L, 6], 0.9, 1);
        Assert.Single(train);
        (train, heldOut) = SeedSplit.Split([5L, 6], 0.0, 1);
        Assert.Empty(heldOut);
    }

    [Fact]
    public void Duplicate_seeds_and_bad_fractions_are_rejected_with_the_reason()
    {
        var e = Assert.Throws<ArgumentException>(() => SeedSplit.Split([1L, 2, 2], 0.5, 1));
        Assert.Contains("seed 2", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedSplit.Split(Seeds, 1.0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedSplit.Split(Seeds, double.NaN, 1));
    }
}
