using System.Text.RegularExpressions;
using SimEmulator.Data.Mesh;

namespace SimEmulator.Data.Gadget;

/// <summary>
/// A Gadget binary snapshot (SnapFormat 1 or 2, either byte order, one or several files), read as a stream of
/// particle chunks so that no more than one chunk is ever in memory:
/// <code>
/// var snap = GadgetSnapshot.Open("run/snap_005");                 // finds snap_005.0 … snap_005.N-1
/// foreach (var c in snap.ReadChunks(1 &lt;&lt; 20)) mesh.Deposit(c.Positions.Span);
/// var rho = GadgetSnapshot.DepositDensity("run/snap_005", 256, MassAssignment.CIC);
/// </code>
/// </summary>
public sealed partial class GadgetSnapshot
{
    /// <summary>Particles per chunk when none is given: 2²⁰ (12 MB of float32 positions).</summary>
    public const int DefaultChunkSize = 1 << 20;

    /// <summary>Largest chunk: keeps every buffer (3 values × 8 bytes × K) under 2 GB.</summary>
    public const int MaxChunkSize = 1 << 26;

    private readonly GadgetFile[] _files;

    private GadgetSnapshot(string source, GadgetFile[] files, GadgetHeader header, double lengthUnitToMpcH)
    {
        Source = source;
        _files = files;
        Header = header;
        LengthUnitToMpcH = lengthUnitToMpcH;
    }

    /// <summary>The path the snapshot was opened by, reduced to its base (snap_005 for snap_005.3) when it has several files.</summary>
    public string Source { get; }

    /// <summary>The files in order, snap.0 … snap.N−1 (one entry for a single-file snapshot).</summary>
    public IReadOnlyList<string> Files => _files.Select(f => f.Path).ToArray();

    /// <summary>The first file's header; <see cref="GadgetHeader.NumPartTotal"/> is checked against the sum over files.</summary>
    public GadgetHeader Header { get; }

    /// <summary>Each file's own header (NumPartThisFile differs between files).</summary>
    public IReadOnlyList<GadgetHeader> FileHeaders => _files.Select(f => f.Header).ToArray();

    /// <summary>SnapFormat of the first file.</summary>
    public GadgetFormat Format => _files[0].Format;

    /// <summary>True when the first file is big-endian (values are byte-swapped on reading).</summary>
    public bool IsBigEndian => _files[0].BigEndian;

    /// <summary>True when positions are stored as float64 (they are returned as float32 all the same).</summary>
    public bool HasDoublePrecisionPositions => _files.Any(f => f.Blocks.TryGetValue("POS", out var b) && b.ElementBytes == 8);

    /// <summary>Factor from the code length unit to Mpc/h (1e-3 for kpc/h), given to <see cref="Open"/> or guessed from BoxSize.</summary>
    public double LengthUnitToMpcH { get; }

    /// <summary>Box side in Mpc/h.</summary>
    public double BoxSizeMpcH => Header.BoxSize * LengthUnitToMpcH;

    /// <summary>
    /// Opens a snapshot by its base path (<c>snap_005</c>, which finds snap_005.0 … by the header's num_files), by any
    /// one of its files (<c>snap_005.3</c>), or by a single-file snapshot's path. Every file is scanned — record markers
    /// and block sizes against its header — before this returns, so corrupt, truncated or missing parts fail here.
    /// </summary>
    /// <param name="path">Base path or file path.</param>
    /// <param name="lengthUnitToMpcH">Code length unit in Mpc/h (1e-3 for kpc/h); null guesses it with <see cref="GadgetUnits.GuessLengthUnitToMpcH"/>.</param>
    public static GadgetSnapshot Open(string path, double? lengthUnitToMpcH = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (lengthUnitToMpcH is { } u && !(u > 0 && double.IsFinite(u)))
            throw new ArgumentOutOfRangeException(nameof(lengthUnitToMpcH), u, "'lengthUnitToMpcH' must be a positive factor (1 for Mpc/h, 1e-3 for kpc/h)");

        string source;
        GadgetFile first;
        if (File.Exists(path))
        {
            first = GadgetFile.Scan(path);
            if (first.Header.NumFilesPerSnapshot <= 1) return Create(path, [first], lengthUnitToMpcH);
            var m = PartSuffix().Match(path);
            if (!m.Success)
                throw new GadgetFormatException(path,
                    $"{path}: the header says the snapshot is split into {first.Header.NumFilesPerSnapshot} files (num_files), but the name does not end in .<file number>, so the other parts cannot be found", "HEAD", 0);
            source = m.Groups[1].Value;
        }
        else if (File.Exists(path + ".0"))
        {
            source = path;
            first = GadgetFile.Scan(path + ".0");
        }
        else
        {
            throw new FileNotFoundException($"no Gadget snapshot at '{path}': neither '{path}' nor '{path}.0' exists", path);
        }

        var count = Math.Max(1, first.Header.NumFilesPerSnapshot);
        var names = Enumerable.Range(0, count).Select(i => $"{source}.{i}").ToArray();
        var missing = names.Where(n => !File.Exists(n)).ToArray();
        if (missing.Length > 0)
            throw new FileNotFoundException(
                $"Gadget snapshot '{source}' has {count} files (num_files in {first.Path}) but {missing.Length} {(missing.Length == 1 ? "is" : "are")} missing: {string.Join(", ", missing)}",
                missing[0]);
        var files = names.Select(n => n == first.Path ? first : GadgetFile.Scan(n)).ToArray();
        return Create(source, files, lengthUnitToMpcH);
    }

    /// <summary>
    /// Streams particles in chunks of at most <paramref name="chunkSize"/>, file by file and, within a file, type by type
    /// in ascending order. Chunk memory is reused: each chunk is valid until the next one is requested.
    /// </summary>
    /// <param name="chunkSize">K, particles per chunk at most.</param>
    /// <param name="fields">Quantities to read; positions come in Mpc/h, the rest as stored.</param>
    /// <param name="types">Particle types to read (0–5); null reads every type present.</param>
    public IEnumerable<ParticleChunk> ReadChunks(int chunkSize = DefaultChunkSize, ParticleFields fields = ParticleFields.Positions, IEnumerable<int>? types = null)
    {
        if (chunkSize < 1 || chunkSize > MaxChunkSize)
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, $"'chunkSize' must be in 1..{MaxChunkSize} particles");
        var selected = SelectTypes(types);
        // Fail at the door: every block the read will need must be present in every file that has such particles.
        foreach (var f in _files)
        {
            if (!selected.Any(t => f.Header.NumPartThisFile[t] > 0)) continue;
            if (fields.HasFlag(ParticleFields.Positions)) f.Require("POS", "positions");
            if (fields.HasFlag(ParticleFields.Velocities)) f.Require("VEL", "velocities");
            if (fields.HasFlag(ParticleFields.Ids)) f.Require("ID", "particle IDs");
            if (fields.HasFlag(ParticleFields.Masses) && selected.Any(t => f.Header.NumPartThisFile[t] > 0 && f.Header.HasIndividualMasses(t)))
                f.Require("MASS", "the masses of particle types whose mass-table entry is 0");
        }
        return Stream(chunkSize, fields, selected);
    }

    /// <summary>Deposits the snapshot onto an N³ periodic mesh chunk by chunk; see the static overload.</summary>
    public SnapshotDensity DepositDensity(int gridSize, MassAssignment assignment, int chunkSize = DefaultChunkSize,
        IEnumerable<int>? types = null, bool weightByMass = true, int? maxDegreeOfParallelism = null)
    {
        if (!(BoxSizeMpcH > 0))
            throw new GadgetFormatException(_files[0].Path, $"{_files[0].Path}: BoxSize is {Header.BoxSize}; a periodic box is needed to deposit onto a mesh", "HEAD", 0);
        var selected = SelectTypes(types);
        var fields = ParticleFields.Positions | (weightByMass ? ParticleFields.Masses : ParticleFields.None);
        var mesh = SnapshotDensity.Deposit(ReadChunks(chunkSize, fields, selected), gridSize, BoxSizeMpcH, assignment, weightByMass, maxDegreeOfParallelism);
        return new SnapshotDensity(mesh, Header, Source, selected, weightByMass, LengthUnitToMpcH);
    }

    /// <summary>
    /// Reads a snapshot and deposits it onto an N³ periodic mesh in one streaming pass (what <c>simemu ingest gadget</c>
    /// runs). By default every particle type present is deposited weighted by its mass (mass table or MASS block), which
    /// gives the total matter density; with <paramref name="weightByMass"/> false each particle counts 1.
    /// </summary>
    /// <param name="path">Base path or any file of the snapshot (see <see cref="Open"/>); HDF5 snapshots are recognised by their signature.</param>
    /// <param name="gridSize">N, cells per side.</param>
    /// <param name="assignment">NGP, CIC or TSC.</param>
    /// <param name="chunkSize">Particles read and deposited at a time.</param>
    /// <param name="types">Particle types to deposit; null for all present.</param>
    /// <param name="weightByMass">Weight each particle by its mass (true) or by 1.</param>
    /// <param name="lengthUnitToMpcH">Code length unit in Mpc/h; null guesses from BoxSize.</param>
    public static SnapshotDensity DepositDensity(string path, int gridSize, MassAssignment assignment, int chunkSize = DefaultChunkSize,
        IEnumerable<int>? types = null, bool weightByMass = true, double? lengthUnitToMpcH = null) =>
        GadgetHdf5Snapshot.Locate(path) is not null
            ? GadgetHdf5Snapshot.Open(path, lengthUnitToMpcH).DepositDensity(gridSize, assignment, chunkSize, types, weightByMass)
            : Open(path, lengthUnitToMpcH).DepositDensity(gridSize, assignment, chunkSize, types, weightByMass);

    private IEnumerable<ParticleChunk> Stream(int chunkSize, ParticleFields fields, int[] types)
    {
        var positions = fields.HasFlag(ParticleFields.Positions) ? new float[3 * chunkSize] : null;
        var velocities = fields.HasFlag(ParticleFields.Velocities) ? new float[3 * chunkSize] : null;
        var ids = fields.HasFlag(ParticleFields.Ids) ? new ulong[chunkSize] : null;
        var masses = fields.HasFlag(ParticleFields.Masses) ? new float[chunkSize] : null;
        var scratch = Array.Empty<byte>();

        for (var fileIndex = 0; fileIndex < _files.Length; fileIndex++)
        {
            var file = _files[fileIndex];
            var h = file.Header;
            if (!types.Any(t => h.NumPartThisFile[t] > 0)) continue;
            using var handle = File.OpenHandle(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            foreach (var type in types)
            {
                var n = h.NumPartThisFile[type];
                long before = 0;
                for (var t = 0; t < type; t++) before += h.NumPartThisFile[t];
                var beforeMass = file.MassBlockParticles(type);
                double? constantMass = h.HasIndividualMasses(type) ? null : h.MassTable[type];

                for (long start = 0; start < n; start += chunkSize)
                {
                    var count = (int)Math.Min(chunkSize, n - start);
                    var chunk = new ParticleChunk(type, fileIndex, start, count) { ConstantMass = constantMass };
                    if (positions != null)
                    {
                        file.ReadReals(handle, file.Blocks["POS"], 3 * (before + start), positions.AsSpan(0, 3 * count), LengthUnitToMpcH, ref scratch);
                        chunk = chunk with { Positions = positions.AsMemory(0, 3 * count) };
                    }
                    if (velocities != null)
                    {
                        file.ReadReals(handle, file.Blocks["VEL"], 3 * (before + start), velocities.AsSpan(0, 3 * count), 1.0, ref scratch);
                        chunk = chunk with { Velocities = velocities.AsMemory(0, 3 * count) };
                    }
                    if (ids != null)
                    {
                        file.ReadIds(handle, file.Blocks["ID"], before + start, ids.AsSpan(0, count), ref scratch);
                        chunk = chunk with { Ids = ids.AsMemory(0, count) };
                    }
                    if (masses != null && constantMass is null)
                    {
                        file.ReadReals(handle, file.Blocks["MASS"], beforeMass + start, masses.AsSpan(0, count), 1.0, ref scratch);
                        chunk = chunk with { Masses = masses.AsMemory(0, count) };
                    }
                    yield return chunk;
                }
            }
        }
    }

    private int[] SelectTypes(IEnumerable<int>? types)
    {
        if (types is null)
            return Enumerable.Range(0, GadgetHeader.TypeCount).Where(t => Header.NumPartTotal[t] > 0).ToArray();
        var list = types.ToArray();
        foreach (var t in list)
            if (t < 0 || t >= GadgetHeader.TypeCount)
                throw new ArgumentOutOfRangeException(nameof(types), t, "Gadget particle types are 0..5 (gas, halo, disk, bulge, stars, boundary)");
        return list.Distinct().Order().ToArray();
    }

    // Checks that the files belong together and that their particle counts add up to the header's totals.
    private static GadgetSnapshot Create(string source, GadgetFile[] files, double? lengthUnitToMpcH)
    {
        var first = files[0];
        var h = first.Header;
        foreach (var f in files.Skip(1))
        {
            var g = f.Header;
            string? what = null;
            if (g.NumFilesPerSnapshot != h.NumFilesPerSnapshot) what = $"num_files {g.NumFilesPerSnapshot} vs {h.NumFilesPerSnapshot}";
            else if (g.BoxSize != h.BoxSize) what = $"BoxSize {g.BoxSize} vs {h.BoxSize}";
            else if (g.Time != h.Time) what = $"time {g.Time} vs {h.Time}";
            else if (!g.NumPartTotal.SequenceEqual(h.NumPartTotal)) what = $"npartTotal [{string.Join(", ", g.NumPartTotal)}] vs [{string.Join(", ", h.NumPartTotal)}]";
            else if (!g.MassTable.SequenceEqual(h.MassTable)) what = $"massarr [{string.Join(", ", g.MassTable)}] vs [{string.Join(", ", h.MassTable)}]";
            if (what != null)
                throw new GadgetFormatException(f.Path, $"{f.Path}: header disagrees with {first.Path} ({what}); are these parts of the same snapshot?", "HEAD", 0);
        }

        var sums = new long[GadgetHeader.TypeCount];
        foreach (var f in files)
            for (var t = 0; t < GadgetHeader.TypeCount; t++) sums[t] += f.Header.NumPartThisFile[t];
        if (!sums.SequenceEqual(h.NumPartTotal))
        {
            // Some initial-condition writers leave npartTotal at 0 in a single file: then npart is the total.
            if (files.Length == 1 && h.NumPartTotal.All(n => n == 0)) h = h with { NumPartTotal = sums };
            else
                throw new GadgetFormatException(first.Path,
                    $"{first.Path}: the {files.Length} file(s) hold [{string.Join(", ", sums)}] particles per type but the header's npartTotal is [{string.Join(", ", h.NumPartTotal)}]",
                    "HEAD", 0);
        }
        return new GadgetSnapshot(source, files, h, lengthUnitToMpcH ?? GadgetUnits.GuessLengthUnitToMpcH(h.BoxSize));
    }

    [GeneratedRegex(@"^(.*)\.(\d+)$")]
    private static partial Regex PartSuffix();
}
