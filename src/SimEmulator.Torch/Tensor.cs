using System.Runtime.InteropServices;
using SimEmulator.Torch.Native;
using static SimEmulator.Torch.Native.NativeMethods;

namespace SimEmulator.Torch;

/// <summary>An n-dimensional array on a device with autograd, owning one libtorch tensor handle; dispose it.</summary>
public partial class Tensor : IDisposable
{
    private IntPtr handle;
    internal DisposeScope? scope;

    internal Tensor(IntPtr handle)
    {
        if (handle == IntPtr.Zero) throw new ArgumentException("null tensor handle");
        this.handle = handle;
        DisposeScope.Current?.Add(this);
    }

    /// <summary>The native handle; throws once the tensor is disposed.</summary>
    internal IntPtr Handle
    {
        get
        {
            if (handle == IntPtr.Zero) throw new ObjectDisposedException(nameof(Tensor), "the tensor was disposed (by Dispose or by its dispose scope)");
            return handle;
        }
    }

    public bool IsDisposed => handle == IntPtr.Zero;

    internal static Tensor Wrap(int status, IntPtr result)
    {
        TorchException.Check(status);
        return new Tensor(result);
    }

    /// <summary>Replaces the native tensor this object refers to, freeing the old one (used by Module.to).</summary>
    internal void SwapHandle(Tensor other)
    {
        var old = handle;
        handle = other.handle;
        other.handle = IntPtr.Zero;
        other.scope?.Remove(other);
        GC.SuppressFinalize(other);
        if (old != IntPtr.Zero) st_free(old);
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    ~Tensor() => Free();

    private void Free()
    {
        var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
        if (h == IntPtr.Zero) return;
        st_free(h);
        if (scope is { } s) s.Remove(this);
    }

    /// <summary>A second handle to this same tensor (same storage, same autograd node), disposable on its own.</summary>
    public Tensor alias() => U(Native.Unary.alias);

    /// <summary>Takes this tensor out of its dispose scope into the enclosing one.</summary>
    public Tensor MoveToOuterDisposeScope() => scope is { } s ? s.MoveToOuter(this) : this;

    /// <summary>Takes this tensor out of every dispose scope; the caller now owns it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        scope?.Remove(this);
        return this;
    }

    // ------------------------------------------------------------------ metadata
    public long[] shape
    {
        get
        {
            var h = Handle;
            var n = st_dim(h);
            var s = new long[n];
            unsafe { fixed (long* p = s) st_shape(h, p); }
            return s;
        }
    }

    public long size(int dim)
    {
        var s = shape;
        var d = dim < 0 ? dim + s.Length : dim;
        if (d < 0 || d >= s.Length)
            throw new ArgumentOutOfRangeException(nameof(dim), dim, $"dim {dim} is out of range for a {s.Length}-d tensor of shape [{string.Join(", ", s)}]");
        return s[d];
    }

    public int dim() => st_dim(Handle);
    public int ndim => st_dim(Handle);
    public long numel() => st_numel(Handle);

    public long[] stride()
    {
        var h = Handle;
        var s = new long[st_dim(h)];
        unsafe { fixed (long* p = s) TorchException.Check(st_strides(h, p)); }
        return s;
    }

    public ScalarType dtype => (ScalarType)st_dtype(Handle);

    public Device device
    {
        get
        {
            st_device(Handle, out var type, out var index);
            return new Device((DeviceType)type, index);
        }
    }

    public bool is_contiguous() => st_is_contiguous(Handle) != 0;
    public bool is_leaf => st_is_leaf(Handle) != 0;

    public bool requires_grad
    {
        get => st_requires_grad(Handle) != 0;
        set => TorchException.Check(st_set_requires_grad(Handle, value ? 1 : 0));
    }

    public Tensor requires_grad_(bool value = true)
    {
        requires_grad = value;
        return this;
    }

    public override string ToString() =>
        IsDisposed ? "tensor(disposed)" : $"tensor(shape=[{string.Join(", ", shape)}], dtype={dtype.TorchName()}, device={device})";

    // ------------------------------------------------------------------ data
    /// <summary>The value of a one-element tensor.</summary>
    public T item<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(long) || typeof(T) == typeof(int) || typeof(T) == typeof(short) ||
            typeof(T) == typeof(byte) || typeof(T) == typeof(sbyte))
        {
            TorchException.Check(st_item_int64(Handle, out var l));
            return (T)Convert.ChangeType(l, typeof(T));
        }
        TorchException.Check(st_item(Handle, out var d));
        if (typeof(T) == typeof(bool)) return (T)(object)(d != 0);
        if (typeof(T) == typeof(Half)) return (T)(object)(Half)d;
        return (T)Convert.ChangeType(d, typeof(T));
    }

    /// <summary>Copies the elements, in C order, into a new array; T must match the dtype.</summary>
    public T[] data<T>() where T : unmanaged
    {
        var result = new T[numel()];
        CopyTo<T>(result);
        return result;
    }

    public float[] ToFloatArray() => data<float>();
    public double[] ToDoubleArray() => data<double>();

    public unsafe void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        CheckElementType<T>();
        fixed (T* p = destination)
            TorchException.Check(st_copy_to_host(Handle, p, (long)destination.Length * sizeof(T)));
    }

    /// <summary>Overwrites this tensor's elements (any device) from host memory, in C order.</summary>
    public unsafe Tensor CopyFrom<T>(ReadOnlySpan<T> source) where T : unmanaged
    {
        CheckElementType<T>();
        fixed (T* p = source)
            TorchException.Check(st_copy_from_host(Handle, p, (long)source.Length * sizeof(T)));
        return this;
    }

    private void CheckElementType<T>() where T : unmanaged
    {
        var have = dtype;
        // bfloat16 has no .NET type; its raw bits travel as ushort (checked before Of<T>, which knows no ushort dtype).
        if (have == ScalarType.BFloat16 && typeof(T) == typeof(ushort)) return;
        if (typeof(T) == typeof(ushort))
            throw new ArgumentException($"tensor dtype is {have.TorchName()} but the buffer holds UInt16, which only carries bfloat16 bits; convert with .to(...) first");
        var want = ScalarTypeExtensions.Of<T>();
        if (want != have)
            throw new ArgumentException($"tensor dtype is {have.TorchName()} but the buffer holds {typeof(T).Name} ({want.TorchName()}); convert with .to(...) first");
    }

    // ------------------------------------------------------------------ conversion
    public Tensor to(ScalarType type, bool copy = false) => Wrap(st_to(Handle, (int)type, -1, 0, 0, copy ? 1 : 0, out var r), r);
    public Tensor to(Device d, bool non_blocking = false, bool copy = false) =>
        Wrap(st_to(Handle, -1, (int)d.type, d.index, non_blocking ? 1 : 0, copy ? 1 : 0, out var r), r);
    public Tensor to(string device) => to(Device.Parse(device));
    public Tensor to(Device d, ScalarType type) => Wrap(st_to(Handle, (int)type, (int)d.type, d.index, 0, 0, out var r), r);
    public Tensor to(Tensor other) => to(other.device, other.dtype);
    public Tensor cpu() => to(torch.CPU);
    public Tensor cuda(int index = 0) => to(new Device(DeviceType.CUDA, index));
    public Tensor @float() => to(ScalarType.Float32);
    public Tensor @double() => to(ScalarType.Float64);
    public Tensor @long() => to(ScalarType.Int64);
    public Tensor @bool() => to(ScalarType.Bool);
    public Tensor half() => to(ScalarType.Float16);
    public Tensor bfloat16() => to(ScalarType.BFloat16);
}
