using MathNet.Numerics;

namespace SimEmulator.Simulation.Galaxies;

/// <summary>
/// xoshiro256** 1.0 (Blackman &amp; Vigna 2018), seeded by expanding a 64-bit seed through SplitMix64 as the authors
/// recommend. Fully specified integer arithmetic, so a seed gives the same stream on every .NET version and platform
/// (unlike System.Random). Gaussians by Marsaglia's polar method, Poisson by inversion (mean &lt; 10) or Hörmann's PTRS.
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

    /// <summary>Poisson deviate of the given mean ≥ 0.</summary>
    public long NextPoisson(double mean)
    {
        if (!(mean >= 0 && double.IsFinite(mean))) throw new ArgumentOutOfRangeException(nameof(mean), mean, "Poisson mean must be finite and ≥ 0");
        if (mean == 0) return 0;
        if (mean < 10)
        {
            // Knuth's multiplication method.
            var limit = Math.Exp(-mean);
            long k = 0;
            var p = NextDouble();
            while (p > limit)
            {
                k++;
                p *= NextDouble();
            }
            return k;
        }
        // PTRS: transformed rejection with squeeze (Hörmann 1993), as numpy's legacy generator.
        var slam = Math.Sqrt(mean);
        var loglam = Math.Log(mean);
        var b = 0.931 + 2.53 * slam;
        var a = -0.059 + 0.02483 * b;
        var invalpha = 1.1239 + 1.1328 / (b - 3.4);
        var vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            var u = NextDouble() - 0.5;
            var v = NextDouble();
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) return (long)k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.Log(v) + Math.Log(invalpha) - Math.Log(a / (us * us) + b) <= -mean + k * loglam - SpecialFunctions.GammaLn(k + 1))
                return (long)k;
        }
    }
}
