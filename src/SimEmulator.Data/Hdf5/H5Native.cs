using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SimEmulator.Data.Hdf5;

/// <summary>
/// Raw P/Invoke declarations for the libhdf5 1.10 C API. hid_t = long, herr_t/htri_t = int, hsize_t = ulong,
/// size_t = nuint. Call only while holding <see cref="H5Library.Enter"/>.
/// </summary>
internal static unsafe partial class H5Native
{
    // Logical name; H5Library's resolver maps it to libhdf5_serial.so.103 and friends.
    public const string Lib = "hdf5";

    public const long H5P_DEFAULT = 0;
    public const long H5S_ALL = 0;
    public const long H5E_DEFAULT = 0;
    public const ulong H5S_UNLIMITED = ulong.MaxValue;
    public static readonly nuint H5T_VARIABLE = nuint.MaxValue;

    public const uint H5F_ACC_RDONLY = 0x0000, H5F_ACC_RDWR = 0x0001, H5F_ACC_TRUNC = 0x0002, H5F_ACC_EXCL = 0x0004;
    public const uint H5F_OBJ_DATASET = 0x0002, H5F_OBJ_GROUP = 0x0004, H5F_OBJ_DATATYPE = 0x0008, H5F_OBJ_ATTR = 0x0010;
    public const int H5F_SCOPE_LOCAL = 0, H5F_SCOPE_GLOBAL = 1;
    public const int H5F_CLOSE_STRONG = 3;

    public const int H5S_SCALAR = 0, H5S_SIMPLE = 1, H5S_NULL = 2;
    public const int H5S_SELECT_SET = 0;

    public const int H5T_INTEGER = 0, H5T_FLOAT = 1, H5T_STRING = 3, H5T_ENUM = 8;
    public const int H5T_SGN_NONE = 0;
    public const int H5T_CSET_ASCII = 0, H5T_CSET_UTF8 = 1;
    public const int H5T_STR_NULLTERM = 0, H5T_STR_NULLPAD = 1, H5T_STR_SPACEPAD = 2;

    public const int H5D_CONTIGUOUS = 1, H5D_CHUNKED = 2;

    public const int H5Z_FILTER_DEFLATE = 1, H5Z_FILTER_SHUFFLE = 2;
    public const uint H5Z_FLAG_MANDATORY = 0x0000, H5Z_FLAG_OPTIONAL = 0x0001;
    public const uint H5Z_FILTER_CONFIG_ENCODE_ENABLED = 0x0001, H5Z_FILTER_CONFIG_DECODE_ENABLED = 0x0002;

    public const int H5E_WALK_UPWARD = 0, H5E_WALK_DOWNWARD = 1;
    public const int H5_INDEX_NAME = 0, H5_ITER_INC = 0;
    public const int H5L_TYPE_HARD = 0, H5L_TYPE_SOFT = 1, H5L_TYPE_EXTERNAL = 64;
    public const int H5O_TYPE_GROUP = 0, H5O_TYPE_DATASET = 1, H5O_TYPE_NAMED_DATATYPE = 2;
    public const uint H5O_INFO_BASIC = 0x0001;

    /// <summary>H5O_info_t (1.10): fileno, addr, then the H5O_type_t we need at byte 16; the struct is 160 bytes.</summary>
    public const int H5O_INFO_SIZE = 256, H5O_INFO_TYPE_OFFSET = 16;

    /// <summary>H5L_info_t: H5L_type_t at byte 0; 32 bytes in all.</summary>
    public const int H5L_INFO_SIZE = 64;

    [StructLayout(LayoutKind.Sequential)]
    public struct H5E_error2_t
    {
        public long cls_id;
        public long maj_num;
        public long min_num;
        public uint line;
        public byte* func_name;
        public byte* file_name;
        public byte* desc;
    }

    // ---- library ----
    [LibraryImport(Lib)] public static partial int H5open();
    [LibraryImport(Lib)] public static partial int H5get_libversion(out uint major, out uint minor, out uint release);
    [LibraryImport(Lib)] public static partial int H5is_library_threadsafe([MarshalAs(UnmanagedType.U1)] out bool threadsafe);
    [LibraryImport(Lib)] public static partial int H5free_memory(void* mem);

    // ---- errors ----
    [LibraryImport(Lib)] public static partial int H5Eset_auto2(long estack, nint func, nint clientData);
    [LibraryImport(Lib)] public static partial int H5Ewalk2(long estack, int direction, delegate* unmanaged[Cdecl]<uint, H5E_error2_t*, void*, int> func, void* clientData);
    [LibraryImport(Lib)] public static partial nint H5Eget_msg(long msgId, out int type, byte* msg, nuint size);
    [LibraryImport(Lib)] public static partial int H5Eclear2(long estack);

    // ---- files ----
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Fis_hdf5(string name);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Fcreate(string name, uint flags, long fcpl, long fapl);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Fopen(string name, uint flags, long fapl);
    [LibraryImport(Lib)] public static partial int H5Fclose(long file);
    [LibraryImport(Lib)] public static partial int H5Fflush(long obj, int scope);
    [LibraryImport(Lib)] public static partial int H5Fget_vfd_handle(long file, long fapl, out nint fileHandle);

    // ---- libc, to mark libhdf5's descriptors close-on-exec ----
    public const int F_SETFD = 2, FD_CLOEXEC = 1;
    [LibraryImport("libc", SetLastError = true)] public static partial int fcntl(int fd, int cmd, int arg);

    // ---- property lists ----
    [LibraryImport(Lib)] public static partial long H5Pcreate(long cls);
    [LibraryImport(Lib)] public static partial int H5Pclose(long plist);
    [LibraryImport(Lib)] public static partial int H5Pset_chunk(long dcpl, int ndims, ulong* dims);
    [LibraryImport(Lib)] public static partial int H5Pget_chunk(long dcpl, int maxNdims, ulong* dims);
    [LibraryImport(Lib)] public static partial int H5Pget_layout(long dcpl);
    [LibraryImport(Lib)] public static partial int H5Pset_deflate(long dcpl, uint level);
    [LibraryImport(Lib)] public static partial int H5Pset_shuffle(long dcpl);
    // hbool_t is a one-byte C bool in libhdf5 1.10.
    [LibraryImport(Lib)] public static partial int H5Pset_obj_track_times(long ocpl, byte track);
    [LibraryImport(Lib)] public static partial int H5Pset_filter(long dcpl, int filter, uint flags, nuint cdNelmts, uint* cdValues);
    [LibraryImport(Lib)] public static partial int H5Pget_nfilters(long dcpl);
    [LibraryImport(Lib)] public static partial int H5Pget_filter2(long dcpl, uint idx, out uint flags, ref nuint cdNelmts, uint* cdValues, nuint nameLen, byte* name, out uint filterConfig);
    [LibraryImport(Lib)] public static partial int H5Pset_create_intermediate_group(long lcpl, uint create);
    [LibraryImport(Lib)] public static partial int H5Pset_char_encoding(long plist, int cset);
    [LibraryImport(Lib)] public static partial int H5Pset_cache(long fapl, int mdcNelmts, nuint rdccNslots, nuint rdccNbytes, double w0);
    [LibraryImport(Lib)] public static partial int H5Pset_fclose_degree(long fapl, int degree);

    // ---- dataspaces ----
    [LibraryImport(Lib)] public static partial long H5Screate(int type);
    [LibraryImport(Lib)] public static partial long H5Screate_simple(int rank, ulong* dims, ulong* maxDims);
    [LibraryImport(Lib)] public static partial int H5Sclose(long space);
    [LibraryImport(Lib)] public static partial int H5Sget_simple_extent_type(long space);
    [LibraryImport(Lib)] public static partial int H5Sget_simple_extent_ndims(long space);
    [LibraryImport(Lib)] public static partial int H5Sget_simple_extent_dims(long space, ulong* dims, ulong* maxDims);
    [LibraryImport(Lib)] public static partial long H5Sget_simple_extent_npoints(long space);
    [LibraryImport(Lib)] public static partial int H5Sselect_hyperslab(long space, int op, ulong* start, ulong* stride, ulong* count, ulong* block);

    // ---- datatypes ----
    [LibraryImport(Lib)] public static partial long H5Tcopy(long type);
    [LibraryImport(Lib)] public static partial int H5Tclose(long type);
    [LibraryImport(Lib)] public static partial int H5Tget_class(long type);
    [LibraryImport(Lib)] public static partial nuint H5Tget_size(long type);
    [LibraryImport(Lib)] public static partial int H5Tset_size(long type, nuint size);
    [LibraryImport(Lib)] public static partial int H5Tget_sign(long type);
    [LibraryImport(Lib)] public static partial int H5Tis_variable_str(long type);
    [LibraryImport(Lib)] public static partial int H5Tget_cset(long type);
    [LibraryImport(Lib)] public static partial int H5Tset_cset(long type, int cset);
    [LibraryImport(Lib)] public static partial int H5Tget_strpad(long type);
    [LibraryImport(Lib)] public static partial int H5Tset_strpad(long type, int strpad);
    [LibraryImport(Lib)] public static partial long H5Tenum_create(long baseType);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Tenum_insert(long type, string name, void* value);
    [LibraryImport(Lib)] public static partial long H5Tget_super(long type);
    [LibraryImport(Lib)] public static partial int H5Tget_nmembers(long type);
    [LibraryImport(Lib)] public static partial byte* H5Tget_member_name(long type, uint index);
    [LibraryImport(Lib)] public static partial int H5Tget_member_value(long type, uint index, void* value);

    // ---- groups, links, objects ----
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Gcreate2(long loc, string name, long lcpl, long gcpl, long gapl);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Gopen2(long loc, string name, long gapl);
    [LibraryImport(Lib)] public static partial int H5Gclose(long group);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Lexists(long loc, string name, long lapl);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Ldelete(long loc, string name, long lapl);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Lget_info(long loc, string name, void* info, long lapl);
    [LibraryImport(Lib)] public static partial int H5Literate(long group, int indexType, int order, ulong* idx, delegate* unmanaged[Cdecl]<long, byte*, void*, void*, int> op, void* opData);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Oexists_by_name(long loc, string name, long lapl);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Oget_info_by_name2(long loc, string name, void* info, uint fields, long lapl);

    // ---- datasets ----
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Dcreate2(long loc, string name, long type, long space, long lcpl, long dcpl, long dapl);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Dopen2(long loc, string name, long dapl);
    [LibraryImport(Lib)] public static partial int H5Dclose(long dset);
    [LibraryImport(Lib)] public static partial long H5Dget_space(long dset);
    [LibraryImport(Lib)] public static partial long H5Dget_type(long dset);
    [LibraryImport(Lib)] public static partial long H5Dget_create_plist(long dset);
    [LibraryImport(Lib)] public static partial int H5Dread(long dset, long memType, long memSpace, long fileSpace, long xfer, void* buf);
    [LibraryImport(Lib)] public static partial int H5Dwrite(long dset, long memType, long memSpace, long fileSpace, long xfer, void* buf);
    [LibraryImport(Lib)] public static partial int H5Dset_extent(long dset, ulong* size);
    [LibraryImport(Lib)] public static partial int H5Dvlen_reclaim(long type, long space, long xfer, void* buf);

    // ---- attributes ----
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Acreate2(long loc, string name, long type, long space, long acpl, long aapl);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Aopen(long obj, string name, long aapl);
    [LibraryImport(Lib)] public static partial int H5Aclose(long attr);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Aexists(long obj, string name);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Adelete(long obj, string name);
    [LibraryImport(Lib)] public static partial int H5Aread(long attr, long memType, void* buf);
    [LibraryImport(Lib)] public static partial int H5Awrite(long attr, long memType, void* buf);
    [LibraryImport(Lib)] public static partial long H5Aget_space(long attr);
    [LibraryImport(Lib)] public static partial long H5Aget_type(long attr);
    [LibraryImport(Lib)] public static partial int H5Aiterate2(long obj, int indexType, int order, ulong* idx, delegate* unmanaged[Cdecl]<long, byte*, void*, void*, int> op, void* opData);

    // ---- filters ----
    [LibraryImport(Lib)] public static partial int H5Zfilter_avail(int filter);
    [LibraryImport(Lib)] public static partial int H5Zget_filter_info(int filter, out uint flags);

    /// <summary>Iteration callback for H5Literate / H5Aiterate2: appends the name to the List&lt;string&gt; behind opData.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static int CollectName(long location, byte* name, void* info, void* opData)
    {
        var list = (List<string>)GCHandle.FromIntPtr((nint)opData).Target!;
        list.Add(Marshal.PtrToStringUTF8((nint)name) ?? "");
        return 0;
    }
}
