using System.Runtime.InteropServices;
using SimEmulator.Torch.Native;

namespace SimEmulator.Torch;

/// <summary>A libtorch error (shape mismatch, bad dtype, ...) carrying libtorch's own message.</summary>
public sealed class TorchException : Exception
{
    public TorchException(string message) : base(message) { }

    internal static void Check(int status)
    {
        if (status != 0) throw FromNative();
    }

    internal static TorchException FromNative()
    {
        var msg = Marshal.PtrToStringUTF8(NativeMethods.st_last_error()) ?? "unknown libtorch error";
        return new TorchException(msg.TrimEnd());
    }
}
