using System.Runtime.InteropServices;

namespace SimEmulator.Data.Hdf5;

/// <summary>
/// An n-dimensional array in an HDF5 file, read and written as flat C-order (row-major) spans, whole or by
/// hyperslab, with one native call per read or write. Element types: float, double, sbyte … ulong.
/// </summary>
public sealed class H5Dataset : H5Object
{
    private readonly H5File _file;
    private bool _decodeChecked;

    internal H5Dataset(H5File file, H5DatasetHandle handle, string path) : base(handle, path)
    {
        _file = file;
        file.Track(handle);
    }

    public override H5File File => _file;

    internal override string Describe() => $"dataset '{Path}' in {FileName}";

    /// <summary>Current dimensions (C order); empty for a scalar dataset.</summary>
    public long[] Shape
    {
        get
        {
            using var _ = H5Library.Enter();
            using var space = FileSpace();
            return Dims(space.Id).shape;
        }
    }

    /// <summary>Maximum dimensions; -1 marks an unlimited (extendable) one.</summary>
    public long[] MaxShape
    {
        get
        {
            using var _ = H5Library.Enter();
            using var space = FileSpace();
            return Dims(space.Id).max;
        }
    }

    public int Rank => Shape.Length;

    /// <summary>Number of elements (1 for a scalar dataset).</summary>
    public long Count => Product(Shape);

    /// <summary>Chunk dimensions, or null for a contiguous (or compact) dataset.</summary>
    public unsafe long[]? Chunks
    {
        get
        {
            using var _ = H5Library.Enter();
            using var dcpl = CreationList();
            if (H5Native.H5Pget_layout(dcpl.Id) != H5Native.H5D_CHUNKED) return null;
            var dims = stackalloc ulong[32];
            var rank = H5Native.H5Pget_chunk(dcpl.Id, 32, dims);
            if (rank < 0) throw H5Error.Fail($"cannot read the chunk shape of {Describe()}", FileName, Path);
            var chunks = new long[rank];
            for (var i = 0; i < rank; i++) chunks[i] = (long)dims[i];
            return chunks;
        }
    }

    /// <summary>The stored element type (big-endian data reports its plain type; HDF5 swaps bytes on read).</summary>
    public H5ElementType ElementType
    {
        get
        {
            using var _ = H5Library.Enter();
            using var type = FileType();
            return H5Types.Classify(type.Id);
        }
    }

    /// <summary>The filter pipeline in the order HDF5 applies it on write (shuffle before deflate, …).</summary>
    public IReadOnlyList<H5Filter> Filters
    {
        get
        {
            using var _ = H5Library.Enter();
            using var dcpl = CreationList();
            return ReadFilters(dcpl.Id);
        }
    }

    /// <summary>Throws unless the dataset has <paramref name="rank"/> dimensions; returns this dataset for chaining.</summary>
    /// <exception cref="Hdf5ShapeException">"dataset '/fields' in sims.h5 has rank 3, expected 4".</exception>
    public H5Dataset RequireRank(int rank)
    {
        var actual = Rank;
        if (actual != rank) throw new Hdf5ShapeException($"{Describe()} has rank {actual}, expected {rank}", FileName, Path);
        return this;
    }

    /// <summary>Throws unless the shape matches; -1 in <paramref name="shape"/> matches any length. Returns this dataset.</summary>
    public H5Dataset RequireShape(params long[] shape)
    {
        var actual = Shape;
        RequireRank(shape.Length);
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] != -1 && shape[i] != actual[i])
                throw new Hdf5ShapeException($"{Describe()} has shape {Format(actual)}, expected {FormatPattern(shape)}", FileName, Path);
        }
        return this;
    }

    // ---------------- reading ----------------

    /// <summary>
    /// Reads the whole dataset as flat C-order <typeparamref name="T"/>. libhdf5 converts the stored type when C# would
    /// convert implicitly (float32 → double, int16 → int, …); narrowing (float64 → float) needs <paramref name="allowNarrowing"/>.
    /// </summary>
    public T[] Read<T>(bool allowNarrowing = false) where T : unmanaged
    {
        using var _ = H5Library.Enter();
        var result = GC.AllocateUninitializedArray<T>(ArrayLength(Count));
        Read<T>(result, allowNarrowing);
        return result;
    }

    /// <summary>Reads the whole dataset into <paramref name="destination"/>, whose length must be <see cref="Count"/>.</summary>
    public unsafe void Read<T>(Span<T> destination, bool allowNarrowing = false) where T : unmanaged
    {
        using var _ = H5Library.Enter();
        var memType = PrepareRead<T>(allowNarrowing);
        var count = Count;
        if (destination.Length != count)
            throw new Hdf5ShapeException($"{Describe()} has {count} values (shape {Format(Shape)}); the destination holds {destination.Length}", FileName, Path);
        if (count == 0) return;
        fixed (T* p = destination)
        {
            if (H5Native.H5Dread(Id, memType, H5Native.H5S_ALL, H5Native.H5S_ALL, H5Native.H5P_DEFAULT, p) < 0)
                throw ReadFailure();
        }
    }

    /// <summary>Reads a scalar (rank-0) or one-element dataset.</summary>
    public T ReadScalar<T>(bool allowNarrowing = false) where T : unmanaged
    {
        using var _ = H5Library.Enter();
        var count = Count;
        if (count != 1) throw new Hdf5ShapeException($"{Describe()} has shape {Format(Shape)} ({count} values), expected a scalar", FileName, Path);
        Span<T> one = stackalloc T[1];
        Read(one, allowNarrowing);
        return one[0];
    }

    /// <summary>
    /// Reads the block of <paramref name="count"/> elements starting at <paramref name="start"/> (one entry per
    /// dimension) into <paramref name="destination"/> (length = product of count), e.g. realization i of an [N,n,n,n]
    /// cube set with start [i,0,0,0] and count [1,n,n,n].
    /// </summary>
    public unsafe void ReadHyperslab<T>(long[] start, long[] count, Span<T> destination, bool allowNarrowing = false) where T : unmanaged
    {
        using var _ = H5Library.Enter();
        var memType = PrepareRead<T>(allowNarrowing);
        using var fileSpace = FileSpace();
        var n = SelectHyperslab(fileSpace.Id, start, count, "read");
        if (destination.Length != n)
            throw new Hdf5ShapeException($"hyperslab count {Format(count)} of {Describe()} has {n} values; the destination holds {destination.Length}", FileName, Path);
        if (n == 0) return;
        using var memSpace = CreateSpace(count, null, FileName, Path);
        fixed (T* p = destination)
        {
            if (H5Native.H5Dread(Id, memType, memSpace.Id, fileSpace.Id, H5Native.H5P_DEFAULT, p) < 0)
                throw ReadFailure();
        }
    }

    /// <summary>Reads the block starting at <paramref name="start"/> of size <paramref name="count"/> into a new array.</summary>
    public T[] ReadHyperslab<T>(long[] start, long[] count, bool allowNarrowing = false) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(count);
        var result = GC.AllocateUninitializedArray<T>(ArrayLength(Product(count)));
        ReadHyperslab<T>(start, count, result, allowNarrowing);
        return result;
    }

    /// <summary>Reads entry <paramref name="index"/> along the first dimension (h5py's dset[index]): one realization of a stack.</summary>
    public T[] ReadSlice<T>(long index, bool allowNarrowing = false) where T : unmanaged
    {
        using var _ = H5Library.Enter();
        var shape = Shape;
        if (shape.Length == 0) throw new Hdf5ShapeException($"{Describe()} is scalar; it has no slices", FileName, Path);
        if (index < 0 || index >= shape[0])
            throw new Hdf5ShapeException($"slice {index} is out of range for {Describe()} of shape {Format(shape)}", FileName, Path);
        var start = new long[shape.Length];
        start[0] = index;
        var count = (long[])shape.Clone();
        count[0] = 1;
        return ReadHyperslab<T>(start, count, allowNarrowing);
    }

    // ---------------- writing ----------------

    /// <summary>Writes the whole dataset from flat C-order <paramref name="data"/> (length = <see cref="Count"/>).</summary>
    public unsafe void Write<T>(ReadOnlySpan<T> data, bool allowNarrowing = false) where T : unmanaged
    {
        using var _ = H5Library.Enter();
        var memType = PrepareWrite<T>(allowNarrowing);
        var count = Count;
        if (data.Length != count)
            throw new Hdf5ShapeException($"cannot write {data.Length} values to {Describe()} of shape {Format(Shape)} ({count} values)", FileName, Path);
        if (count == 0) return;
        fixed (T* p = data)
        {
            if (H5Native.H5Dwrite(Id, memType, H5Native.H5S_ALL, H5Native.H5S_ALL, H5Native.H5P_DEFAULT, p) < 0)
                throw H5Error.Fail($"cannot write {Describe()}", FileName, Path);
        }
    }

    /// <summary>Writes <paramref name="data"/> (length = product of count) into the block at <paramref name="start"/> of size <paramref name="count"/>.</summary>
    public unsafe void WriteHyperslab<T>(long[] start, long[] count, ReadOnlySpan<T> data, bool allowNarrowing = false) where T : unmanaged
    {
        using var _ = H5Library.Enter();
        var memType = PrepareWrite<T>(allowNarrowing);
        using var fileSpace = FileSpace();
        var n = SelectHyperslab(fileSpace.Id, start, count, "write");
        if (data.Length != n)
            throw new Hdf5ShapeException($"hyperslab count {Format(count)} of {Describe()} has {n} values; {data.Length} were given", FileName, Path);
        if (n == 0) return;
        using var memSpace = CreateSpace(count, null, FileName, Path);
        fixed (T* p = data)
        {
            if (H5Native.H5Dwrite(Id, memType, memSpace.Id, fileSpace.Id, H5Native.H5P_DEFAULT, p) < 0)
                throw H5Error.Fail($"cannot write hyperslab start {Format(start)} count {Format(count)} of {Describe()}", FileName, Path);
        }
    }

    /// <summary>Changes the current shape of an extendable (chunked) dataset within <see cref="MaxShape"/>; shrinking discards data.</summary>
    public unsafe void Resize(params long[] newShape)
    {
        ArgumentNullException.ThrowIfNull(newShape);
        using var _ = H5Library.Enter();
        File.RequireWritable($"resize {Describe()}");
        using var space = FileSpace();
        var (shape, max) = Dims(space.Id);
        if (newShape.Length != shape.Length)
            throw new Hdf5ShapeException($"{Describe()} has rank {shape.Length}, expected {newShape.Length} (the rank of the new shape {Format(newShape)})", FileName, Path);
        for (var i = 0; i < shape.Length; i++)
        {
            if (newShape[i] < 0 || (max[i] != -1 && newShape[i] > max[i]))
                throw new Hdf5ShapeException($"cannot resize {Describe()} to {Format(newShape)}: its maximum shape is {FormatMax(max)}"
                    + (Chunks is null ? " (it is contiguous; create it with maxShape and -1 for unlimited dimensions to make it extendable)" : ""), FileName, Path);
        }
        var dims = stackalloc ulong[Math.Max(1, newShape.Length)];
        for (var i = 0; i < newShape.Length; i++) dims[i] = (ulong)newShape[i];
        if (H5Native.H5Dset_extent(Id, dims) < 0) throw H5Error.Fail($"cannot resize {Describe()} to {Format(newShape)}", FileName, Path);
    }

    /// <summary>
    /// Grows the dataset along dimension 0 by blockShape[0] and writes <paramref name="block"/> there: appends
    /// realizations as they are generated. The other dimensions of <paramref name="blockShape"/> must match the dataset's.
    /// </summary>
    public void Append<T>(ReadOnlySpan<T> block, long[] blockShape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(blockShape);
        using var _ = H5Library.Enter();
        var shape = Shape;
        if (shape.Length == 0) throw new Hdf5ShapeException($"{Describe()} is scalar; nothing can be appended", FileName, Path);
        if (blockShape.Length != shape.Length)
            throw new Hdf5ShapeException($"{Describe()} has rank {shape.Length}, expected {blockShape.Length} (the rank of the appended block {Format(blockShape)})", FileName, Path);
        for (var i = 1; i < shape.Length; i++)
        {
            if (blockShape[i] != shape[i])
                throw new Hdf5ShapeException($"cannot append a block of shape {Format(blockShape)} to {Describe()} of shape {Format(shape)}: dimension {i} differs", FileName, Path);
        }
        var max = MaxShape;
        if (max[0] != -1 && shape[0] + blockShape[0] > max[0])
            throw new Hdf5ShapeException($"cannot append {blockShape[0]} along dimension 0 to {Describe()} of shape {Format(shape)}: its maximum shape is {FormatMax(max)} (create it with maxShape[0] = -1 for unlimited)", FileName, Path);
        if (block.Length != Product(blockShape))
            throw new Hdf5ShapeException($"appended block of shape {Format(blockShape)} needs {Product(blockShape)} values; {block.Length} were given", FileName, Path);
        var newShape = (long[])shape.Clone();
        newShape[0] += blockShape[0];
        Resize(newShape);
        var start = new long[shape.Length];
        start[0] = shape[0];
        WriteHyperslab(start, blockShape, block);
    }

    // ---------------- helpers (callers hold the lock) ----------------

    private int ArrayLength(long count) => count <= Array.MaxLength
        ? (int)count
        : throw new Hdf5ShapeException($"{count} values of {Describe()} do not fit in one .NET array; read it by hyperslab", FileName, Path);

    private H5DataspaceHandle FileSpace()
    {
        var id = H5Native.H5Dget_space(Id);
        if (id < 0) throw H5Error.Fail($"cannot read the shape of {Describe()}", FileName, Path);
        return new H5DataspaceHandle(id);
    }

    private H5DatatypeHandle FileType()
    {
        var id = H5Native.H5Dget_type(Id);
        if (id < 0) throw H5Error.Fail($"cannot read the element type of {Describe()}", FileName, Path);
        return new H5DatatypeHandle(id);
    }

    private H5PropertyListHandle CreationList()
    {
        var id = H5Native.H5Dget_create_plist(Id);
        if (id < 0) throw H5Error.Fail($"cannot read the creation properties of {Describe()}", FileName, Path);
        return new H5PropertyListHandle(id);
    }

    private long PrepareRead<T>(bool allowNarrowing) where T : unmanaged
    {
        var requested = H5Types.Of<T>();
        CheckConversion(requested, typeof(T), toMemory: true, allowNarrowing);
        if (!_decodeChecked)
        {
            RequireDecodableFilters();
            _decodeChecked = true;
        }
        return H5Types.Memory(requested);
    }

    private long PrepareWrite<T>(bool allowNarrowing) where T : unmanaged
    {
        File.RequireWritable($"write {Describe()}");
        var given = H5Types.Of<T>();
        CheckConversion(given, typeof(T), toMemory: false, allowNarrowing);
        return H5Types.Memory(given);
    }

    private void CheckConversion(H5ElementType memory, Type clr, bool toMemory, bool allowNarrowing)
    {
        H5ElementType stored;
        using (var type = FileType()) stored = H5Types.Classify(type.Id);
        var cs = H5Types.CSharpName(clr);
        if (!H5Types.IsNumeric(stored) && stored != H5ElementType.Float16)
        {
            var verb = toMemory ? $"read it as {cs}" : $"write {cs} values to it";
            throw new Hdf5TypeMismatchException($"{Describe()} holds {H5Types.Name(stored)} values, not numbers; cannot {verb}", FileName, Path, stored, clr);
        }
        var ok = toMemory ? H5Types.IsImplicit(stored, memory) : H5Types.IsImplicit(memory, stored);
        if (ok || allowNarrowing) return;
        var message = toMemory
            ? $"{Describe()} holds {H5Types.Name(stored)}; reading it as {cs} would narrow the values. Read it as a wider type, or pass allowNarrowing: true to let libhdf5 convert (rounding, clamping out-of-range values)"
            : $"{Describe()} holds {H5Types.Name(stored)}; writing {cs} values to it would narrow them. Pass allowNarrowing: true to let libhdf5 convert (rounding, clamping out-of-range values)";
        throw new Hdf5TypeMismatchException(message, FileName, Path, stored, clr);
    }

    /// <summary>
    /// Refuses to read through a filter libhdf5 cannot decode, naming it, instead of libhdf5's "can't open directory
    /// …/plugins" or "required filter is not registered". Quijote files since 2023 use Blosc (32001).
    /// </summary>
    private void RequireDecodableFilters()
    {
        using var dcpl = CreationList();
        foreach (var f in ReadFilters(dcpl.Id))
        {
            if (H5Library.FilterAvailable(f.Id, H5Native.H5Z_FILTER_CONFIG_DECODE_ENABLED)) continue;
            throw new Hdf5FilterUnavailableException(
                $"{Describe()} uses HDF5 filter {f.Id} ({f.Name}), which this libhdf5 does not have; install the {H5Filter.PluginName(f.Id)} or re-save without it",
                FileName, Path, f.Id, f.Name);
        }
    }

    private unsafe List<H5Filter> ReadFilters(long dcpl)
    {
        var n = H5Native.H5Pget_nfilters(dcpl);
        if (n < 0) throw H5Error.Fail($"cannot read the filters of {Describe()}", FileName, Path);
        var filters = new List<H5Filter>(n);
        var cd = stackalloc uint[32];
        for (uint i = 0; i < n; i++)
        {
            nuint ncd = 32;
            var id = H5Native.H5Pget_filter2(dcpl, i, out var flags, ref ncd, cd, 0, null, out _);
            if (id < 0) throw H5Error.Fail($"cannot read filter {i} of {Describe()}", FileName, Path);
            var values = new uint[Math.Min((int)ncd, 32)];
            for (var k = 0; k < values.Length; k++) values[k] = cd[k];
            filters.Add(new H5Filter(id, (flags & H5Native.H5Z_FLAG_OPTIONAL) != 0, values));
        }
        return filters;
    }

    private Hdf5Exception ReadFailure()
    {
        var detail = H5Error.Detail();
        return new Hdf5Exception($"cannot read {Describe()}: {detail}", FileName, Path, detail);
    }

    private unsafe long SelectHyperslab(long space, long[] start, long[] count, string verb)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(count);
        var (shape, _) = Dims(space);
        var rank = shape.Length;
        if (start.Length != rank || count.Length != rank)
        {
            var given = start.Length != rank ? start.Length : count.Length;
            throw new Hdf5ShapeException($"{Describe()} has rank {rank}, expected {given} (the rank of the hyperslab start {Format(start)} / count {Format(count)})", FileName, Path);
        }
        if (rank == 0) throw new Hdf5ShapeException($"{Describe()} is scalar; {verb} it whole", FileName, Path);
        for (var i = 0; i < rank; i++)
        {
            if (start[i] < 0 || count[i] < 0 || start[i] + count[i] > shape[i])
                throw new Hdf5ShapeException($"hyperslab start {Format(start)} count {Format(count)} lies outside {Describe()} of shape {Format(shape)} (dimension {i})", FileName, Path);
        }
        var s = stackalloc ulong[rank];
        var c = stackalloc ulong[rank];
        for (var i = 0; i < rank; i++)
        {
            s[i] = (ulong)start[i];
            c[i] = (ulong)count[i];
        }
        var n = Product(count);
        if (n > 0 && H5Native.H5Sselect_hyperslab(space, H5Native.H5S_SELECT_SET, s, null, c, null) < 0)
            throw H5Error.Fail($"cannot select hyperslab start {Format(start)} count {Format(count)} of {Describe()}", FileName, Path);
        return n;
    }

    internal static unsafe (long[] shape, long[] max) Dims(long space)
    {
        var rank = H5Native.H5Sget_simple_extent_ndims(space);
        if (rank < 0) throw H5Error.Fail("cannot read a dataspace", null, null);
        var dims = stackalloc ulong[Math.Max(1, rank)];
        var maxDims = stackalloc ulong[Math.Max(1, rank)];
        if (rank > 0 && H5Native.H5Sget_simple_extent_dims(space, dims, maxDims) < 0) throw H5Error.Fail("cannot read a dataspace", null, null);
        var shape = new long[rank];
        var max = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            shape[i] = (long)dims[i];
            max[i] = maxDims[i] == H5Native.H5S_UNLIMITED ? -1 : (long)maxDims[i];
        }
        return (shape, max);
    }

    /// <summary>A simple dataspace of <paramref name="shape"/> (scalar when empty); -1 in maxShape = unlimited.</summary>
    internal static unsafe H5DataspaceHandle CreateSpace(long[] shape, long[]? maxShape, string? file, string? path)
    {
        long id;
        if (shape.Length == 0)
        {
            id = H5Native.H5Screate(H5Native.H5S_SCALAR);
        }
        else
        {
            var dims = stackalloc ulong[shape.Length];
            var max = stackalloc ulong[shape.Length];
            for (var i = 0; i < shape.Length; i++)
            {
                dims[i] = (ulong)shape[i];
                max[i] = maxShape is null ? (ulong)shape[i] : maxShape[i] == -1 ? H5Native.H5S_UNLIMITED : (ulong)maxShape[i];
            }
            id = H5Native.H5Screate_simple(shape.Length, dims, max);
        }
        if (id < 0) throw H5Error.Fail($"cannot create a dataspace of shape {Format(shape)}", file, path);
        return new H5DataspaceHandle(id);
    }

    internal static long Product(ReadOnlySpan<long> dims)
    {
        long n = 1;
        foreach (var d in dims) n = checked(n * d);
        return n;
    }

    internal static string Format(long[] dims) => "[" + string.Join(", ", dims) + "]";

    private static string FormatMax(long[] dims) => "[" + string.Join(", ", dims.Select(d => d == -1 ? "unlimited" : d.ToString())) + "]";

    private static string FormatPattern(long[] dims) => "[" + string.Join(", ", dims.Select(d => d == -1 ? "*" : d.ToString())) + "]";
}
