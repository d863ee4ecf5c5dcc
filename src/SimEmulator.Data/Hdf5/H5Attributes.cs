using System.Runtime.InteropServices;
using System.Text;

namespace SimEmulator.Data.Hdf5;

/// <summary>
/// The attributes of a file (its root group), group or dataset, h5py-compatible:
/// numbers are scalars or 1-D arrays; strings are variable-length UTF-8 (what h5py writes for attrs["x"] = "text");
/// bools are numpy's bool (an int8 enum FALSE = 0 / TRUE = 1, which h5py reads back as numpy.bool_).
/// Reading also accepts fixed-length strings (h5py's np.bytes_) and converts numbers whenever the value fits:
/// an int64 256 reads as int, 3.0 as long, but 3.5 as long or 300 as sbyte is an error.
/// </summary>
public sealed class H5Attributes
{
    private readonly H5Object _owner;

    internal H5Attributes(H5Object owner) => _owner = owner;

    /// <summary>Attribute names in name order.</summary>
    public unsafe IReadOnlyList<string> Names
    {
        get
        {
            using var _ = H5Library.Enter();
            var names = new List<string>();
            var gc = GCHandle.Alloc(names);
            try
            {
                ulong idx = 0;
                if (H5Native.H5Aiterate2(_owner.Id, H5Native.H5_INDEX_NAME, H5Native.H5_ITER_INC, &idx, &H5Native.CollectName, (void*)GCHandle.ToIntPtr(gc)) < 0)
                    throw H5Error.Fail($"cannot list the attributes of {_owner.Describe()}", _owner.FileName, _owner.Path);
            }
            finally
            {
                gc.Free();
            }
            return names;
        }
    }

    public bool Contains(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var _ = H5Library.Enter();
        var r = H5Native.H5Aexists(_owner.Id, name);
        if (r < 0) throw H5Error.Fail($"cannot look up attribute '{name}' on {_owner.Describe()}", _owner.FileName, _owner.Path);
        return r > 0;
    }

    /// <summary>The stored element type of attribute <paramref name="name"/>.</summary>
    public H5ElementType ElementTypeOf(string name)
    {
        using var _ = H5Library.Enter();
        using var attr = Open(name);
        using var type = TypeOf(attr, name);
        return H5Types.Classify(type.Id);
    }

    /// <summary>Reads a scalar (or one-element) numeric or bool attribute as <typeparamref name="T"/>.</summary>
    /// <exception cref="Hdf5NotFoundException">No such attribute.</exception>
    /// <exception cref="Hdf5TypeMismatchException">It is a string, or its value does not fit in T.</exception>
    public T Get<T>(string name) where T : unmanaged
    {
        using var _ = H5Library.Enter();
        var values = GetArray<T>(name);
        if (values.Length != 1)
            throw new Hdf5ShapeException($"attribute '{name}' on {_owner.Describe()} holds {values.Length} values; read it with GetArray", _owner.FileName, _owner.Path);
        return values[0];
    }

    /// <summary>Reads a numeric or bool attribute (scalar or array, flattened) as <typeparamref name="T"/>[].</summary>
    public unsafe T[] GetArray<T>(string name) where T : unmanaged
    {
        using var _ = H5Library.Enter();
        using var attr = Open(name);
        using var type = TypeOf(attr, name);
        var n = checked((int)Points(attr, name));
        var stored = H5Types.Classify(type.Id);
        var result = new T[n];
        if (n == 0) return result;

        if (typeof(T) == typeof(bool))
        {
            if (stored == H5ElementType.Bool)
            {
                using var boolType = H5Types.CreateBool();
                var raw = new sbyte[n];
                fixed (sbyte* p = raw) ReadRaw(attr, boolType.Id, p, name);
                for (var i = 0; i < n; i++) result[i] = (T)(object)(raw[i] != 0);
                return result;
            }
            if (stored is >= H5ElementType.Int8 and <= H5ElementType.UInt64)
            {
                var raw = new long[n];
                fixed (long* p = raw) ReadRaw(attr, H5Library.NativeInt64, p, name);
                for (var i = 0; i < n; i++)
                {
                    if (raw[i] is not (0 or 1)) throw Mismatch(name, stored, typeof(T), $"value {raw[i]} is not 0 or 1");
                    result[i] = (T)(object)(raw[i] == 1);
                }
                return result;
            }
            throw Mismatch(name, stored, typeof(T), null);
        }

        var target = H5Types.Of<T>();
        if (stored is >= H5ElementType.Int8 and <= H5ElementType.Int64 && stored is not (H5ElementType.UInt8 or H5ElementType.UInt16 or H5ElementType.UInt32))
        {
            var raw = new long[n];
            fixed (long* p = raw) ReadRaw(attr, H5Library.NativeInt64, p, name);
            for (var i = 0; i < n; i++) result[i] = FromLong<T>(raw[i], name, stored);
        }
        else if (stored is H5ElementType.UInt8 or H5ElementType.UInt16 or H5ElementType.UInt32 or H5ElementType.UInt64)
        {
            var raw = new ulong[n];
            fixed (ulong* p = raw) ReadRaw(attr, H5Library.NativeUInt64, p, name);
            for (var i = 0; i < n; i++) result[i] = FromULong<T>(raw[i], name, stored);
        }
        else if (stored is H5ElementType.Float16 or H5ElementType.Float32 or H5ElementType.Float64)
        {
            var raw = new double[n];
            fixed (double* p = raw) ReadRaw(attr, H5Library.NativeDouble, p, name);
            for (var i = 0; i < n; i++) result[i] = FromDouble<T>(raw[i], name, stored, target);
        }
        else
        {
            throw Mismatch(name, stored, typeof(T), null);
        }
        return result;
    }

    /// <summary>Reads a scalar string attribute: variable-length (h5py's str) or fixed-length (h5py's np.bytes_), UTF-8 or ASCII.</summary>
    public string GetString(string name)
    {
        using var _ = H5Library.Enter();
        var values = GetStrings(name);
        if (values.Length != 1)
            throw new Hdf5ShapeException($"attribute '{name}' on {_owner.Describe()} holds {values.Length} strings; read it with GetStrings", _owner.FileName, _owner.Path);
        return values[0];
    }

    /// <summary>Reads a string attribute (scalar or array) as string[].</summary>
    public unsafe string[] GetStrings(string name)
    {
        using var _ = H5Library.Enter();
        using var attr = Open(name);
        using var type = TypeOf(attr, name);
        var stored = H5Types.Classify(type.Id);
        if (stored != H5ElementType.String) throw Mismatch(name, stored, typeof(string), null);
        var n = checked((int)Points(attr, name));
        var result = new string[n];
        if (n == 0) return result;
        var cset = H5Native.H5Tget_cset(type.Id);

        if (H5Native.H5Tis_variable_str(type.Id) > 0)
        {
            using var memType = StringType(H5Native.H5T_VARIABLE, cset);
            var ptrs = new nint[n];
            fixed (nint* p = ptrs)
            {
                ReadRaw(attr, memType.Id, p, name);
                for (var i = 0; i < n; i++) result[i] = ptrs[i] == 0 ? "" : Marshal.PtrToStringUTF8(ptrs[i]) ?? "";
                using var space = SpaceOf(attr, name);
                H5Native.H5Dvlen_reclaim(memType.Id, space.Id, H5Native.H5P_DEFAULT, p);
            }
            return result;
        }

        var size = (int)H5Native.H5Tget_size(type.Id);
        var pad = H5Native.H5Tget_strpad(type.Id);
        var tid = H5Native.H5Tcopy(type.Id);
        if (tid < 0) throw H5Error.Fail($"cannot copy the type of attribute '{name}'", _owner.FileName, _owner.Path);
        using var fixedType = new H5DatatypeHandle(tid);
        var bytes = new byte[n * size];
        fixed (byte* p = bytes) ReadRaw(attr, fixedType.Id, p, name);
        for (var i = 0; i < n; i++)
        {
            var slot = bytes.AsSpan(i * size, size);
            var end = slot.IndexOf((byte)0);
            if (end >= 0) slot = slot[..end];
            if (pad == H5Native.H5T_STR_SPACEPAD) slot = slot.TrimEnd((byte)' ');
            result[i] = Encoding.UTF8.GetString(slot);
        }
        return result;
    }

    /// <summary>Writes a variable-length UTF-8 string (h5py reads it as str).</summary>
    public void Set(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteStrings(name, [value], scalar: true);
    }

    /// <summary>Writes a 1-D array of variable-length UTF-8 strings (h5py reads an object array of str).</summary>
    public void Set(string name, string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        WriteStrings(name, values, scalar: false);
    }

    /// <summary>Writes a bool as numpy's bool enum (h5py reads numpy.bool_, i.e. True/False).</summary>
    public unsafe void Set(string name, bool value)
    {
        using var _ = H5Library.Enter();
        using var type = H5Types.CreateBool();
        sbyte v = value ? (sbyte)1 : (sbyte)0;
        WriteRaw(name, type.Id, type.Id, [], &v);
    }

    /// <summary>Writes a numeric scalar (double → float64, long → int64, int → int32, float → float32, …).</summary>
    public unsafe void Set<T>(string name, T value) where T : unmanaged
    {
        if (typeof(T) == typeof(bool))
        {
            Set(name, (bool)(object)value);
            return;
        }
        var et = H5Types.Of<T>();
        using var _ = H5Library.Enter();
        WriteRaw(name, H5Types.File(et), H5Types.Memory(et), [], &value);
    }

    /// <summary>Writes a 1-D numeric array.</summary>
    public unsafe void Set<T>(string name, ReadOnlySpan<T> values) where T : unmanaged
    {
        using var _ = H5Library.Enter();
        if (typeof(T) == typeof(bool))
        {
            using var type = H5Types.CreateBool();
            fixed (T* p = values) WriteRaw(name, type.Id, type.Id, [values.Length], p);
            return;
        }
        var et = H5Types.Of<T>();
        fixed (T* p = values) WriteRaw(name, H5Types.File(et), H5Types.Memory(et), [values.Length], p);
    }

    /// <summary>Removes attribute <paramref name="name"/>.</summary>
    public void Delete(string name)
    {
        using var _ = H5Library.Enter();
        if (!Contains(name)) throw NotFound(name);
        _owner.File.RequireWritable($"delete attribute '{name}' of {_owner.Describe()}");
        if (H5Native.H5Adelete(_owner.Id, name) < 0) throw H5Error.Fail($"cannot delete attribute '{name}' of {_owner.Describe()}", _owner.FileName, _owner.Path);
    }

    // ---- helpers (callers hold the lock) ----

    private H5AttributeHandle Open(string name)
    {
        if (!Contains(name)) throw NotFound(name);
        var id = H5Native.H5Aopen(_owner.Id, name, H5Native.H5P_DEFAULT);
        if (id < 0) throw H5Error.Fail($"cannot open attribute '{name}' on {_owner.Describe()}", _owner.FileName, _owner.Path);
        return new H5AttributeHandle(id);
    }

    private Hdf5NotFoundException NotFound(string name)
    {
        var names = Names;
        var known = names.Count == 0 ? "it has no attributes" : "it has " + string.Join(", ", names.Take(12).Select(n => $"'{n}'")) + (names.Count > 12 ? ", …" : "");
        return new Hdf5NotFoundException($"no attribute '{name}' on {_owner.Describe()} ({known})", _owner.FileName, _owner.Path);
    }

    private H5DatatypeHandle TypeOf(H5AttributeHandle attr, string name)
    {
        var id = H5Native.H5Aget_type(attr.Id);
        if (id < 0) throw H5Error.Fail($"cannot read the type of attribute '{name}' on {_owner.Describe()}", _owner.FileName, _owner.Path);
        return new H5DatatypeHandle(id);
    }

    private H5DataspaceHandle SpaceOf(H5AttributeHandle attr, string name)
    {
        var id = H5Native.H5Aget_space(attr.Id);
        if (id < 0) throw H5Error.Fail($"cannot read the shape of attribute '{name}' on {_owner.Describe()}", _owner.FileName, _owner.Path);
        return new H5DataspaceHandle(id);
    }

    private long Points(H5AttributeHandle attr, string name)
    {
        using var space = SpaceOf(attr, name);
        var n = H5Native.H5Sget_simple_extent_npoints(space.Id);
        if (n < 0) throw H5Error.Fail($"cannot read the shape of attribute '{name}' on {_owner.Describe()}", _owner.FileName, _owner.Path);
        return n;
    }

    private unsafe void ReadRaw(H5AttributeHandle attr, long memType, void* buffer, string name)
    {
        if (H5Native.H5Aread(attr.Id, memType, buffer) < 0)
            throw H5Error.Fail($"cannot read attribute '{name}' on {_owner.Describe()}", _owner.FileName, _owner.Path);
    }

    /// <summary>Creates (replacing any existing attribute of that name) and writes in one go.</summary>
    private unsafe void WriteRaw(string name, long fileType, long memType, long[] shape, void* data)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _owner.File.RequireWritable($"write attribute '{name}' on {_owner.Describe()}");
        if (Contains(name) && H5Native.H5Adelete(_owner.Id, name) < 0)
            throw H5Error.Fail($"cannot replace attribute '{name}' on {_owner.Describe()}", _owner.FileName, _owner.Path);
        using var space = H5Dataset.CreateSpace(shape, null, _owner.FileName, _owner.Path);
        var id = H5Native.H5Acreate2(_owner.Id, name, fileType, space.Id, H5Native.H5P_DEFAULT, H5Native.H5P_DEFAULT);
        if (id < 0) throw H5Error.Fail($"cannot create attribute '{name}' on {_owner.Describe()}", _owner.FileName, _owner.Path);
        using var attr = new H5AttributeHandle(id);
        if (shape.Length == 1 && shape[0] == 0) return;
        if (H5Native.H5Awrite(id, memType, data) < 0)
            throw H5Error.Fail($"cannot write attribute '{name}' on {_owner.Describe()}", _owner.FileName, _owner.Path);
    }

    private unsafe void WriteStrings(string name, string[] values, bool scalar)
    {
        using var _ = H5Library.Enter();
        using var type = StringType(H5Native.H5T_VARIABLE, H5Native.H5T_CSET_UTF8);
        var ptrs = new nint[values.Length];
        try
        {
            for (var i = 0; i < values.Length; i++) ptrs[i] = Marshal.StringToCoTaskMemUTF8(values[i] ?? "");
            fixed (nint* p = ptrs) WriteRaw(name, type.Id, type.Id, scalar ? [] : [values.Length], p);
        }
        finally
        {
            foreach (var p in ptrs) Marshal.FreeCoTaskMem(p);
        }
    }

    private static H5DatatypeHandle StringType(nuint size, int cset)
    {
        var id = H5Native.H5Tcopy(H5Library.CString);
        if (id < 0) throw H5Error.Fail("cannot create a string type", null, null);
        var type = new H5DatatypeHandle(id);
        H5Native.H5Tset_size(id, size);
        H5Native.H5Tset_cset(id, cset);
        return type;
    }

    private Hdf5TypeMismatchException Mismatch(string name, H5ElementType stored, Type requested, string? why)
    {
        var cs = H5Types.CSharpName(requested);
        var hint = stored switch
        {
            H5ElementType.String => "read it with GetString",
            H5ElementType.Bool => "read it with Get<bool>",
            _ when H5Types.IsNumeric(stored) || stored == H5ElementType.Float16 => "read it with Get<double> or Get<long>",
            _ => "its HDF5 type is not supported",
        };
        var reason = why is null ? "" : $" ({why})";
        return new Hdf5TypeMismatchException($"attribute '{name}' on {_owner.Describe()} holds {H5Types.Name(stored)}{reason}; cannot read it as {cs}: {hint}",
            _owner.FileName, _owner.Path, stored, requested);
    }

    private T FromLong<T>(long v, string name, H5ElementType stored) where T : unmanaged
    {
        object? r = typeof(T) switch
        {
            var t when t == typeof(double) => (double)v,
            var t when t == typeof(float) => (float)v,
            var t when t == typeof(long) => v,
            var t when t == typeof(ulong) => v >= 0 ? (ulong)v : null,
            var t when t == typeof(int) => v is >= int.MinValue and <= int.MaxValue ? (int)v : null,
            var t when t == typeof(uint) => v is >= 0 and <= uint.MaxValue ? (uint)v : null,
            var t when t == typeof(short) => v is >= short.MinValue and <= short.MaxValue ? (short)v : null,
            var t when t == typeof(ushort) => v is >= 0 and <= ushort.MaxValue ? (ushort)v : null,
            var t when t == typeof(sbyte) => v is >= sbyte.MinValue and <= sbyte.MaxValue ? (sbyte)v : null,
            var t when t == typeof(byte) => v is >= 0 and <= byte.MaxValue ? (byte)v : null,
            _ => null,
        };
        return r is T value ? value : throw Mismatch(name, stored, typeof(T), $"value {v} does not fit");
    }

    private T FromULong<T>(ulong v, string name, H5ElementType stored) where T : unmanaged
    {
        if (typeof(T) == typeof(ulong)) return (T)(object)v;
        if (typeof(T) == typeof(double)) return (T)(object)(double)v;
        if (typeof(T) == typeof(float)) return (T)(object)(float)v;
        if (v > long.MaxValue) throw Mismatch(name, stored, typeof(T), $"value {v} does not fit");
        return FromLong<T>((long)v, name, stored);
    }

    private T FromDouble<T>(double v, string name, H5ElementType stored, H5ElementType target) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return (T)(object)v;
        if (typeof(T) == typeof(float))
        {
            // Rounds to the nearest float, like C#'s (float) cast; only magnitude overflow is refused.
            var f = (float)v;
            if (float.IsInfinity(f) && !double.IsInfinity(v)) throw Mismatch(name, stored, typeof(T), $"value {v} overflows float");
            return (T)(object)f;
        }
        if (double.IsNaN(v) || Math.Floor(v) != v)
            throw Mismatch(name, stored, typeof(T), $"value {v} is not an integer");
        if (target == H5ElementType.UInt64)
        {
            if (v is < 0 or >= 18446744073709551616.0) throw Mismatch(name, stored, typeof(T), $"value {v} does not fit");
            return (T)(object)(ulong)v;
        }
        if (v is < -9223372036854775808.0 or >= 9223372036854775808.0) throw Mismatch(name, stored, typeof(T), $"value {v} does not fit");
        return FromLong<T>((long)v, name, stored);
    }
}
