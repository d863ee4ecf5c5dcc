namespace SimEmulator.Torch;

/// <summary>A trainable leaf tensor owned by a module; never freed by dispose scopes.</summary>
public sealed class Parameter : Tensor
{
    /// <summary>Wraps a detached copy-free view of data as a leaf that requires grad (data stays the caller's).</summary>
    public Parameter(Tensor data, bool requires_grad = true) : base(Detached(data))
    {
        DetachFromDisposeScope();
        this.requires_grad = requires_grad;
    }

    private static IntPtr Detached(Tensor data)
    {
        TorchException.Check(Native.NativeMethods.st_unary(Native.Unary.detach, data.Handle, out var h));
        return h;
    }
}
