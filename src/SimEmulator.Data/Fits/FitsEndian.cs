using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace SimEmulator.Data.Fits;

/// <summary>In-place byte swaps between the big-endian FITS layout and the machine's order.</summary>
internal static class FitsEndian
{
    internal static void Swap<T>(Span<T> values) where T : unmanaged
    {
        switch (Marshal.SizeOf<T>())
        {
            case 2:
                var s = MemoryMarshal.Cast<T, short>(values);
                BinaryPrimitives.ReverseEndianness(s, s);
                break;
            case 4:
                var i = MemoryMarshal.Cast<T, int>(values);
                BinaryPrimitives.ReverseEndianness(i, i);
                break;
            case 8:
                var l = MemoryMarshal.Cast<T, long>(values);
                BinaryPrimitives.ReverseEndianness(l, l);
                break;
        }
    }
}
