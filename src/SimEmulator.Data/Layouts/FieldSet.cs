using SimEmulator.Data.Hdf5;

namespace SimEmulator.Data.Layouts;

/// <summary>What a field δ (or 1+δ) means in a field set.</summary>
public enum FieldKind { Overdensity, Density }

/// <summary>Metadata of a field set: every cube in it shares the box, grid, redshift, cosmology and provenance.</summary>
/// <param name="BoxSizeMpcH">Side of the periodic box, Mpc/h.</param>
/// <param name="Grid">Cells per side n of each n³ cube.</param>
/// <param name="MassAssignment">NGP, CIC, TSC, or none.</param>
/// <param name="Source">What made the fields (a command, a snapshot path, a checkpoint).</param>
public sealed record FieldSetInfo(double BoxSizeMpcH, int Grid, double Redshift, FieldKind Kind, string MassAssignment, Cosmology Cosmology, string Source)
{
    internal static readonly string[] AttributeNames =
        ["box_size", "grid", "redshift", "kind", "mass_assignment", "source", .. Cosmology.AttributeNames];

    public static string KindText(FieldKind k) => k == FieldKind.Overdensity ? "overdensity" : "density";

    internal void WriteTo(H5Attributes a)
    {
        a.Set("box_size", BoxSizeMpcH);
        a.Set("grid", (long)Grid);
        a.Set("redshift", Redshift);
        a.Set("kind", KindText(Kind));
        a.Set("mass_assignment", MassAssignment);
        a.Set("source", Source);
        Cosmology.WriteTo(a);
    }
}

/// <summary>
/// Writes a field set (/fields float32 [N, n, n, n], /seeds int64 [N]) one realization at a time. <see cref="Create"/>
/// writes under a temporary name renamed on <see cref="Complete"/> (disposing uncompleted leaves nothing);
/// <see cref="CreateOrResume"/> keeps its progress in <c>path.partial</c>, flushed after every append, so an interrupted
/// run is continued by the next one and a finished file can be extended with more seeds.
/// </summary>
public sealed class FieldSetWriter : IDisposable
{
    private readonly H5File file;
    private readonly H5Dataset fields, seeds;
    private readonly int grid;
    private readonly string? partialPath;
    private readonly HashSet<long> existing;

    private FieldSetWriter(H5File file, FieldSetInfo info, string finalPath, string? partialPath, H5Dataset fields, H5Dataset seeds, long[] existingSeeds)
    {
        this.file = file;
        this.fields = fields;
        this.seeds = seeds;
        this.partialPath = partialPath;
        grid = info.Grid;
        Info = info;
        Path = finalPath;
        existing = [.. existingSeeds];
        Count = existingSeeds.Length;
    }

    private static void Check(FieldSetInfo info)
    {
        if (info.Grid < 1) throw new ArgumentOutOfRangeException(nameof(info), info.Grid, "grid must be at least 1");
        if (!(info.BoxSizeMpcH > 0)) throw new ArgumentOutOfRangeException(nameof(info), info.BoxSizeMpcH, "box size must be positive (Mpc/h)");
    }

    private static (H5Dataset fields, H5Dataset seeds) CreateDatasets(H5File f, FieldSetInfo info, int gzipLevel)
    {
        info.WriteTo(f.Attributes);
        long n = info.Grid;
        // One realization per chunk: reading realization i touches one chunk, appends extend by whole chunks.
        var fields = f.CreateDataset<float>("fields", [0, n, n, n], maxShape: [-1, n, n, n], chunks: [1, n, n, n],
            gzipLevel: gzipLevel, shuffle: gzipLevel > 0);
        var seeds = f.CreateDataset<long>("seeds", [0], maxShape: [-1], chunks: [1024]);
        return (fields, seeds);
    }

    /// <summary>A new field set under a temporary name; nothing appears at <paramref name="path"/> until <see cref="Complete"/>.</summary>
    public static FieldSetWriter Create(string path, FieldSetInfo info, int gzipLevel = 0)
    {
        Check(info);
        var f = H5File.CreateAtomic(path);
        try
        {
            var (fields, seeds) = CreateDatasets(f, info, gzipLevel);
            return new FieldSetWriter(f, info, path, null, fields, seeds, []);
        }
        catch
        {
            f.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Continues <c>path.partial</c> if an earlier run left one, else extends a finished <paramref name="path"/> (copied to
    /// .partial first, so the finished file stays intact until the new one completes), else starts afresh. The settings
    /// must match the existing file's; <see cref="Contains"/> tells which seeds are already there.
    /// </summary>
    public static FieldSetWriter CreateOrResume(string path, FieldSetInfo info, int gzipLevel = 0)
    {
        Check(info);
        var partial = path + ".partial";
        if (!File.Exists(partial) && File.Exists(path)) File.Copy(path, partial);
        if (!File.Exists(partial))
        {
            var created = H5File.Create(partial);
            try
            {
                var (fields, seeds) = CreateDatasets(created, info, gzipLevel);
                created.Flush();
                return new FieldSetWriter(created, info, path, partial, fields, seeds, []);
            }
            catch
            {
                created.Dispose();
                File.Delete(partial);
                throw;
            }
        }
        FieldSetInfo found;
        long[] done;
        using (var existing = FieldSet.Open(partial))
        {
            found = existing.Info;
            done = existing.Seeds;
        }
        if (!SameSettings(found, info))
            throw new LayoutException(partial, $"holds fields made with different settings ({Describe(found)}) than requested ({Describe(info)}); " +
                                               "delete it or write to another file");
        var f = H5File.Open(partial, H5FileMode.ReadWrite);
        try
        {
            return new FieldSetWriter(f, found, path, partial, f.Dataset("fields"), f.Dataset("seeds"), done);
        }
        catch
        {
            f.Dispose();
            throw;
        }
    }

    private static bool SameSettings(FieldSetInfo a, FieldSetInfo b) =>
        a.Grid == b.Grid && a.Kind == b.Kind && a.MassAssignment == b.MassAssignment && a.Source == b.Source &&
        Close(a.BoxSizeMpcH, b.BoxSizeMpcH) && Close(a.Redshift, b.Redshift) && a.Cosmology == b.Cosmology;

    private static bool Close(double x, double y) => Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x));

    private static string Describe(FieldSetInfo i) =>
        $"box {i.BoxSizeMpcH} Mpc/h, grid {i.Grid}, z {i.Redshift}, {FieldSetInfo.KindText(i.Kind)}, {i.MassAssignment}, source '{i.Source}'";

    public FieldSetInfo Info { get; }
    public long Count { get; private set; }
    public string Path { get; }

    /// <summary>Root attributes, for provenance beyond the layout's own (e.g. the checkpoint hash of generated fields).</summary>
    public H5Attributes Attributes => file.Attributes;

    /// <summary>Whether a realization with this seed is already in the file (always false for <see cref="Create"/>).</summary>
    public bool Contains(long seed) => existing.Contains(seed);

    /// <summary>Appends one n³ cube (C order, x slowest) and the seed that made it.</summary>
    public void Append(ReadOnlySpan<float> field, long seed) => AppendBatch(field, [seed]);

    /// <summary>Appends k cubes stored back to back, with their k seeds.</summary>
    public void AppendBatch(ReadOnlySpan<float> fields, ReadOnlySpan<long> seedsOfBatch)
    {
        long cell = (long)grid * grid * grid;
        var k = seedsOfBatch.Length;
        if (fields.Length != k * cell)
            throw new ArgumentException($"{k} seed(s) need {k}×{grid}³ = {k * cell} values, got {fields.Length}", nameof(fields));
        foreach (var v in fields)
            if (!float.IsFinite(v))
                throw new ArgumentException($"{Path}: refusing to write a field with NaN or Inf values", nameof(fields));
        this.fields.Append(fields, [k, grid, grid, grid]);
        seeds.Append(seedsOfBatch, [k]);
        foreach (var s in seedsOfBatch) existing.Add(s);
        Count += k;
        if (partialPath is not null) file.Flush(); // an interrupted run keeps everything appended so far
    }

    /// <summary>Closes the file and moves it to its final name.</summary>
    public void Complete()
    {
        fields.Dispose();
        seeds.Dispose();
        if (file is H5AtomicFile atomic) atomic.Commit();
        else
        {
            file.Dispose();
            File.Move(partialPath!, Path, overwrite: true);
        }
    }

    public void Dispose()
    {
        fields.Dispose();
        seeds.Dispose();
        file.Dispose();
    }
}

/// <summary>A field set opened for reading; realizations are read one at a time without loading the rest.</summary>
public sealed class FieldSet : IDisposable
{
    private readonly H5File file;
    private readonly H5Dataset fields;

    private FieldSet(H5File file, H5Dataset fields, FieldSetInfo info, long[] seeds)
    {
        this.file = file;
        this.fields = fields;
        Info = info;
        Seeds = seeds;
    }

    public FieldSetInfo Info { get; }
    public long[] Seeds { get; }
    public long Count => Seeds.Length;
    public string Path => file.FilePath;

    /// <summary>Opens and validates a field set, reporting every missing attribute or wrong shape at once.</summary>
    public static FieldSet Open(string path)
    {
        var file = H5File.Open(path);
        try
        {
            var checks = new LayoutChecks(path, "a field set");
            checks.RequireAttributes(file.Attributes, FieldSetInfo.AttributeNames);
            var fields = checks.RequireDataset(file, "fields", 4, "float32 [N, n, n, n]");
            using var seedsDs = checks.RequireDataset(file, "seeds", 1, "int64 [N]");
            checks.ThrowIfAny();
            var a = file.Attributes;
            var kindText = a.GetString("kind");
            var kind = kindText switch
            {
                "overdensity" => FieldKind.Overdensity,
                "density" => FieldKind.Density,
                _ => throw new LayoutException(path, $"attribute 'kind' is '{kindText}', expected 'overdensity' or 'density'"),
            };
            var info = new FieldSetInfo(a.Get<double>("box_size"), (int)a.Get<long>("grid"), a.Get<double>("redshift"), kind,
                a.GetString("mass_assignment"), Cosmology.ReadFrom(a), a.GetString("source"));
            var shape = fields!.Shape;
            if (shape[1] != info.Grid || shape[2] != info.Grid || shape[3] != info.Grid)
                throw new LayoutException(path, $"dataset 'fields' has shape [{string.Join(", ", shape)}] but attribute grid = {info.Grid}");
            var seeds = seedsDs!.Read<long>();
            if (seeds.Length != shape[0])
                throw new LayoutException(path, $"'seeds' has {seeds.Length} entries for {shape[0]} fields");
            return new FieldSet(file, fields, info, seeds);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Realization i as n³ values in C order (x slowest).</summary>
    public float[] ReadField(long i)
    {
        var n = (long)Info.Grid;
        var result = new float[n * n * n];
        ReadField(i, result);
        return result;
    }

    public void ReadField(long i, Span<float> destination)
    {
        if (i < 0 || i >= Count) throw new ArgumentOutOfRangeException(nameof(i), i, $"{Path} holds {Count} fields");
        long n = Info.Grid;
        fields.ReadHyperslab([i, 0, 0, 0], [1, n, n, n], destination);
    }

    public void Dispose()
    {
        fields.Dispose();
        file.Dispose();
    }
}
