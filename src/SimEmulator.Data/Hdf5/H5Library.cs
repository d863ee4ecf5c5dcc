using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace SimEmulator.Data.Hdf5;

/// <summary>
/// Loads libhdf5, holds the one global lock every native call runs under (as h5py's "phil" lock does), switches
/// off HDF5's automatic error printing on each thread, and reads the library's global type/class identifiers.
/// </summary>
public static class H5Library
{
    private static readonly string[] Candidates =
        ["libhdf5_serial.so.103", "libhdf5.so.103", "libhdf5_serial.so", "libhdf5.so"];

    private static readonly Lock Sync = new();
    private static nint s_handle;
    private static bool s_opened;
    [ThreadStatic] private static bool t_errorPrintingOff;

    /// <summary>Version of the loaded libhdf5, e.g. "1.10.8".</summary>
    public static string Version
    {
        get
        {
            using var _ = Enter();
            H5Native.H5get_libversion(out var major, out var minor, out var release);
            return $"{major}.{minor}.{release}";
        }
    }

    /// <summary>Whether HDF5 can decode data written with filter <paramref name="filterId"/> (1 deflate, 32001 blosc, …).</summary>
    public static bool CanDecode(int filterId)
    {
        using var _ = Enter();
        return FilterAvailable(filterId, H5Native.H5Z_FILTER_CONFIG_DECODE_ENABLED);
    }

    internal static bool FilterAvailable(int filterId, uint configFlag)
    {
        // H5Zfilter_avail also tries HDF5_PLUGIN_PATH, so an installed hdf5-blosc plugin counts as available.
        if (H5Native.H5Zfilter_avail(filterId) <= 0)
        {
            H5Native.H5Eclear2(H5Native.H5E_DEFAULT);
            return false;
        }
        return H5Native.H5Zget_filter_info(filterId, out var flags) >= 0 && (flags & configFlag) != 0;
    }

    [ModuleInitializer]
    internal static void RegisterResolver()
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(H5Library).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Another part of this assembly registered the (single) resolver first; the load-context event
            // still lets us answer for "hdf5" when default probing fails.
            AssemblyLoadContext.Default.ResolvingUnmanagedDll += (assembly, name) =>
                assembly == typeof(H5Library).Assembly && name == H5Native.Lib ? Load() : 0;
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == H5Native.Lib ? Load() : 0;

    internal static nint Load()
    {
        if (s_handle != 0) return s_handle;
        lock (Candidates)
        {
            if (s_handle != 0) return s_handle;
            foreach (var name in Candidates)
            {
                if (NativeLibrary.TryLoad(name, out var h)) return s_handle = h;
            }
            const string serialDir = "/usr/lib/x86_64-linux-gnu/hdf5/serial/libhdf5.so";
            if (NativeLibrary.TryLoad(serialDir, out var dev)) return s_handle = dev;
            throw new DllNotFoundException(
                "libhdf5 (Debian package libhdf5-103-1, installed with libhdf5-dev) not found; tried " +
                string.Join(", ", Candidates) + " and " + serialDir + ". Install it with 'apt-get install libhdf5-dev' " +
                "or put a libhdf5 1.10+ shared library on LD_LIBRARY_PATH.");
        }
    }

    /// <summary>
    /// Takes the global HDF5 lock (re-entrant) and makes sure the library is open and this thread's automatic
    /// error printing is off. In a thread-safe libhdf5 the error stack and its auto-print setting are per thread,
    /// so H5Eset_auto2 must run once on every thread that calls in.
    /// </summary>
    internal static Lock.Scope Enter()
    {
        var scope = Sync.EnterScope();
        if (t_errorPrintingOff) return scope;
        try
        {
            if (!s_opened) Open();
            H5Native.H5Eset_auto2(H5Native.H5E_DEFAULT, 0, 0);
            t_errorPrintingOff = true;
        }
        catch
        {
            scope.Dispose();
            throw;
        }
        return scope;
    }

    private static void Open()
    {
        var lib = Load();
        if (H5Native.H5open() < 0) throw new Hdf5Exception("libhdf5 failed to initialise (H5open)");
        long G(string symbol) => Marshal.ReadInt64(NativeLibrary.GetExport(lib, symbol));

        NativeInt8 = G("H5T_NATIVE_SCHAR_g");
        NativeUInt8 = G("H5T_NATIVE_UCHAR_g");
        NativeInt16 = G("H5T_NATIVE_SHORT_g");
        NativeUInt16 = G("H5T_NATIVE_USHORT_g");
        NativeInt32 = G("H5T_NATIVE_INT_g");
        NativeUInt32 = G("H5T_NATIVE_UINT_g");
        NativeInt64 = G("H5T_NATIVE_LLONG_g");
        NativeUInt64 = G("H5T_NATIVE_ULLONG_g");
        NativeFloat = G("H5T_NATIVE_FLOAT_g");
        NativeDouble = G("H5T_NATIVE_DOUBLE_g");
        StdI8 = G("H5T_STD_I8LE_g");
        StdU8 = G("H5T_STD_U8LE_g");
        StdI16 = G("H5T_STD_I16LE_g");
        StdU16 = G("H5T_STD_U16LE_g");
        StdI32 = G("H5T_STD_I32LE_g");
        StdU32 = G("H5T_STD_U32LE_g");
        StdI64 = G("H5T_STD_I64LE_g");
        StdU64 = G("H5T_STD_U64LE_g");
        IeeeF32 = G("H5T_IEEE_F32LE_g");
        IeeeF64 = G("H5T_IEEE_F64LE_g");
        CString = G("H5T_C_S1_g");
        ClassDatasetCreate = G("H5P_CLS_DATASET_CREATE_ID_g");
        ClassDatasetAccess = G("H5P_CLS_DATASET_ACCESS_ID_g");
        ClassFileAccess = G("H5P_CLS_FILE_ACCESS_ID_g");
        ClassLinkCreate = G("H5P_CLS_LINK_CREATE_ID_g");
        ClassGroupCreate = G("H5P_CLS_GROUP_CREATE_ID_g");
        ClassFileCreate = G("H5P_CLS_FILE_CREATE_ID_g");
        ClassAttributeCreate = G("H5P_CLS_ATTRIBUTE_CREATE_ID_g");
        s_opened = true;
    }

    // Valid only after Open(): the H5T_NATIVE_* / H5T_STD_* / H5P_CLS_* "constants" are globals set by H5open.
    internal static long NativeInt8, NativeUInt8, NativeInt16, NativeUInt16, NativeInt32, NativeUInt32,
        NativeInt64, NativeUInt64, NativeFloat, NativeDouble;
    internal static long StdI8, StdU8, StdI16, StdU16, StdI32, StdU32, StdI64, StdU64, IeeeF32, IeeeF64, CString;
    internal static long ClassDatasetCreate, ClassDatasetAccess, ClassFileAccess, ClassLinkCreate, ClassAttributeCreate, ClassGroupCreate, ClassFileCreate;
}
