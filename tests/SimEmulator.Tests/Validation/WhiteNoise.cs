namespace SimEmulator.Tests.Validation;

/// <summary>Seeded unit-variance Gaussian white noise on an n³ grid (Box–Muller), the estimators' basic test field.</summary>
internal static class WhiteNoise
{
    public static float[] Cube(int n, int seed)
    {
        var rng = new Random(seed);
        var d = new float[n * n * n];
        for (var i = 0; i < d.Length; i++)
        {
            var u1 = 1.0 - rng.NextDouble();
            d[i] = (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * rng.NextDouble()));
        }
        return d;
    }
}
