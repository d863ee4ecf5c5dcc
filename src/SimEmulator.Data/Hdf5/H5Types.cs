using System.Runtime.InteropServices;

namespace SimEmulator.Data.Hdf5;

/// <summary>Maps .NET element types to HDF5 type ids and decides which conversions happen without being asked.</summary>
internal static unsafe class H5Types
{
    public const string Supported = "sbyte, byte, short, ushort, int, uint, long, ulong, float or double";

    public static H5ElementType Of<T>()
    {
        if (typeof(T) == typeof(float)) return H5ElementType.Float32;
        if (typeof(T) == typeof(double)) return H5ElementType.Float64;
        if (typeof(T) == typeof(sbyte)) return H5ElementType.Int8;
        if (typeof(T) == typeof(byte)) return H5ElementType.UInt8;
        if (typeof(T) == typeof(short)) return H5ElementType.Int16;
        if (typeof(T) == typeof(ushort)) return H5ElementType.UInt16;
        if (typeof(T) == typeof(int)) return H5ElementType.Int32;
        if (typeof(T) == typeof(uint)) return H5ElementType.UInt32;
        if (typeof(T) == typeof(long)) return H5ElementType.Int64;
        if (typeof(T) == typeof(ulong)) return H5ElementType.UInt64;
        throw new NotSupportedException($"HDF5 element type {typeof(T).Name} is not supported; use {Supported}");
    }

    /// <summary>The in-memory (native) HDF5 type for T; a library-owned id, never closed.</summary>
    public static long Memory(H5ElementType t) => t switch
    {
        H5ElementType.Int8 => H5Library.NativeInt8,
        H5ElementType.UInt8 => H5Library.NativeUInt8,
        H5ElementType.Int16 => H5Library.NativeInt16,
        H5ElementType.UInt16 => H5Library.NativeUInt16,
        H5ElementType.Int32 => H5Library.NativeInt32,
        H5ElementType.UInt32 => H5Library.NativeUInt32,
        H5ElementType.Int64 => H5Library.NativeInt64,
        H5ElementType.UInt64 => H5Library.NativeUInt64,
        H5ElementType.Float32 => H5Library.NativeFloat,
        H5ElementType.Float64 => H5Library.NativeDouble,
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "no native HDF5 type"),
    };

    /// <summary>The little-endian type written to files, what numpy calls '&lt;f4', '&lt;i8', ….</summary>
    public static long File(H5ElementType t) => t switch
    {
        H5ElementType.Int8 => H5Library.StdI8,
        H5ElementType.UInt8 => H5Library.StdU8,
        H5ElementType.Int16 => H5Library.StdI16,
        H5ElementType.UInt16 => H5Library.StdU16,
        H5ElementType.Int32 => H5Library.StdI32,
        H5ElementType.UInt32 => H5Library.StdU32,
        H5ElementType.Int64 => H5Library.StdI64,
        H5ElementType.UInt64 => H5Library.StdU64,
        H5ElementType.Float32 => H5Library.IeeeF32,
        H5ElementType.Float64 => H5Library.IeeeF64,
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "no HDF5 file type"),
    };

    public static string Name(H5ElementType t) => t switch
    {
        H5ElementType.Int8 => "int8",
        H5ElementType.UInt8 => "uint8",
        H5ElementType.Int16 => "int16",
        H5ElementType.UInt16 => "uint16",
        H5ElementType.Int32 => "int32",
        H5ElementType.UInt32 => "uint32",
        H5ElementType.Int64 => "int64",
        H5ElementType.UInt64 => "uint64",
        H5ElementType.Float16 => "float16",
        H5ElementType.Float32 => "float32",
        H5ElementType.Float64 => "float64",
        H5ElementType.Bool => "bool",
        H5ElementType.String => "string",
        _ => "a non-numeric type",
    };

    public static string CSharpName(Type t) =>
        t == typeof(float) ? "float" : t == typeof(double) ? "double" : t == typeof(sbyte) ? "sbyte" :
        t == typeof(byte) ? "byte" : t == typeof(short) ? "short" : t == typeof(ushort) ? "ushort" :
        t == typeof(int) ? "int" : t == typeof(uint) ? "uint" : t == typeof(long) ? "long" :
        t == typeof(ulong) ? "ulong" : t == typeof(bool) ? "bool" : t == typeof(string) ? "string" : t.Name;

    /// <summary>Classifies a file or memory datatype.</summary>
    public static H5ElementType Classify(long type)
    {
        var cls = H5Native.H5Tget_class(type);
        var size = (long)H5Native.H5Tget_size(type);
        switch (cls)
        {
            case H5Native.H5T_INTEGER:
                var signed = H5Native.H5Tget_sign(type) != H5Native.H5T_SGN_NONE;
                return size switch
                {
                    1 => signed ? H5ElementType.Int8 : H5ElementType.UInt8,
                    2 => signed ? H5ElementType.Int16 : H5ElementType.UInt16,
                    4 => signed ? H5ElementType.Int32 : H5ElementType.UInt32,
                    8 => signed ? H5ElementType.Int64 : H5ElementType.UInt64,
                    _ => H5ElementType.Other,
                };
            case H5Native.H5T_FLOAT:
                return size switch
                {
                    2 => H5ElementType.Float16,
                    4 => H5ElementType.Float32,
                    8 => H5ElementType.Float64,
                    _ => H5ElementType.Other,
                };
            case H5Native.H5T_STRING:
                return H5ElementType.String;
            case H5Native.H5T_ENUM:
                return IsNumpyBool(type) ? H5ElementType.Bool : H5ElementType.Other;
            default:
                return H5ElementType.Other;
        }
    }

    /// <summary>h5py stores numpy bool as an enum over int8 with exactly FALSE = 0 and TRUE = 1.</summary>
    private static bool IsNumpyBool(long type)
    {
        if (H5Native.H5Tget_nmembers(type) != 2 || H5Native.H5Tget_size(type) != 1) return false;
        for (uint i = 0; i < 2; i++)
        {
            var namePtr = H5Native.H5Tget_member_name(type, i);
            var name = Marshal.PtrToStringUTF8((nint)namePtr);
            H5Native.H5free_memory(namePtr);
            sbyte value;
            if (H5Native.H5Tget_member_value(type, i, &value) < 0) return false;
            if (!(name == "FALSE" && value == 0 || name == "TRUE" && value == 1)) return false;
        }
        return true;
    }

    /// <summary>The numpy-compatible bool type (enum int8 FALSE=0, TRUE=1); the caller closes it.</summary>
    public static H5DatatypeHandle CreateBool()
    {
        var id = H5Native.H5Tenum_create(H5Library.NativeInt8);
        if (id < 0) throw H5Error.Fail("cannot create the bool enum type", null, null);
        var handle = new H5DatatypeHandle(id);
        sbyte f = 0, t = 1;
        H5Native.H5Tenum_insert(id, "FALSE", &f);
        H5Native.H5Tenum_insert(id, "TRUE", &t);
        return handle;
    }

    /// <summary>
    /// True when every value of <paramref name="from"/> converts to <paramref name="to"/> the way C# converts
    /// implicitly (widening: int16 → int32, float32 → float64, int64 → float64, …). Narrowing (float64 → float32,
    /// int64 → int32, signed ↔ unsigned of the same size) needs an explicit opt-in.
    /// </summary>
    public static bool IsImplicit(H5ElementType from, H5ElementType to)
    {
        if (from == to) return true;
        return from switch
        {
            H5ElementType.Int8 => to is H5ElementType.Int16 or H5ElementType.Int32 or H5ElementType.Int64 or H5ElementType.Float32 or H5ElementType.Float64,
            H5ElementType.UInt8 => to is H5ElementType.Int16 or H5ElementType.UInt16 or H5ElementType.Int32 or H5ElementType.UInt32
                or H5ElementType.Int64 or H5ElementType.UInt64 or H5ElementType.Float32 or H5ElementType.Float64,
            H5ElementType.Int16 => to is H5ElementType.Int32 or H5ElementType.Int64 or H5ElementType.Float32 or H5ElementType.Float64,
            H5ElementType.UInt16 => to is H5ElementType.Int32 or H5ElementType.UInt32 or H5ElementType.Int64 or H5ElementType.UInt64
                or H5ElementType.Float32 or H5ElementType.Float64,
            H5ElementType.Int32 => to is H5ElementType.Int64 or H5ElementType.Float32 or H5ElementType.Float64,
            H5ElementType.UInt32 => to is H5ElementType.Int64 or H5ElementType.UInt64 or H5ElementType.Float32 or H5ElementType.Float64,
            H5ElementType.Int64 or H5ElementType.UInt64 => to is H5ElementType.Float32 or H5ElementType.Float64,
            H5ElementType.Float16 => to is H5ElementType.Float32 or H5ElementType.Float64,
            H5ElementType.Float32 => to is H5ElementType.Float64,
            _ => false,
        };
    }

    public static bool IsNumeric(H5ElementType t) => t is >= H5ElementType.Int8 and <= H5ElementType.Float64;
}
