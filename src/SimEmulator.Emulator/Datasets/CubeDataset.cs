using SimEmulator.Data.Hdf5;
using SimEmulator.Data.Layouts;
using SimEmulator.Emulator.Transforms;

namespace SimEmulator.Emulator.Datasets;

/// <summary>
/// Realizations of a field set held in memory as overdensity δ (a `density` set is converted to δ = ρ − 1 on load),
/// optionally only those whose seed is listed, with their /params columns. <see cref="Map"/> gives the same cubes in
/// a network's range.
/// </summary>
public sealed class CubeDataset
{
    private readonly float[][] cubes;

    private CubeDataset(FieldSetInfo info, long[] seeds, float[][] cubes, IReadOnlyDictionary<string, double[]> parameters,
        IDensityTransform? transform, string? path)
    {
        Info = info;
        Seeds = seeds;
        this.cubes = cubes;
        Params = parameters;
        Transform = transform;
        Path = path;
    }

    /// <summary>The file's metadata, with Kind = Overdensity: the cubes held are δ whatever the file stored.</summary>
    public FieldSetInfo Info { get; }

    /// <summary>Seed of each realization held, in file order.</summary>
    public long[] Seeds { get; }

    public int Count => cubes.Length;

    /// <summary>Cells per side n.</summary>
    public int Grid => Info.Grid;

    /// <summary>/params/&lt;name&gt; values of each realization held (empty if the file has none).</summary>
    public IReadOnlyDictionary<string, double[]> Params { get; }

    /// <summary>The transform applied by <see cref="Map"/>, or null when the cubes are δ.</summary>
    public IDensityTransform? Transform { get; }

    /// <summary>The file the cubes came from, or null for a dataset built in memory.</summary>
    public string? Path { get; }

    /// <summary>Realization i, n³ values in C order (x slowest).</summary>
    public ReadOnlySpan<float> Field(int i)
    {
        if ((uint)i >= (uint)cubes.Length) throw new ArgumentOutOfRangeException(nameof(i), i, $"the dataset holds {cubes.Length} realizations");
        return cubes[i];
    }

    internal float[] FieldArray(int i) => cubes[i];

    /// <summary>
    /// Reads a field set into memory: all realizations, or only those whose seed is in <paramref name="seeds"/> (kept
    /// in file order). Errors name the file: a requested seed that is missing, an empty selection, a cube with NaN/Inf
    /// (with its index and seed), a non-cubic or malformed layout. <paramref name="progress"/> gets the fraction read.
    /// </summary>
    public static CubeDataset Load(string path, IReadOnlyCollection<long>? seeds = null, IProgress<double>? progress = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (seeds is { Count: 0 })
            throw new ArgumentException($"{path}: the list of seeds to load is empty; pass null to load every realization", nameof(seeds));

        using var set = FieldSet.Open(path);
        var fileSeeds = set.Seeds;
        var selected = new List<int>(fileSeeds.Length);
        if (seeds is null)
            for (var i = 0; i < fileSeeds.Length; i++) selected.Add(i);
        else
        {
            var wanted = seeds.ToHashSet();
            for (var i = 0; i < fileSeeds.Length; i++)
                if (wanted.Contains(fileSeeds[i])) selected.Add(i);
            var missing = wanted.Except(fileSeeds).Order().ToList();
            if (missing.Count > 0)
                throw new ArgumentException(
                    $"{path}: no realization with seed{(missing.Count > 1 ? "s" : "")} {Preview(missing)} " +
                    $"(the file holds {fileSeeds.Length} seed(s){(fileSeeds.Length > 0 ? $" from {fileSeeds.Min()} to {fileSeeds.Max()}" : "")})",
                    nameof(seeds));
        }
        if (selected.Count == 0) throw new LayoutException(path, "the field set holds no realizations");

        var parameters = ReadParams(path, fileSeeds.Length, selected);
        var cells = CellsOf(set.Info.Grid);
        var cubes = new float[selected.Count][];
        for (var k = 0; k < selected.Count; k++)
        {
            var i = selected[k];
            var cube = new float[cells];
            set.ReadField(i, cube);
            var bad = FirstNonFinite(cube);
            if (bad >= 0)
                throw new LayoutException(path, $"realization {i} (seed {fileSeeds[i]}) has a non-finite value ({cube[bad]}) at cell {bad}; " +
                                                "regenerate it or leave its seed out");
            if (set.Info.Kind == FieldKind.Density) ToOverdensity(cube);
            cubes[k] = cube;
            progress?.Report((k + 1) / (double)selected.Count);
        }
        var seedsHeld = selected.Select(i => fileSeeds[i]).ToArray();
        return new CubeDataset(set.Info with { Kind = FieldKind.Overdensity }, seedsHeld, cubes, parameters, null, path);
    }

    /// <summary>
    /// A dataset from cubes already in memory (n³ values each, δ — or 1 + δ when info.Kind is Density, converted as
    /// <see cref="Load"/> does), with optional per-realization parameters. The arrays are copied.
    /// </summary>
    public static CubeDataset FromCubes(FieldSetInfo info, IReadOnlyList<long> seeds, IReadOnlyList<float[]> cubes,
        IReadOnlyDictionary<string, double[]>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(cubes);
        if (cubes.Count == 0) throw new ArgumentException("a dataset needs at least one cube", nameof(cubes));
        if (seeds.Count != cubes.Count) throw new ArgumentException($"{seeds.Count} seeds for {cubes.Count} cubes", nameof(seeds));
        var cells = CellsOf(info.Grid);
        var copies = new float[cubes.Count][];
        for (var i = 0; i < cubes.Count; i++)
        {
            if (cubes[i].Length != cells)
                throw new ArgumentException($"cube {i} holds {cubes[i].Length} values, expected n³ = {cells} for grid {info.Grid}", nameof(cubes));
            var bad = FirstNonFinite(cubes[i]);
            if (bad >= 0) throw new ArgumentException($"cube {i} (seed {seeds[i]}) has a non-finite value at cell {bad}", nameof(cubes));
            copies[i] = (float[])cubes[i].Clone();
            if (info.Kind == FieldKind.Density) ToOverdensity(copies[i]);
        }
        var ps = new Dictionary<string, double[]>();
        foreach (var (name, column) in parameters ?? new Dictionary<string, double[]>())
        {
            if (column.Length != cubes.Count)
                throw new ArgumentException($"parameter '{name}' has {column.Length} values for {cubes.Count} cubes", nameof(parameters));
            ps[name] = (double[])column.Clone();
        }
        return new CubeDataset(info with { Kind = FieldKind.Overdensity }, [.. seeds], copies, ps, null, null);
    }

    /// <summary>
    /// A new dataset with <paramref name="t"/>.Forward applied to every cube (pointwise, so it commutes with the
    /// augmentation symmetries and crops). Seeds, parameters and metadata are shared; only δ cubes can be mapped.
    /// </summary>
    public CubeDataset Map(IDensityTransform t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (Transform is not null)
            throw new InvalidOperationException($"the cubes are already mapped by '{Transform.Name}'; map the overdensity dataset instead");
        var mapped = new float[cubes.Length][];
        try
        {
            Parallel.For(0, cubes.Length, i =>
            {
                var y = new float[cubes[i].Length];
                try { t.Forward(cubes[i], y); }
                catch (ArgumentException e)
                {
                    throw new ArgumentException($"{Path ?? "dataset"}: realization {i} (seed {Seeds[i]}): {e.Message}", nameof(t), e);
                }
                mapped[i] = y;
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Report the first failing cube as itself, not wrapped by Parallel.For.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return new CubeDataset(Info, Seeds, mapped, Params, t, Path);
    }

    private static Dictionary<string, double[]> ReadParams(string path, int count, List<int> selected)
    {
        var result = new Dictionary<string, double[]>();
        using var f = H5File.Open(path);
        if (!f.Exists("params")) return result;
        if (f.KindOf("params") != H5ObjectKind.Group) throw new LayoutException(path, "'params' must be a group of float64 [N] datasets");
        using var g = f.Group("params");
        foreach (var name in g.Names)
        {
            using var ds = g.Dataset(name);
            if (ds.Rank != 1 || ds.Shape[0] != count)
                throw new LayoutException(path, $"dataset 'params/{name}' has shape [{string.Join(", ", ds.Shape)}], expected float64 [{count}] (one value per realization)");
            var column = ds.Read<double>(allowNarrowing: false);
            result[name] = selected.Select(i => column[i]).ToArray();
        }
        return result;
    }

    private static int CellsOf(int grid)
    {
        var cells = (long)grid * grid * grid;
        if (grid < 1 || cells > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(grid), grid, "grid too large to hold a cube in one array");
        return (int)cells;
    }

    private static int FirstNonFinite(float[] cube)
    {
        for (var i = 0; i < cube.Length; i++)
            if (!float.IsFinite(cube[i])) return i;
        return -1;
    }

    private static void ToOverdensity(float[] cube)
    {
        for (var i = 0; i < cube.Length; i++) cube[i] -= 1f;
    }

    private static string Preview(List<long> seeds) =>
        seeds.Count <= 10 ? string.Join(", ", seeds) : $"{string.Join(", ", seeds.Take(10))} and {seeds.Count - 10} more";
}
