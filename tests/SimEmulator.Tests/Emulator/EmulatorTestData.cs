using SimEmulator.Data.Hdf5;
using SimEmulator.Data.Layouts;
using SimEmulator.Emulator.Datasets;
using SimEmulator.Data.Randomness;

namespace SimEmulator.Tests.Emulator;

/// <summary>Small seeded cubes and field sets for the dataset, sampler and transform tests.</summary>
internal static class EmulatorTestData
{
    public static FieldSetInfo Info(int grid, FieldKind kind = FieldKind.Overdensity) =>
        new(100.0, grid, 0.0, kind, "CIC", Cosmology.Quijote, "test");

    /// <summary>
    /// A lognormal δ = exp(σg − σ²/2) − 1 from white Gaussian g (σ = 1.2, so δ spans about −1 to ~100 on a few thousand
    /// cells, like a CIC density of an N-body box), with some empty cells at exactly δ = −1.
    /// </summary>
    public static float[] LognormalDelta(int n, ulong seed, double sigma = 1.2)
    {
        var rng = new Xoshiro256StarStar(seed);
        var cube = new float[n * n * n];
        for (var i = 0; i < cube.Length; i++)
        {
            var u1 = 1.0 - rng.NextDouble();
            var u2 = rng.NextDouble();
            var g = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            cube[i] = (float)(Math.Exp(sigma * g - sigma * sigma / 2) - 1);
        }
        for (var i = 0; i < cube.Length; i += 97) cube[i] = -1f;
        return cube;
    }

    /// <summary>Writes cubes and seeds as a field set, with optional /params/&lt;name&gt; columns.</summary>
    public static void WriteFieldSet(string path, FieldSetInfo info, IReadOnlyList<float[]> cubes, IReadOnlyList<long> seeds,
        IReadOnlyDictionary<string, double[]>? parameters = null)
    {
        using (var w = FieldSetWriter.Create(path, info))
        {
            for (var i = 0; i < cubes.Count; i++) w.Append(cubes[i], seeds[i]);
            w.Complete();
        }
        if (parameters is null) return;
        using var f = H5File.Open(path, H5FileMode.ReadWrite);
        using (f.CreateGroup("params")) { }
        foreach (var (name, column) in parameters)
            using (f.WriteDataset<double>($"params/{name}", column, [column.LongLength])) { }
    }
}
