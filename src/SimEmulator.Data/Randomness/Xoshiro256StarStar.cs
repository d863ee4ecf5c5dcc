namespace SimEmulator.Data.Randomness;

/// <summary>
/// xoshiro256** 1.0 (Blackman &amp; Vigna 2018), seeded by expanding a 64-bit seed through SplitMix64 as the authors
/// recommend. Fully specified integer arithmetic, so a seed gives the same stream on every .NET version and platform
/// (unlike System.Random). Its <see cref="State"/> can be saved and restored (training checkpoints do, so --resume
/// continues exactly). Gaussians by Marsaglia's polar method; Poisson deviates in SimEmulator.Simulation.
/// </summary>
public sealed class Xoshiro256StarStar
{
    private ulong s0, s1, s2, s3;
    private double spareGaussian;
    private bool hasSpare;

    public Xoshiro256StarStar(ulong seed)
    {
        var x = seed;
        s0 = SplitMix64(ref x);
        s1 = SplitMix64(ref x);
        s2 = SplitMix64(ref x);
        s3 = SplitMix64(ref x);
    }

    public Xoshiro256StarStar(long seed) : this(unchecked((ulong)seed)) { }

    /// <summary>A generator with the raw state given (all zero is not allowed); for checking the reference vectors.</summary>
    public static Xoshiro256StarStar FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0) throw new ArgumentException("the xoshiro256** state must not be all zero");
        var g = new Xoshiro256StarStar(0UL) { s0 = s0, s1 = s1, s2 = s2, s3 = s3 };
        return g;
    }

    /// <summary>
    /// The four state words (a copy); setting them resumes the uniform sequence exactly where they were read (and drops
    /// a Gaussian deviate kept from the last pair).
    /// </summary>
    public ulong[] State
    {
        get => [s0, s1, s2, s3];
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Length != 4)
                throw new ArgumentException($"xoshiro256** state needs 4 words, got {value.Length}", nameof(value));
            if ((value[0] | value[1] | value[2] | value[3]) == 0)
                throw new ArgumentException("xoshiro256** state must not be all zero (xoshiro256** would emit zeros forever)", nameof(value));
            (s0, s1, s2, s3) = (value[0], value[1], value[2], value[3]);
            hasSpare = false;
        }
    }

    /// <summary>SplitMix64 (Steele, Lea &amp; Flood 2014): advances x and returns the next output.</summary>
    public static ulong SplitMix64(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

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

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
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

    /// <summary>Standard normal deviate (Marsaglia polar method; the second deviate of each pair is kept for the next call).</summary>
    public double NextGaussian()
    {
        if (hasSpare)
        {
            hasSpare = false;
            return spareGaussian;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        var f = Math.Sqrt(-2 * Math.Log(s) / s);
        spareGaussian = v * f;
        hasSpare = true;
        return u * f;
    }
}
