using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace SimEmulator.Data.Hdf5;

/// <summary>
/// An HDF5 group: a folder of groups and datasets. Paths are relative to this group ("run0/delta") or absolute
/// ("/sims/run0/delta").
/// </summary>
public class H5Group : H5Object
{
    private readonly H5File? _file;

    private protected H5Group(H5File? file, H5GroupHandle handle, string path) : base(handle, path) => _file = file;

    internal H5Group(H5File file, H5GroupHandle handle, string path, bool tracked) : this(file, handle, path)
    {
        if (tracked) file.Track(handle);
    }

    public override H5File File => _file ?? (H5File)this;

    internal override string Describe() => Path == "/" ? FileName : $"group '{Path}' in {FileName}";

    /// <summary>Whether <paramref name="path"/> names an existing group or dataset (dangling links do not count).</summary>
    public bool Exists(string path)
    {
        using var _ = H5Library.Enter();
        return Resolves(Id, path);
    }

    /// <summary>What <paramref name="path"/> is, or null when nothing is there.</summary>
    public H5ObjectKind? KindOf(string path)
    {
        using var _ = H5Library.Enter();
        return Resolves(Id, path) ? ObjectKind(Id, path) : null;
    }

    /// <summary>Names of this group's members in name order (h5py's keys()).</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            using var _ = H5Library.Enter();
            return LinkNames();
        }
    }

    /// <summary>This group's members with their kinds, in name order.</summary>
    public IReadOnlyList<H5Child> Children
    {
        get
        {
            using var _ = H5Library.Enter();
            var id = Id;
            return LinkNames().Select(name => new H5Child(name, ChildKind(id, name))).ToList();
        }
    }

    /// <summary>Opens the group at <paramref name="path"/>.</summary>
    /// <exception cref="Hdf5NotFoundException">Nothing is there, or it is a dataset.</exception>
    public H5Group Group(string path)
    {
        using var _ = H5Library.Enter();
        var abs = Absolute(path);
        RequireKind(path, abs, H5ObjectKind.Group, "group");
        var id = H5Native.H5Gopen2(Id, path, H5Native.H5P_DEFAULT);
        if (id < 0) throw H5Error.Fail($"cannot open group '{abs}' in {FileName}", FileName, abs);
        return new H5Group(File, new H5GroupHandle(id), abs, tracked: true);
    }

    /// <summary>Creates the group at <paramref name="path"/> and any missing intermediate groups (like mkdir -p).</summary>
    /// <exception cref="Hdf5Exception">Something already exists there, or the file is read-only.</exception>
    public H5Group CreateGroup(string path)
    {
        using var _ = H5Library.Enter();
        var abs = Absolute(path);
        File.RequireWritable($"create group '{abs}'");
        RequireGroupParents(abs);
        if (Resolves(Id, path))
        {
            throw ObjectKind(Id, path) == H5ObjectKind.Group
                ? new Hdf5Exception($"group '{abs}' already exists in {FileName}; use RequireGroup to open an existing group", FileName, abs)
                : new Hdf5Exception($"'{abs}' already exists in {FileName} and is not a group", FileName, abs);
        }
        using var lcpl = LinkCreationList();
        using var gcpl = UntimedCreationList(H5Library.ClassGroupCreate, path);
        var id = H5Native.H5Gcreate2(Id, path, lcpl.Id, gcpl.Id, H5Native.H5P_DEFAULT);
        if (id < 0) throw H5Error.Fail($"cannot create group '{abs}' in {FileName}", FileName, abs);
        return new H5Group(File, new H5GroupHandle(id), abs, tracked: true);
    }

    /// <summary>Opens the group at <paramref name="path"/>, creating it (and its parents) when missing (h5py's require_group).</summary>
    public H5Group RequireGroup(string path)
    {
        using var _ = H5Library.Enter();
        return Resolves(Id, path) ? Group(path) : CreateGroup(path);
    }

    /// <summary>Opens the dataset at <paramref name="path"/>.</summary>
    /// <exception cref="Hdf5NotFoundException">Nothing is there, or it is a group.</exception>
    public H5Dataset Dataset(string path)
    {
        using var _ = H5Library.Enter();
        var abs = Absolute(path);
        RequireKind(path, abs, H5ObjectKind.Dataset, "dataset");
        var id = H5Native.H5Dopen2(Id, path, H5Native.H5P_DEFAULT);
        if (id < 0) throw H5Error.Fail($"cannot open dataset '{abs}' in {FileName}", FileName, abs);
        return new H5Dataset(File, new H5DatasetHandle(id), abs);
    }

    /// <summary>
    /// Creates a dataset of element type <typeparamref name="T"/> (float, double, sbyte … ulong) and any missing parent groups.
    /// </summary>
    /// <param name="shape">Current dimensions; empty for a scalar dataset.</param>
    /// <param name="maxShape">Maximum dimensions, -1 = unlimited (to Append or Resize later); null = fixed at <paramref name="shape"/>.</param>
    /// <param name="chunks">Chunk dimensions; null = contiguous, or h5py's guess when chunking is needed (maxShape, gzip, shuffle, filters).
    /// For a stack of realizations read one at a time, pass [1, n, n, n].</param>
    /// <param name="gzipLevel">Deflate level 1–9; 0 = no compression.</param>
    /// <param name="shuffle">Byte-shuffle before compression (helps gzip on floats).</param>
    /// <param name="filters">Further filters by id (e.g. 32001 Blosc when its plugin is installed), applied after shuffle and before gzip.</param>
    public H5Dataset CreateDataset<T>(string path, long[] shape, long[]? maxShape = null, long[]? chunks = null,
        int gzipLevel = 0, bool shuffle = false, IReadOnlyList<H5Filter>? filters = null) where T : unmanaged
    {
        var elementType = H5Types.Of<T>();
        ArgumentNullException.ThrowIfNull(shape);
        using var _ = H5Library.Enter();
        var abs = Absolute(path);
        File.RequireWritable($"create dataset '{abs}'");
        RequireGroupParents(abs);
        ValidateLayout(abs, shape, ref maxShape, chunks, gzipLevel, shuffle, filters);
        if (Resolves(Id, path))
            throw new Hdf5Exception($"'{abs}' already exists in {FileName}; delete it first or open it with Dataset()", FileName, abs);

        using var dcpl = UntimedCreationList(H5Library.ClassDatasetCreate, abs);
        var needsChunks = chunks is not null || gzipLevel > 0 || shuffle || filters is { Count: > 0 } || !maxShape.AsSpan().SequenceEqual(shape);
        if (needsChunks)
        {
            chunks ??= H5Chunking.Guess(shape, maxShape, Marshal.SizeOf<T>());
            SetChunks(dcpl.Id, chunks, abs);
            if (shuffle && H5Native.H5Pset_shuffle(dcpl.Id) < 0) throw H5Error.Fail($"cannot enable shuffle for '{abs}'", FileName, abs);
            foreach (var f in filters ?? [])
                AddFilter(dcpl.Id, f, abs);
            if (gzipLevel > 0)
            {
                if (!H5Library.FilterAvailable(H5Native.H5Z_FILTER_DEFLATE, H5Native.H5Z_FILTER_CONFIG_ENCODE_ENABLED))
                    throw new Hdf5FilterUnavailableException($"cannot gzip dataset '{abs}' in {FileName}: this libhdf5 was built without zlib", FileName, abs, 1, "deflate");
                if (H5Native.H5Pset_deflate(dcpl.Id, (uint)gzipLevel) < 0) throw H5Error.Fail($"cannot enable gzip for '{abs}'", FileName, abs);
            }
        }

        using var space = H5Dataset.CreateSpace(shape, maxShape, FileName, abs);
        using var lcpl = LinkCreationList();
        var id = H5Native.H5Dcreate2(Id, path, H5Types.File(elementType), space.Id, lcpl.Id, dcpl.Id, H5Native.H5P_DEFAULT);
        if (id < 0) throw H5Error.Fail($"cannot create dataset '{abs}' in {FileName}", FileName, abs);
        return new H5Dataset(File, new H5DatasetHandle(id), abs);
    }

    /// <summary>Creates a dataset of <paramref name="shape"/> and writes <paramref name="data"/> (C order) into it.</summary>
    public H5Dataset WriteDataset<T>(string path, ReadOnlySpan<T> data, long[] shape, long[]? maxShape = null, long[]? chunks = null,
        int gzipLevel = 0, bool shuffle = false) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        using var _ = H5Library.Enter();
        var count = H5Dataset.Product(shape);
        if (data.Length != count)
            throw new Hdf5ShapeException($"cannot write {data.Length} values to dataset '{Absolute(path)}' in {FileName} of shape {H5Dataset.Format(shape)} ({count} values)", FileName, Absolute(path));
        var ds = CreateDataset<T>(path, shape, maxShape, chunks, gzipLevel, shuffle);
        ds.Write(data);
        return ds;
    }

    /// <summary>Creates a 1-D dataset holding <paramref name="data"/>.</summary>
    public H5Dataset WriteDataset<T>(string path, ReadOnlySpan<T> data) where T : unmanaged =>
        WriteDataset(path, data, [data.Length]);

    /// <summary>Removes the link at <paramref name="path"/> (HDF5 does not reclaim the space until the file is repacked).</summary>
    public void Delete(string path)
    {
        using var _ = H5Library.Enter();
        var abs = Absolute(path);
        File.RequireWritable($"delete '{abs}'");
        if (!Resolves(Id, path) && !LinkExists(Id, path)) throw new Hdf5NotFoundException($"nothing at '{abs}' in {FileName} to delete", FileName, abs);
        if (H5Native.H5Ldelete(Id, path, H5Native.H5P_DEFAULT) < 0) throw H5Error.Fail($"cannot delete '{abs}' in {FileName}", FileName, abs);
    }

    // ---- helpers (callers hold the lock) ----

    private void RequireKind(string path, string abs, H5ObjectKind kind, string noun)
    {
        if (!Resolves(Id, path)) throw new Hdf5NotFoundException($"no {noun} '{abs}' in {FileName}", FileName, abs);
        var actual = ObjectKind(Id, path);
        if (actual != kind)
        {
            var what = actual switch { H5ObjectKind.Group => "a group", H5ObjectKind.Dataset => "a dataset", H5ObjectKind.NamedDatatype => "a named datatype", _ => "not a " + noun };
            throw new Hdf5NotFoundException($"'{abs}' in {FileName} is {what}, not a {noun}", FileName, abs);
        }
    }

    /// <summary>Each existing ancestor of <paramref name="abs"/> must be a group (libhdf5 would say "message type not found").</summary>
    private void RequireGroupParents(string abs)
    {
        var parts = abs.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var prefix = "";
        for (var i = 0; i < parts.Length - 1; i++)
        {
            prefix += "/" + parts[i];
            if (!Resolves(Id, prefix)) return;
            var kind = ObjectKind(Id, prefix);
            if (kind != H5ObjectKind.Group)
                throw new Hdf5Exception($"cannot create '{abs}' in {FileName}: '{prefix}' is a {(kind == H5ObjectKind.Dataset ? "dataset" : "non-group object")}, not a group", FileName, abs);
        }
    }

    private void ValidateLayout(string abs, long[] shape, [NotNull] ref long[]? maxShape, long[]? chunks, int gzipLevel, bool shuffle, IReadOnlyList<H5Filter>? filters)
    {
        var rank = shape.Length;
        if (rank > 32) throw new Hdf5ShapeException($"dataset '{abs}': rank {rank} exceeds HDF5's limit of 32", FileName, abs);
        if (shape.Any(d => d < 0)) throw new ArgumentException($"dataset '{abs}': shape {H5Dataset.Format(shape)} has a negative dimension", nameof(shape));
        if (gzipLevel is < 0 or > 9) throw new ArgumentOutOfRangeException(nameof(gzipLevel), gzipLevel, "gzip level must be 0 (none) to 9");
        maxShape ??= (long[])shape.Clone();
        if (maxShape.Length != rank)
            throw new Hdf5ShapeException($"dataset '{abs}': maxShape {H5Dataset.Format(maxShape)} has rank {maxShape.Length}, shape {H5Dataset.Format(shape)} has rank {rank}", FileName, abs);
        for (var i = 0; i < rank; i++)
        {
            if (maxShape[i] != -1 && maxShape[i] < shape[i])
                throw new Hdf5ShapeException($"dataset '{abs}': maxShape {H5Dataset.Format(maxShape)} is smaller than shape {H5Dataset.Format(shape)} in dimension {i} (use -1 for unlimited)", FileName, abs);
        }
        if (chunks is not null)
        {
            if (chunks.Length != rank)
                throw new Hdf5ShapeException($"dataset '{abs}': chunks {H5Dataset.Format(chunks)} has rank {chunks.Length}, shape {H5Dataset.Format(shape)} has rank {rank}", FileName, abs);
            for (var i = 0; i < rank; i++)
            {
                if (chunks[i] < 1 || (maxShape[i] != -1 && chunks[i] > maxShape[i]))
                    throw new Hdf5ShapeException($"dataset '{abs}': chunk dimension {i} is {chunks[i]}; it must be between 1 and the maximum dimension {maxShape[i]}", FileName, abs);
            }
        }
        if (rank == 0 && (chunks is not null || gzipLevel > 0 || shuffle || filters is { Count: > 0 }))
            throw new Hdf5ShapeException($"dataset '{abs}' is scalar (shape []): scalar datasets cannot be chunked or compressed", FileName, abs);
    }

    /// <summary>
    /// An object-creation property list without modification times: libhdf5 stamps objects with the clock by default,
    /// which would make two runs with the same seed differ in a few bytes.
    /// </summary>
    internal H5PropertyListHandle UntimedCreationList(long cls, string abs)
    {
        var plist = new H5PropertyListHandle(Checked(H5Native.H5Pcreate(cls), "cannot create a property list", abs));
        if (H5Native.H5Pset_obj_track_times(plist.Id, 0) < 0)
        {
            plist.Dispose();
            throw H5Error.Fail($"cannot switch off time tracking for '{abs}'", FileName, abs);
        }
        return plist;
    }

    private unsafe void SetChunks(long dcpl, long[] chunks, string abs)
    {
        var dims = stackalloc ulong[chunks.Length];
        for (var i = 0; i < chunks.Length; i++) dims[i] = (ulong)chunks[i];
        if (H5Native.H5Pset_chunk(dcpl, chunks.Length, dims) < 0) throw H5Error.Fail($"cannot set chunks {H5Dataset.Format(chunks)} for '{abs}'", FileName, abs);
    }

    private unsafe void AddFilter(long dcpl, H5Filter filter, string abs)
    {
        if (!filter.Optional && !H5Library.FilterAvailable(filter.Id, H5Native.H5Z_FILTER_CONFIG_ENCODE_ENABLED))
            throw new Hdf5FilterUnavailableException(
                $"cannot create dataset '{abs}' in {FileName} with HDF5 filter {filter.Id} ({filter.Name}): this libhdf5 does not have it; install the {H5Filter.PluginName(filter.Id)}",
                FileName, abs, filter.Id, filter.Name);
        var cd = filter.ClientData ?? [];
        fixed (uint* p = cd)
        {
            var flags = filter.Optional ? H5Native.H5Z_FLAG_OPTIONAL : H5Native.H5Z_FLAG_MANDATORY;
            if (H5Native.H5Pset_filter(dcpl, filter.Id, flags, (nuint)cd.Length, p) < 0)
                throw H5Error.Fail($"cannot add HDF5 filter {filter.Id} ({filter.Name}) to '{abs}'", FileName, abs);
        }
    }

    private long Checked(long id, string what, string abs) => id >= 0 ? id : throw H5Error.Fail($"{what} ('{abs}' in {FileName})", FileName, abs);

    /// <summary>Link creation: make missing parents, names in UTF-8 (as h5py does).</summary>
    internal H5PropertyListHandle LinkCreationList()
    {
        var id = H5Native.H5Pcreate(H5Library.ClassLinkCreate);
        if (id < 0) throw H5Error.Fail("cannot create a link property list", FileName, null);
        var lcpl = new H5PropertyListHandle(id);
        H5Native.H5Pset_create_intermediate_group(id, 1);
        H5Native.H5Pset_char_encoding(id, H5Native.H5T_CSET_UTF8);
        return lcpl;
    }

    private unsafe List<string> LinkNames()
    {
        var names = new List<string>();
        var gc = GCHandle.Alloc(names);
        try
        {
            ulong idx = 0;
            if (H5Native.H5Literate(Id, H5Native.H5_INDEX_NAME, H5Native.H5_ITER_INC, &idx, &H5Native.CollectName, (void*)GCHandle.ToIntPtr(gc)) < 0)
                throw H5Error.Fail($"cannot list {Describe()}", FileName, Path);
        }
        finally
        {
            gc.Free();
        }
        return names;
    }

    /// <summary>
    /// Whether every component of <paramref name="path"/> exists and the last resolves to an object. H5Lexists on
    /// "a/b" fails (rather than answering false) when "a" is missing, so walk it one component at a time.
    /// </summary>
    internal static bool Resolves(long loc, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        if (parts.Length == 0) return true;
        var prefix = path.StartsWith('/') ? "/" : "";
        for (var i = 0; i < parts.Length; i++)
        {
            prefix += (i > 0 ? "/" : "") + parts[i];
            var r = H5Native.H5Lexists(loc, prefix, H5Native.H5P_DEFAULT);
            if (r <= 0)
            {
                if (r < 0) H5Native.H5Eclear2(H5Native.H5E_DEFAULT);
                return false;
            }
        }
        var o = H5Native.H5Oexists_by_name(loc, path, H5Native.H5P_DEFAULT);
        if (o < 0) H5Native.H5Eclear2(H5Native.H5E_DEFAULT);
        return o > 0;
    }

    private static bool LinkExists(long loc, string path)
    {
        var r = H5Native.H5Lexists(loc, path, H5Native.H5P_DEFAULT);
        if (r < 0) H5Native.H5Eclear2(H5Native.H5E_DEFAULT);
        return r > 0;
    }

    internal static unsafe H5ObjectKind ObjectKind(long loc, string path)
    {
        var info = stackalloc byte[H5Native.H5O_INFO_SIZE];
        if (H5Native.H5Oget_info_by_name2(loc, path, info, H5Native.H5O_INFO_BASIC, H5Native.H5P_DEFAULT) < 0)
        {
            H5Native.H5Eclear2(H5Native.H5E_DEFAULT);
            return H5ObjectKind.Unknown;
        }
        return *(int*)(info + H5Native.H5O_INFO_TYPE_OFFSET) switch
        {
            H5Native.H5O_TYPE_GROUP => H5ObjectKind.Group,
            H5Native.H5O_TYPE_DATASET => H5ObjectKind.Dataset,
            H5Native.H5O_TYPE_NAMED_DATATYPE => H5ObjectKind.NamedDatatype,
            _ => H5ObjectKind.Unknown,
        };
    }

    private static unsafe H5ObjectKind ChildKind(long loc, string name)
    {
        var info = stackalloc byte[H5Native.H5L_INFO_SIZE];
        if (H5Native.H5Lget_info(loc, name, info, H5Native.H5P_DEFAULT) < 0)
        {
            H5Native.H5Eclear2(H5Native.H5E_DEFAULT);
            return H5ObjectKind.Unknown;
        }
        var linkType = *(int*)info;
        if (linkType == H5Native.H5L_TYPE_EXTERNAL) return H5ObjectKind.ExternalLink;
        var exists = H5Native.H5Oexists_by_name(loc, name, H5Native.H5P_DEFAULT);
        if (exists <= 0)
        {
            if (exists < 0) H5Native.H5Eclear2(H5Native.H5E_DEFAULT);
            return linkType == H5Native.H5L_TYPE_SOFT ? H5ObjectKind.DanglingLink : H5ObjectKind.Unknown;
        }
        return ObjectKind(loc, name);
    }
}
