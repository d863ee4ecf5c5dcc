using SimEmulator.Data.Layouts;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Validation.Reports;

/// <summary>
/// Small seeded field sets shared by the report and CLI tests, written once per test run: Gaussian random fields on 16³
/// grids in a 100 Mpc/h box with P(k) ∝ k⁻² (σ_δ = 0.3), 20 realizations each.
/// </summary>
internal static class ValidationTestSets
{
    public const double BoxSize = 100;
    public const int Grid = 16;
    public const int Count = 20;
    public const double PowerScale = 1.2;

    private static readonly Lazy<Sets> Instance = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Sets Files => Instance.Value;

    /// <param name="Reference">Seeds 1…20.</param>
    /// <param name="Candidate">Seeds 101…120, drawn from the same distribution.</param>
    /// <param name="Scaled">The candidate's fields times √1.2, so its P(k) is 1.2× the candidate's in every bin.</param>
    /// <param name="SmallGrid">3 realizations on an 8³ grid in the same box.</param>
    public sealed record Sets(string Directory, string Reference, string Candidate, string Scaled, string SmallGrid);

    private static Sets Create()
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("simemu-validate-sets-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { System.IO.Directory.Delete(dir, true); } catch (IOException) { } };
        var sets = new Sets(dir, Path.Combine(dir, "reference.h5"), Path.Combine(dir, "candidate.h5"), Path.Combine(dir, "scaled.h5"), Path.Combine(dir, "small.h5"));
        Write(sets.Reference, Grid, Enumerable.Range(1, Count), 1.0);
        Write(sets.Candidate, Grid, Enumerable.Range(101, Count), 1.0);
        Write(sets.Scaled, Grid, Enumerable.Range(101, Count), Math.Sqrt(PowerScale));
        Write(sets.SmallGrid, 8, Enumerable.Range(1, 3), 1.0);
        return sets;
    }

    private static void Write(string path, int n, IEnumerable<int> seeds, double amplitude)
    {
        var info = new FieldSetInfo(BoxSize, n, 0, FieldKind.Overdensity, "CIC", Cosmology.Quijote, "ValidationTestSets: Gaussian field, P ∝ k^-2");
        using var w = FieldSetWriter.Create(path, info);
        foreach (var s in seeds) w.Append(GaussianField(n, s, amplitude), s);
        w.Complete();
    }

    /// <summary>White noise (Box–Muller from System.Random(seed)) filtered by A(k) ∝ 1/|n|, A(0) = 0, normalised so that σ_δ = 0.3·amplitude.</summary>
    public static float[] GaussianField(int n, int seed, double amplitude = 1)
    {
        var rng = new Random(seed);
        var noise = new float[n * n * n];
        for (var i = 0; i < noise.Length; i++)
            noise[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
        // The filtered variance is the grid mean of A² (Parseval, unit white noise), summed over the full grid.
        double sumA2 = 0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var l = 0; l < n; l++)
                {
                    double m2 = Sq(Fold(i, n)) + Sq(Fold(j, n)) + Sq(Fold(l, n));
                    if (m2 > 0) sumA2 += 1 / m2;
                }
        var norm = 0.3 * amplitude / Math.Sqrt(sumA2 / ((double)n * n * n));
        var nz = n / 2 + 1;
        var filter = new double[n * n * nz];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var l = 0; l < nz; l++)
                {
                    double m2 = Sq(Fold(i, n)) + Sq(Fold(j, n)) + Sq(l);
                    filter[(i * n + j) * nz + l] = m2 > 0 ? norm / Math.Sqrt(m2) : 0;
                }
        using var scope = NewDisposeScope();
        var x = tensor(noise, [n, n, n]).to(ScalarType.Float64);
        var modes = fft.rfftn(x) * tensor(filter, [n, n, nz]);
        var field = fft.irfftn(modes, s: [n, n, n]).to(ScalarType.Float32).contiguous();
        return field.data<float>();
    }

    private static int Fold(int i, int n) => i <= n / 2 ? i : i - n;
    private static double Sq(double v) => v * v;
}
