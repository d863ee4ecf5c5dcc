using SimEmulator.Emulator.Datasets;
using static SimEmulator.Torch.torch;
using SimEmulator.Data.Randomness;

namespace SimEmulator.Tests.Emulator;

public class CubeSamplerTests
{
    private const int N = 6;

    private static readonly CubeDataset Data = CubeDataset.FromCubes(EmulatorTestData.Info(N), [21L, 22, 23],
        [EmulatorTestData.LognormalDelta(N, 1), EmulatorTestData.LognormalDelta(N, 2), EmulatorTestData.LognormalDelta(N, 3)],
        new Dictionary<string, double[]> { ["sigma_8"] = [0.7, 0.8, 0.9], ["omega_m"] = [0.25, 0.3, 0.35] });

    private static (float[] Cubes, float[]? Conditions) Draw(CubeSampler s, int batch)
    {
        var (cubes, conditions) = s.NextBatch(batch);
        using (cubes)
        using (conditions)
            return (cubes.data<float>(), conditions?.data<float>());
    }

    private static int FindCube(ReadOnlySpan<float> sample)
    {
        for (var r = 0; r < Data.Count; r++)
            if (sample.SequenceEqual(Data.Field(r))) return r;
        return -1;
    }

    [Fact]
    public void Same_rng_seed_gives_identical_batches_and_a_restored_state_continues_them()
    {
        var a = new CubeSampler(Data, 4, augment: true, new Xoshiro256StarStar(9), ["omega_m", "sigma_8"]);
        var rngB = new Xoshiro256StarStar(9);
        var b = new CubeSampler(Data, 4, augment: true, rngB, ["omega_m", "sigma_8"]);
        var first = Draw(a, 5);
        Assert.Equal(first.Cubes, Draw(b, 5).Cubes);
        // Resume: a new sampler on a generator restored from the saved state draws what the original draws next.
        var saved = rngB.State;
        var next = Draw(b, 5);
        var resumed = new CubeSampler(Data, 4, augment: true, new Xoshiro256StarStar(0) { State = saved }, ["omega_m", "sigma_8"]);
        var again = Draw(resumed, 5);
        Assert.Equal(next.Cubes, again.Cubes);
        Assert.Equal(next.Conditions, again.Conditions);
        Assert.NotEqual(first.Cubes, next.Cubes);
    }

    [Fact]
    public void Without_augmentation_full_size_samples_are_exact_dataset_cubes_with_their_params()
    {
        var s = new CubeSampler(Data, N, augment: false, new Xoshiro256StarStar(4), ["sigma_8", "omega_m"]);
        var (cubes, conditions) = s.NextBatch(12);
        using (cubes)
        using (conditions)
        {
            Assert.Equal([12L, 1, N, N, N], cubes.shape);
            Assert.Equal(float32, cubes.dtype);
            Assert.Equal([12L, 2], conditions!.shape);
            var values = cubes.data<float>();
            var c = conditions.data<float>();
            var seen = new HashSet<int>();
            for (var b = 0; b < 12; b++)
            {
                var r = FindCube(values.AsSpan(b * N * N * N, N * N * N));
                Assert.True(r >= 0, $"sample {b} is not a dataset cube");
                seen.Add(r);
                // Conditions in the requested order: sigma_8 then omega_m of the realization drawn.
                Assert.Equal((float)Data.Params["sigma_8"][r], c[2 * b]);
                Assert.Equal((float)Data.Params["omega_m"][r], c[2 * b + 1]);
            }
            Assert.Equal(3, seen.Count); // 12 uniform draws of 3 miss one with probability 3·(2/3)¹² ≈ 2 %; seed 4 hits all
        }
    }

    [Fact]
    public void Without_augmentation_crops_are_non_wrapping_sub_cubes()
    {
        const int m = 3;
        var (cubes, _) = Draw(new CubeSampler(Data, m, augment: false, new Xoshiro256StarStar(6)), 8);
        var crop = new float[m * m * m];
        for (var b = 0; b < 8; b++)
        {
            var sample = cubes.AsSpan(b * crop.Length, crop.Length);
            var found = false;
            for (var r = 0; r < Data.Count && !found; r++)
                for (var o = 0; o < (N - m + 1) * (N - m + 1) * (N - m + 1) && !found; o++)
                {
                    int ox = o / ((N - m + 1) * (N - m + 1)), oy = o / (N - m + 1) % (N - m + 1), oz = o % (N - m + 1);
                    CubeSymmetry.RollCrop(Data.Field(r), N, crop, m, ox, oy, oz);
                    found = sample.SequenceEqual(crop);
                }
            Assert.True(found, $"sample {b} is not an offset sub-cube in [0, n − m]³ of any realization");
        }
    }

    [Fact]
    public void Augmented_full_size_samples_are_rolled_symmetric_copies_of_dataset_cubes()
    {
        var (cubes, conditions) = Draw(new CubeSampler(Data, N, augment: true, new Xoshiro256StarStar(8)), 6);
        Assert.Null(conditions);
        var sorted = Enumerable.Range(0, Data.Count).Select(r => Data.Field(r).ToArray().Order().ToArray()).ToArray();
        var cells = N * N * N;
        var identical = 0;
        for (var b = 0; b < 6; b++)
        {
            var sample = cubes.AsSpan(b * cells, cells);
            // A roll and a symmetry permute cells: the multiset of values is one realization's.
            var values = sample.ToArray().Order().ToArray();
            Assert.Contains(sorted, s => s.SequenceEqual(values));
            if (FindCube(sample) >= 0) identical++;
        }
        Assert.True(identical < 6, "augmentation never changed a cube");
    }

    [Fact]
    public void Unknown_conditioning_name_lists_the_params_present()
    {
        var e = Assert.Throws<ArgumentException>(() => new CubeSampler(Data, N, false, new Xoshiro256StarStar(1), ["h"]));
        Assert.Contains("/params/h", e.Message);
        Assert.Contains("omega_m, sigma_8", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CubeSampler(Data, N + 1, false, new Xoshiro256StarStar(1)));
    }
}
