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
/// Writes a field set (/fields float32 [N, n, n, n], /seeds int64 [N]) one realization at a time, under a
/// temporary name renamed on <see cref="Complete"/>; disposing it uncompleted leaves nothing behind.
/// </summary>
public sealed class FieldSetWriter : IDisposable
{
    private readonly H5AtomicFile file;
    private readonly H5Dataset fields, seeds;
    private readonly int grid;

    private FieldSetWriter(string path, FieldSetInfo info, int gzipLevel)
    {
        if (info.Grid < 1) throw new ArgumentOutOfRangeException(nameof(info), info.Grid, "grid must be at least 1");
        if (!(info.BoxSizeMpcH > 0)) throw new ArgumentOutOfRangeException(nameof(info), info.BoxSizeMpcH, "box size must be positive (Mpc/h)");
        grid = info.Grid;
        file = H5File.CreateAtomic(path);
        try
        {
            info.WriteTo(file.Attributes);
            long n = grid;
            // One realization per chunk: reading realization i touches one chunk, appends extend by whole chunks.
            fields = file.CreateDataset<float>("fields", [0, n, n, n], maxShape: [-1, n, n, n], chunks: [1, n, n, n],
                gzipLevel: gzipLevel, shuffle: gzipLevel > 0);
            seeds = file.CreateDataset<long>("seeds", [0], maxShape: [-1], chunks: [1024]);
        }
        catch
        {
            file.Dispose();
            throw;
        }
        Info = info;
    }

    public static FieldSetWriter Create(string path, FieldSetInfo info, int gzipLevel = 0) => new(path, info, gzipLevel);

    public FieldSetInfo Info { get; }
    public long Count { get; private set; }
    public string Path => file.FilePath;

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
        Count += k;
    }

    /// <summary>Closes the file and renames it to its final name.</summary>
    public void Complete()
    {
        fields.Dispose();
        seeds.Dispose();
        file.Commit();
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
