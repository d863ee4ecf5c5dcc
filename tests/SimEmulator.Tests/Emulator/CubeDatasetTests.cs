using SimEmulator.Data.Hdf5;
using SimEmulator.Data.Layouts;
using SimEmulator.Emulator.Datasets;
using SimEmulator.Emulator.Transforms;

namespace SimEmulator.Tests.Emulator;

public sealed class CubeDatasetTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("simemu-cubedataset-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private const int N = 4;
    private static readonly float[][] Cubes = [.. Enumerable.Range(0, 5).Select(i => EmulatorTestData.LognormalDelta(N, (ulong)(100 + i)))];
    private static readonly long[] FileSeeds = [11, 12, 13, 14, 15];
    private static readonly double[] Sigma8 = [0.7, 0.75, 0.8, 0.85, 0.9];

    private string Write(string name = "sims.h5", FieldKind kind = FieldKind.Overdensity, IReadOnlyList<float[]>? cubes = null)
    {
        var path = Path.Combine(dir, name);
        EmulatorTestData.WriteFieldSet(path, EmulatorTestData.Info(N, kind), cubes ?? Cubes, FileSeeds,
            new Dictionary<string, double[]> { ["sigma_8"] = Sigma8 });
        return path;
    }

    [Fact]
    public void Load_holds_every_realization_bit_for_bit_with_its_seed_and_params()
    {
        var path = Write();
        var fractions = new List<double>();
        var data = CubeDataset.Load(path, progress: new SyncProgress(fractions));
        Assert.Equal(5, data.Count);
        Assert.Equal(N, data.Grid);
        Assert.Equal(FileSeeds, data.Seeds);
        for (var i = 0; i < 5; i++) Assert.Equal(Cubes[i], data.Field(i).ToArray());
        Assert.Equal(Sigma8, data.Params["sigma_8"]);
        Assert.Equal(path, data.Path);
        Assert.Null(data.Transform);
        Assert.Equal([0.2, 0.4, 0.6, 0.8, 1.0], fractions.Select(f => Math.Round(f, 12)));
    }

    [Fact]
    public void Load_of_listed_seeds_keeps_file_order_and_subsets_the_params()
    {
        var data = CubeDataset.Load(Write(), [15L, 12]);
        Assert.Equal([12L, 15], data.Seeds);
        Assert.Equal(Cubes[1], data.Field(0).ToArray());
        Assert.Equal(Cubes[4], data.Field(1).ToArray());
        Assert.Equal([0.75, 0.9], data.Params["sigma_8"]);
    }

    [Fact]
    public void Density_sets_are_converted_to_overdensity_on_load()
    {
        var rho = Cubes.Select(c => c.Select(v => v + 1f).ToArray()).ToArray();
        var data = CubeDataset.Load(Write("rho.h5", FieldKind.Density, rho));
        Assert.Equal(FieldKind.Overdensity, data.Info.Kind);
        // δ = ρ − 1 computed in float32, exactly as the loader documents.
        Assert.Equal(rho[2].Select(v => v - 1f), data.Field(2).ToArray());
    }

    [Fact]
    public void Missing_seed_is_reported_with_the_file_and_the_seed()
    {
        var path = Write();
        var e = Assert.Throws<ArgumentException>(() => CubeDataset.Load(path, [12L, 99]));
        Assert.Contains(path, e.Message);
        Assert.Contains("seed 99", e.Message);
        Assert.Contains("from 11 to 15", e.Message);
    }

    [Fact]
    public void NaN_cube_is_reported_with_the_file_realization_index_and_seed()
    {
        var path = Write();
        var bad = (float[])Cubes[3].Clone();
        bad[17] = float.NaN;
        using (var f = H5File.Open(path, H5FileMode.ReadWrite))
        using (var fields = f.Dataset("fields"))
            fields.WriteHyperslab<float>([3, 0, 0, 0], [1, N, N, N], bad); // FieldSetWriter refuses NaN, so patch the file
        var e = Assert.Throws<LayoutException>(() => CubeDataset.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("realization 3 (seed 14)", e.Message);
        Assert.Contains("cell 17", e.Message);
        // Leaving that seed out loads the rest.
        Assert.Equal(4, CubeDataset.Load(path, [11L, 12, 13, 15]).Count);
    }

    [Fact]
    public void Nonexistent_file_is_reported_by_name()
    {
        var path = Path.Combine(dir, "nope.h5");
        var e = Assert.Throws<FileNotFoundException>(() => CubeDataset.Load(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Empty_set_and_non_cubic_fields_are_reported_with_the_file()
    {
        var empty = Path.Combine(dir, "empty.h5");
        using (var w = FieldSetWriter.Create(empty, EmulatorTestData.Info(N))) w.Complete();
        var e = Assert.Throws<LayoutException>(() => CubeDataset.Load(empty));
        Assert.Contains(empty, e.Message);
        Assert.Contains("no realizations", e.Message);

        // A field set whose /fields is [1, 4, 4, 2]: written by hand, since FieldSetWriter only writes cubes.
        var flat = Path.Combine(dir, "flat.h5");
        using (var f = H5File.Create(flat))
        {
            var a = f.Attributes;
            a.Set("box_size", 100.0);
            a.Set("grid", 4L);
            a.Set("redshift", 0.0);
            a.Set("kind", "overdensity");
            a.Set("mass_assignment", "CIC");
            a.Set("source", "test");
            foreach (var c in new[] { "omega_m", "omega_b", "h", "n_s", "sigma_8" }) a.Set(c, 0.5);
            using (f.WriteDataset<float>("fields", new float[32], [1, 4, 4, 2])) { }
            using (f.WriteDataset<long>("seeds", new long[] { 1 }, [1])) { }
        }
        e = Assert.Throws<LayoutException>(() => CubeDataset.Load(flat));
        Assert.Contains(flat, e.Message);
        Assert.Contains("[1, 4, 4, 2]", e.Message);
    }

    [Fact]
    public void Map_applies_the_transform_to_every_cube_and_refuses_to_map_twice()
    {
        var data = CubeDataset.Load(Write());
        var t = new RodriguezTransform();
        var mapped = data.Map(t);
        var expected = new float[N * N * N];
        for (var i = 0; i < data.Count; i++)
        {
            t.Forward(data.Field(i), expected);
            Assert.Equal(expected, mapped.Field(i).ToArray());
        }
        Assert.Equal(data.Seeds, mapped.Seeds);
        Assert.Same(t, mapped.Transform);
        Assert.Equal(Cubes[0], data.Field(0).ToArray()); // the original is untouched
        Assert.Throws<InvalidOperationException>(() => mapped.Map(t));
    }

    [Fact]
    public void Map_reports_a_cube_outside_the_transform_domain_by_realization_and_seed()
    {
        var bad = (float[])Cubes[1].Clone();
        bad[5] = -2f; // ρ < 0: impossible for a density, outside rodriguez's domain δ ≥ −1
        var data = CubeDataset.FromCubes(EmulatorTestData.Info(N), [7L, 8], [Cubes[0], bad]);
        var e = Assert.Throws<ArgumentException>(() => data.Map(new RodriguezTransform()));
        Assert.Contains("realization 1 (seed 8)", e.Message);
        Assert.Contains("element 5", e.Message);
    }

    /// <summary>IProgress that records synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress(List<double> sink) : IProgress<double>
    {
        public void Report(double value) => sink.Add(value);
    }
}
