using MathNet.Numerics;
using SimEmulator.Data.Randomness;

namespace SimEmulator.Simulation.Galaxies;

/// <summary>Poisson deviates from the project's seeded generator (CCD photon noise).</summary>
public static class PoissonSampling
{
    /// <summary>Poisson deviate of the given mean ≥ 0.</summary>
    public static long NextPoisson(this Xoshiro256StarStar rng, double mean)
    {
        if (!(mean >= 0 && double.IsFinite(mean))) throw new ArgumentOutOfRangeException(nameof(mean), mean, "Poisson mean must be finite and ≥ 0");
        if (mean == 0) return 0;
        if (mean < 10)
        {
            // Knuth's multiplication method.
            var limit = Math.Exp(-mean);
            long k = 0;
            var p = rng.NextDouble();
            while (p > limit)
            {
                k++;
                p *= rng.NextDouble();
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
            var u = rng.NextDouble() - 0.5;
            var v = rng.NextDouble();
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) return (long)k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.Log(v) + Math.Log(invalpha) - Math.Log(a / (us * us) + b) <= -mean + k * loglam - SpecialFunctions.GammaLn(k + 1))
                return (long)k;
        }
    }
}
