using System.Text.RegularExpressions;
using SimEmulator.Data.Hdf5;
using SimEmulator.Data.Mesh;

namespace SimEmulator.Data.Gadget;

/// <summary>
/// An HDF5 particle snapshot (Gadget-2/3/4, Quijote, CAMELS, IllustrisTNG): /Header attributes, /PartTypeN/Coordinates,
/// Velocities, ParticleIDs, Masses; single file or <c>base.i.hdf5</c> parts. Read chunk by chunk through hyperslabs.
/// </summary>
public sealed partial class GadgetHdf5Snapshot
{
    private static readonly byte[] Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>1 Mpc in cm, Gadget's conversion for UnitLength_in_cm.</summary>
    public const double MpcInCm = 3.085678e24;

    private GadgetHdf5Snapshot(string source, IReadOnlyList<string> files, GadgetHeader header, IReadOnlyList<GadgetHeader> fileHeaders, double unit)
    {
        Source = source;
        Files = files;
        Header = header;
        FileHeaders = fileHeaders;
        LengthUnitToMpcH = unit;
    }

    public string Source { get; }
    public IReadOnlyList<string> Files { get; }
    /// <summary>The first file's header (NumPartThisFile is that file's; NumPartTotal the snapshot's).</summary>
    public GadgetHeader Header { get; }
    public IReadOnlyList<GadgetHeader> FileHeaders { get; }
    public double LengthUnitToMpcH { get; }
    public double BoxSizeMpcH => Header.BoxSize * LengthUnitToMpcH;

    /// <summary>True when the file starts with the HDF5 signature.</summary>
    public static bool IsHdf5File(string path)
    {
        if (!File.Exists(path)) return false;
        using var fs = File.OpenRead(path);
        Span<byte> head = stackalloc byte[8];
        return fs.ReadAtLeast(head, 8, throwOnEndOfStream: false) == 8 && head.SequenceEqual(Signature);
    }

    /// <summary>Finds the file(s) of an HDF5 snapshot from a base path (snap_004), a single file or any part.</summary>
    public static string? Locate(string path)
    {
        foreach (var candidate in new[] { path, path + ".hdf5", path + ".0.hdf5" })
            if (IsHdf5File(candidate)) return candidate;
        return null;
    }

    public static GadgetHdf5Snapshot Open(string path, double? lengthUnitToMpcH = null)
    {
        var first = Locate(path) ?? throw new GadgetFormatException(path,
            $"no HDF5 snapshot at '{path}': neither it, '{path}.hdf5' nor '{path}.0.hdf5' is an HDF5 file");
        var (header0, unitFromParams) = ReadHeader(first);
        var files = new List<string> { first };
        if (header0.NumFilesPerSnapshot > 1)
        {
            var m = PartName().Match(first);
            if (!m.Success)
                throw new GadgetFormatException(first, $"{first}: header says {header0.NumFilesPerSnapshot} files but the name is not of the form base.i.hdf5");
            files.Clear();
            var missing = new List<string>();
            for (var i = 0; i < header0.NumFilesPerSnapshot; i++)
            {
                var f = $"{m.Groups["base"].Value}.{i}.hdf5";
                if (File.Exists(f)) files.Add(f); else missing.Add(f);
            }
            if (missing.Count > 0)
                throw new GadgetFormatException(first, $"{first}: snapshot has {header0.NumFilesPerSnapshot} files; missing {string.Join(", ", missing)}");
        }
        var headers = files.Select(f => f == first ? header0 : ReadHeader(f).header).ToList();
        var unit = lengthUnitToMpcH ?? unitFromParams ?? GadgetUnits.GuessLengthUnitToMpcH(header0.BoxSize);
        return new GadgetHdf5Snapshot(path, files, headers[0], headers, unit);
    }

    [GeneratedRegex(@"^(?<base>.*)\.(?<i>\d+)\.hdf5$")]
    private static partial Regex PartName();

    private static (GadgetHeader header, double? unit) ReadHeader(string path)
    {
        using var f = H5File.Open(path);
        if (!f.Exists("Header")) throw new GadgetFormatException(path, $"{path}: HDF5 file has no /Header group; not a Gadget snapshot");
        using var h = f.Group("Header");
        var a = h.Attributes;
        var need = new[] { "NumPart_ThisFile", "NumPart_Total", "MassTable", "Time", "BoxSize" };
        var missing = need.Where(n => !a.Contains(n)).ToList();
        if (missing.Count > 0)
            throw new GadgetFormatException(path, $"{path}: /Header lacks attribute(s) {string.Join(", ", missing)}");
        var total = a.GetArray<long>("NumPart_Total");
        if (a.Contains("NumPart_Total_HighWord"))
        {
            var high = a.GetArray<long>("NumPart_Total_HighWord");
            for (var i = 0; i < total.Length && i < high.Length; i++) total[i] = (total[i] & 0xFFFFFFFFL) + (high[i] << 32);
        }
        H5Group? parameters = f.Exists("Parameters") ? f.Group("Parameters") : null;
        try
        {
            double Cosmo(string name) => a.Contains(name) ? a.Get<double>(name)
                : parameters is not null && parameters.Attributes.Contains(name) ? parameters.Attributes.Get<double>(name) : double.NaN;
            var time = a.Get<double>("Time");
            var header = new GadgetHeader
            {
                NumPartThisFile = Six(a.GetArray<long>("NumPart_ThisFile"), path, "NumPart_ThisFile"),
                NumPartTotal = Six(total, path, "NumPart_Total"),
                MassTable = Six(a.GetArray<double>("MassTable"), path, "MassTable"),
                Time = time,
                Redshift = a.Contains("Redshift") ? a.Get<double>("Redshift") : 1 / time - 1,
                BoxSize = a.Get<double>("BoxSize"),
                NumFilesPerSnapshot = a.Contains("NumFilesPerSnapshot") ? (int)a.Get<long>("NumFilesPerSnapshot") : 1,
                Omega0 = Cosmo("Omega0"),
                OmegaLambda = Cosmo("OmegaLambda"),
                HubbleParam = Cosmo("HubbleParam"),
            };
            double? unit = parameters is not null && parameters.Attributes.Contains("UnitLength_in_cm")
                ? parameters.Attributes.Get<double>("UnitLength_in_cm") / MpcInCm
                : null;
            return (header, unit);
        }
        finally
        {
            parameters?.Dispose();
        }
    }

    private static T[] Six<T>(T[] v, string path, string name) => v.Length == GadgetHeader.TypeCount ? v
        : throw new GadgetFormatException(path, $"{path}: /Header/{name} has {v.Length} entries, expected {GadgetHeader.TypeCount}");

    /// <summary>Streams particles of the given types (default: all present) in chunks of at most chunkSize.</summary>
    public IEnumerable<ParticleChunk> ReadChunks(int chunkSize = GadgetSnapshot.DefaultChunkSize, ParticleFields fields = ParticleFields.Positions,
        IEnumerable<int>? types = null)
    {
        if (chunkSize < 1) throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "chunk size must be positive");
        var wanted = (types ?? Enumerable.Range(0, GadgetHeader.TypeCount)).ToArray();
        float[]? pos = null, vel = null, mass = null;
        ulong[]? ids = null;
        for (var fi = 0; fi < Files.Count; fi++)
        {
            var path = Files[fi];
            var header = FileHeaders[fi];
            using var f = H5File.Open(path);
            foreach (var t in wanted)
            {
                var n = header.NumPartThisFile[t];
                if (n == 0) continue;
                var group = $"PartType{t}";
                if (!f.Exists(group))
                    throw new GadgetFormatException(path, $"{path}: header promises {n} particles of type {t} but there is no /{group}");
                using var g = f.Group(group);
                using var coords = (fields & ParticleFields.Positions) != 0 ? Require(g, path, group, "Coordinates", n, 3) : null;
                using var vels = (fields & ParticleFields.Velocities) != 0 ? Require(g, path, group, "Velocities", n, 3) : null;
                using var pids = (fields & ParticleFields.Ids) != 0 ? Require(g, path, group, "ParticleIDs", n, 1) : null;
                var perParticleMass = (fields & ParticleFields.Masses) != 0 && header.MassTable[t] == 0;
                using var masses = perParticleMass ? Require(g, path, group, "Masses", n, 1) : null;
                for (long s = 0; s < n; s += chunkSize)
                {
                    var c = (int)Math.Min(chunkSize, n - s);
                    var chunk = new ParticleChunk(t, fi, s, c);
                    if (coords is not null)
                    {
                        pos ??= new float[3L * chunkSize];
                        var span = pos.AsSpan(0, 3 * c);
                        coords.ReadHyperslab([s, 0], [c, 3], span, allowNarrowing: true);
                        if (LengthUnitToMpcH != 1.0)
                            for (var i = 0; i < span.Length; i++) span[i] = (float)(span[i] * LengthUnitToMpcH);
                        chunk = chunk with { Positions = pos.AsMemory(0, 3 * c) };
                    }
                    if (vels is not null)
                    {
                        vel ??= new float[3L * chunkSize];
                        vels.ReadHyperslab([s, 0], [c, 3], vel.AsSpan(0, 3 * c), allowNarrowing: true);
                        chunk = chunk with { Velocities = vel.AsMemory(0, 3 * c) };
                    }
                    if (pids is not null)
                    {
                        ids ??= new ulong[chunkSize];
                        pids.ReadHyperslab([s], [c], ids.AsSpan(0, c), allowNarrowing: true); // some codes store IDs as signed int64
                        chunk = chunk with { Ids = ids.AsMemory(0, c) };
                    }
                    if (masses is not null)
                    {
                        mass ??= new float[chunkSize];
                        masses.ReadHyperslab([s], [c], mass.AsSpan(0, c), allowNarrowing: true);
                        chunk = chunk with { Masses = mass.AsMemory(0, c) };
                    }
                    if ((fields & ParticleFields.Masses) != 0 && !perParticleMass) chunk = chunk with { ConstantMass = header.MassTable[t] };
                    yield return chunk;
                }
            }
        }
    }

    /// <summary>Deposits the snapshot onto an N³ periodic mesh chunk by chunk (as <see cref="GadgetSnapshot.DepositDensity(int, MassAssignment, int, IEnumerable{int}?, bool, int?)"/>).</summary>
    public SnapshotDensity DepositDensity(int gridSize, MassAssignment assignment, int chunkSize = GadgetSnapshot.DefaultChunkSize,
        IEnumerable<int>? types = null, bool weightByMass = true, int? maxDegreeOfParallelism = null)
    {
        if (!(BoxSizeMpcH > 0))
            throw new GadgetFormatException(Files[0], $"{Files[0]}: BoxSize is {Header.BoxSize}; a periodic box is needed to deposit onto a mesh");
        var selected = (types ?? Enumerable.Range(0, GadgetHeader.TypeCount).Where(t => Header.NumPartTotal[t] > 0)).ToArray();
        var fields = ParticleFields.Positions | (weightByMass ? ParticleFields.Masses : ParticleFields.None);
        var mesh = SnapshotDensity.Deposit(ReadChunks(chunkSize, fields, selected), gridSize, BoxSizeMpcH, assignment, weightByMass, maxDegreeOfParallelism);
        return new SnapshotDensity(mesh, Header, Source, selected, weightByMass, LengthUnitToMpcH);
    }

    private static H5Dataset Require(H5Group g, string path, string group, string name, long n, int width)
    {
        if (!g.Exists(name)) throw new GadgetFormatException(path, $"{path}: /{group} has no dataset '{name}'");
        var ds = g.Dataset(name);
        var shape = ds.Shape;
        var ok = width == 1 ? shape.Length == 1 && shape[0] == n : shape.Length == 2 && shape[0] == n && shape[1] == width;
        if (!ok)
        {
            ds.Dispose();
            var expected = width == 1 ? $"[{n}]" : $"[{n}, {width}]";
            throw new GadgetFormatException(path, $"{path}: /{group}/{name} has shape [{string.Join(", ", shape)}], expected {expected} from the header");
        }
        return ds;
    }
}
