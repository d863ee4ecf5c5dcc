using SimEmulator.Data.Layouts;

namespace SimEmulator.Tests.Validation.Reports;

/// <summary>
/// Small seeded image sets shared by the image-validation and CLI tests, written once per test run: 32 × 32 stamps at
/// 0.2 arcsec/pixel of elliptical exponential (Sérsic n = 1) galaxies, drawn at pixel centres, noiseless, one band "r".
/// </summary>
internal static class ImageTestSets
{
    public const int Size = 32;
    public const double PixelScale = 0.2;
    public const int Count = 48;

    private static readonly Lazy<Sets> Instance = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Sets Files => Instance.Value;

    /// <param name="Reference">Seeds 1…48: r½ log-normal about 1″ with σ_ln = 0.15.</param>
    /// <param name="Candidate">Seeds 101…148, the same distribution.</param>
    /// <param name="Broad">Seeds 101…148 with σ_ln(r½) = 0.6: same median size, broader spread.</param>
    /// <param name="Noisy">The reference images plus Gaussian noise of σ = <see cref="NoiseSigma"/> (seeded): a paired reconstruction.</param>
    public sealed record Sets(string Directory, string Reference, string Candidate, string Broad, string Noisy);

    /// <summary>Noise σ of <see cref="Sets.Noisy"/>, in image units (the central pixels are ≈ 0.01–0.2).</summary>
    public const double NoiseSigma = 1e-3;

    private static Sets Create()
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("simemu-validate-images-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { System.IO.Directory.Delete(dir, true); } catch (IOException) { } };
        var sets = new Sets(dir, Path.Combine(dir, "reference.h5"), Path.Combine(dir, "candidate.h5"), Path.Combine(dir, "broad.h5"), Path.Combine(dir, "noisy.h5"));
        Write(sets.Reference, 1, 0.15, 0);
        Write(sets.Candidate, 101, 0.15, 0);
        Write(sets.Broad, 101, 0.6, 0);
        Write(sets.Noisy, 1, 0.15, NoiseSigma);
        return sets;
    }

    private static void Write(string path, int seed0, double sigmaLnRadius, double noise)
    {
        var images = new float[Count * Size * Size];
        var seeds = new double[Count];
        var radii = new double[Count];
        var ratios = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            seeds[i] = seed0 + i;
            (radii[i], ratios[i]) = Draw(images.AsSpan(i * Size * Size, Size * Size), seed0 + i, sigmaLnRadius);
        }
        if (noise > 0)
        {
            var rng = new Random(12345);
            for (var p = 0; p < images.Length; p++)
                images[p] += (float)(noise * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
        }
        var info = new ImageSetInfo(PixelScale, ["r"], 0, noise, "ImageTestSets: exponential profiles");
        new ImageSet(info, images, [Count, 1, Size, Size], new Dictionary<string, double[]> { ["seed"] = seeds, ["half_light_radius"] = radii, ["axis_ratio"] = ratios }).Save(path);
    }

    /// <summary>
    /// One exponential profile I ∝ exp(−r_e/r_s), r_s = r½/1.6783 (the n = 1 Sérsic b_n), elliptical radius r_e² = x'² + (y'/q)²
    /// with q ∈ [0.6, 1] and a random position angle, flux log-normal about 1, centre within ±0.5 px of the stamp centre.
    /// Returns r½ along the major axis in arcsec (clamped to 0.4–2.5″ so the profile fits in the stamp) and q.
    /// </summary>
    private static (double HalfLightArcsec, double AxisRatio) Draw(Span<float> image, int seed, double sigmaLnRadius)
    {
        // SplitMix64-scrambled seed: System.Random's first outputs for consecutive seeds are nearly linear in the seed.
        var z = (ulong)seed * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        var rng = new Random((int)((z ^ (z >> 31)) & 0x7FFFFFFF));
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var halfLight = Math.Clamp(Math.Exp(sigmaLnRadius * Normal()), 0.4, 2.5);
        var q = 0.6 + 0.4 * rng.NextDouble();
        var angle = Math.PI * rng.NextDouble();
        var flux = Math.Exp(0.3 * Normal());
        double cx = (Size - 1) / 2.0 + rng.NextDouble() - 0.5, cy = (Size - 1) / 2.0 + rng.NextDouble() - 0.5;
        var rs = halfLight / PixelScale / 1.67834699;
        double sum = 0;
        var values = new double[Size * Size];
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
            {
                double dx = x - cx, dy = y - cy;
                double u = dx * Math.Cos(angle) + dy * Math.Sin(angle), v = -dx * Math.Sin(angle) + dy * Math.Cos(angle);
                values[y * Size + x] = Math.Exp(-Math.Sqrt(u * u + v * v / (q * q)) / rs);
                sum += values[y * Size + x];
            }
        for (var p = 0; p < values.Length; p++) image[p] = (float)(flux * values[p] / sum);
        return (halfLight, q);
    }
}
