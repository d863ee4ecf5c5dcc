using SimEmulator.Data.Randomness;
namespace SimEmulator.Emulator.Datasets;

/// <summary>
/// Splits realizations into training and held-out sets by simulation seed, never by sub-cube (crops of one simulation
/// share its large-scale modes, so they must stay on one side). Deterministic for (seeds, fraction, seed) and
/// independent of the order the seeds are given in.
/// </summary>
public static class SeedSplit
{
    /// <summary>
    /// Held-out count k = round(fraction·N) (at least 1 when the fraction is positive, at most N − 1), chosen by a
    /// Fisher–Yates shuffle of the sorted seeds driven by <see cref="Xoshiro256StarStar"/>(<paramref name="seed"/>). Both lists come
    /// back sorted ascending; together they are exactly the input seeds.
    /// </summary>
    public static (long[] Train, long[] HeldOut) Split(IReadOnlyList<long> seeds, double heldOutFraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (!(heldOutFraction >= 0 && heldOutFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(heldOutFraction), heldOutFraction, "held-out fraction must be in [0, 1)");
        if (seeds.Count == 0) throw new ArgumentException("no seeds to split", nameof(seeds));
        var sorted = seeds.ToArray();
        Array.Sort(sorted);
        for (var i = 1; i < sorted.Length; i++)
            if (sorted[i] == sorted[i - 1])
                throw new ArgumentException($"seed {sorted[i]} appears more than once; each simulation must be listed once", nameof(seeds));

        var n = sorted.Length;
        var k = (int)Math.Round(heldOutFraction * n, MidpointRounding.AwayFromZero);
        if (heldOutFraction > 0) k = Math.Max(k, 1);
        k = Math.Min(k, n - 1);
        if (k < 0) k = 0;

        var rng = new Xoshiro256StarStar(seed);
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (sorted[i], sorted[j]) = (sorted[j], sorted[i]);
        }
        var heldOut = sorted[..k];
        var train = sorted[k..];
        Array.Sort(heldOut);
        Array.Sort(train);
        return (train, heldOut);
    }
}
