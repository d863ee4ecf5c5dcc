using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SimEmulator.Data.Hdf5;

/// <summary>Reads this thread's HDF5 error stack (after a failed call) into text for an <see cref="Hdf5Exception"/>.</summary>
internal static unsafe class H5Error
{
    private readonly record struct Entry(long Major, long Minor, string Function, string Description);

    /// <summary>
    /// The failed call's story, API level first, most specific last, without repeats:
    /// "unable to open file: truncated file: eof = 1024, sblock->base_addr = 0, stored_eof = 2048".
    /// Empty when the stack is empty. Clears the stack.
    /// </summary>
    public static string Detail()
    {
        var entries = new List<Entry>();
        var gc = GCHandle.Alloc(entries);
        try
        {
            H5Native.H5Ewalk2(H5Native.H5E_DEFAULT, H5Native.H5E_WALK_DOWNWARD, &Collect, (void*)GCHandle.ToIntPtr(gc));
        }
        finally
        {
            gc.Free();
        }
        H5Native.H5Eclear2(H5Native.H5E_DEFAULT);
        if (entries.Count == 0) return "";
        // The API entry says what was attempted, the innermost one why it failed; the middle is HDF5's plumbing.
        var first = entries[0].Description;
        var last = entries[^1].Description;
        if (last.Length == 0) last = MinorMessage(entries[^1].Minor);
        return entries.Count == 1 || first == last ? last : $"{first}: {last}";
    }

    /// <summary>An <see cref="Hdf5Exception"/> "what: hdf5 detail" naming the file and object.</summary>
    public static Hdf5Exception Fail(string what, string? file, string? objectPath)
    {
        var detail = Detail();
        return new Hdf5Exception(detail.Length == 0 ? what : $"{what}: {detail}", file, objectPath, detail);
    }

    private static string MinorMessage(long minor)
    {
        Span<byte> buf = stackalloc byte[256];
        fixed (byte* p = buf)
        {
            var n = H5Native.H5Eget_msg(minor, out _, p, (nuint)buf.Length);
            return n <= 0 ? "" : Marshal.PtrToStringUTF8((nint)p) ?? "";
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Collect(uint n, H5Native.H5E_error2_t* err, void* data)
    {
        var list = (List<Entry>)GCHandle.FromIntPtr((nint)data).Target!;
        list.Add(new Entry(err->maj_num, err->min_num,
            Marshal.PtrToStringUTF8((nint)err->func_name) ?? "",
            Marshal.PtrToStringUTF8((nint)err->desc) ?? ""));
        return 0;
    }
}
