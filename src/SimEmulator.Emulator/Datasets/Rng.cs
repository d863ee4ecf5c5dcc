namespace SimEmulator.Emulator.Datasets;

/// <summary>
/// Seeded, serializable PRNG (xoshiro256** seeded through SplitMix64, Blackman &amp; Vigna 2018) — its state goes into
/// training checkpoints so --resume continues exactly. The same seed gives the same sequence on every machine.
/// </summary>
public sealed class Rng
{
    private ulong s0, s1, s2, s3;

    /// <summary>Expands a 64-bit seed into the 256-bit state with SplitMix64, as the xoshiro authors recommend.</summary>
    public Rng(ulong seed)
    {
        var x = seed;
        s0 = SplitMix64(ref x);
        s1 = SplitMix64(ref x);
        s2 = SplitMix64(ref x);
        s3 = SplitMix64(ref x);
    }

    /// <summary>The four state words (a copy); setting them resumes the sequence exactly where they were read.</summary>
    public ulong[] State
    {
        get => [s0, s1, s2, s3];
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Length != 4)
                throw new ArgumentException($"Rng state needs 4 words, got {value.Length}", nameof(value));
            if ((value[0] | value[1] | value[2] | value[3]) == 0)
                throw new ArgumentException("Rng state must not be all zero (xoshiro256** would emit zeros forever)", nameof(value));
            (s0, s1, s2, s3) = (value[0], value[1], value[2], value[3]);
        }
    }

    private static ulong SplitMix64(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits (never 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, exclusiveMax), exactly unbiased (Lemire's multiply-and-reject).</summary>
    public int NextInt(int exclusiveMax)
    {
        if (exclusiveMax <= 0)
            throw new ArgumentOutOfRangeException(nameof(exclusiveMax), exclusiveMax, "must be positive");
        var range = (ulong)exclusiveMax;
        var product = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            // Reject the few low words that would make some outcomes one draw more likely than others.
            var threshold = (0UL - range) % range;
            while (low < threshold)
                product = Math.BigMul(NextUInt64(), range, out low);
        }
        return (int)product;
    }
}
