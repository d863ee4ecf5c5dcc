using SimEmulator.Torch.Native;
using static SimEmulator.Torch.Native.NativeMethods;

namespace SimEmulator.Torch;

public partial class Tensor
{
    private unsafe Tensor Shp(int op, ReadOnlySpan<long> v)
    {
        fixed (long* p = v) return Wrap(st_shape_op(op, Handle, p, v.Length, out var r), r);
    }

    public Tensor view(params long[] shape) => Shp(0, shape);
    public Tensor reshape(params long[] shape) => Shp(1, shape);
    public Tensor permute(params long[] dims) => Shp(2, dims);
    public Tensor expand(params long[] shape) => Shp(3, shape);
    public Tensor expand_as(Tensor other) => Shp(3, other.shape);
    public Tensor flip(params long[] dims) => Shp(4, dims);
    public Tensor repeat(params long[] repeats) => Shp(5, repeats);
    /// <summary>Removes all size-1 dims, or the given ones.</summary>
    public Tensor squeeze(params long[] dims) => Shp(6, dims);
    public Tensor unsqueeze(long dim) => Shp(7, [dim]);
    public Tensor view_as(Tensor other) => Shp(0, other.shape);
    public Tensor reshape_as(Tensor other) => Shp(1, other.shape);

    public Tensor transpose(long dim0, long dim1) => Wrap(st_transpose(Handle, dim0, dim1, out var r), r);
    /// <summary>Matrix transpose of a 2-D tensor.</summary>
    public Tensor t() => transpose(0, 1);
    public Tensor flatten(long start_dim = 0, long end_dim = -1) => Wrap(st_flatten(Handle, start_dim, end_dim, out var r), r);
    public Tensor narrow(long dim, long start, long length) => Wrap(st_narrow(Handle, dim, start, length, out var r), r);
    public Tensor select(long dim, long index) => Wrap(st_select(Handle, dim, index, out var r), r);
    /// <summary>Elements start, start+step, ... below end along dim (Python's a[start:end:step]).</summary>
    public Tensor slice(long dim, long start, long end, long step = 1) => Wrap(st_slice(Handle, dim, start, end, step, out var r), r);
    public Tensor index_select(long dim, Tensor index) => Wrap(st_index_select(Handle, dim, index.Handle, out var r), r);
    public Tensor masked_select(Tensor mask) => B(Binary.masked_select, mask);
    public Tensor gather(long dim, Tensor index) => Wrap(st_gather(Handle, dim, index.Handle, out var r), r);
    public Tensor scatter(long dim, Tensor index, Tensor src) => Wrap(st_scatter(0, 0, Handle, dim, index.Handle, src.Handle, out var r), r);
    public Tensor scatter_(long dim, Tensor index, Tensor src) { TorchException.Check(st_scatter(0, 1, Handle, dim, index.Handle, src.Handle, out _)); return this; }
    public Tensor scatter_add(long dim, Tensor index, Tensor src) => Wrap(st_scatter(1, 0, Handle, dim, index.Handle, src.Handle, out var r), r);
    public Tensor scatter_add_(long dim, Tensor index, Tensor src) { TorchException.Check(st_scatter(1, 1, Handle, dim, index.Handle, src.Handle, out _)); return this; }
    public Tensor index_add(long dim, Tensor index, Tensor source) => Wrap(st_scatter(2, 0, Handle, dim, index.Handle, source.Handle, out var r), r);
    public Tensor index_add_(long dim, Tensor index, Tensor source) { TorchException.Check(st_scatter(2, 1, Handle, dim, index.Handle, source.Handle, out _)); return this; }

    public unsafe Tensor roll(long[] shifts, long[] dims)
    {
        if (shifts.Length != dims.Length) throw new ArgumentException($"roll: {shifts.Length} shifts for {dims.Length} dims");
        fixed (long* s = shifts) fixed (long* d = dims) return Wrap(st_roll(Handle, s, d, shifts.Length, out var r), r);
    }

    public Tensor roll(long shift, long dim) => roll([shift], [dim]);

    /// <summary>Advanced indexing a[i0, i1, ...] with index tensors; null stands for a full slice ':'.</summary>
    public unsafe Tensor index(params Tensor?[] indices)
    {
        var hs = indices.Select(t => t?.Handle ?? IntPtr.Zero).ToArray();
        fixed (IntPtr* p = hs) return Wrap(st_index(Handle, p, hs.Length, out var r), r);
    }

    /// <summary>a[i0, i1, ...] = values (or += with accumulate), in place.</summary>
    public unsafe Tensor index_put_(Tensor?[] indices, Tensor values, bool accumulate = false)
    {
        var hs = indices.Select(t => t?.Handle ?? IntPtr.Zero).ToArray();
        fixed (IntPtr* p = hs) TorchException.Check(st_index_put_(Handle, p, hs.Length, values.Handle, accumulate ? 1 : 0));
        return this;
    }

    /// <summary>a[i] along the first dim, like Python's a[i].</summary>
    public Tensor this[long i] => select(0, i);

    private unsafe Tensor[] Split(int op, long[] v, long dim, int capacity)
    {
        var result = new IntPtr[Math.Max(capacity, 1)];
        int count;
        fixed (long* pv = v) fixed (IntPtr* pr = result)
            TorchException.Check(st_split(op, Handle, pv, v.Length, dim, pr, result.Length, out count));
        var ts = new Tensor[count];
        for (var i = 0; i < count; i++) ts[i] = new Tensor(result[i]);
        return ts;
    }

    public Tensor[] chunk(long chunks, long dim = 0) => Split(0, [chunks], dim, (int)chunks);

    public Tensor[] split(long split_size, long dim = 0)
    {
        var n = size((int)dim);
        return Split(1, [split_size], dim, (int)Math.Max(1, (n + split_size - 1) / Math.Max(1, split_size)));
    }

    public Tensor[] split(long[] split_sizes, long dim = 0) => Split(2, split_sizes, dim, split_sizes.Length);
    public Tensor[] unbind(long dim = 0) => Split(3, [], dim, (int)size((int)dim));

    public Tensor contiguous() => U(Unary.contiguous);
    public Tensor clone() => U(Unary.clone);
    /// <summary>A tensor sharing storage but cut from the autograd graph.</summary>
    public Tensor detach() => U(Unary.detach);
    public Tensor detach_() => U_(Unary.detach);
    public Tensor view_as_real() => U(Unary.view_as_real);
    public Tensor view_as_complex() => U(Unary.view_as_complex);

    // ------------------------------------------------------------------ autograd
    /// <summary>Accumulates d(this)/d(leaf) into every leaf's .grad; a non-scalar needs an explicit gradient.</summary>
    public void backward(Tensor? gradient = null, bool? retain_graph = null, bool create_graph = false) =>
        TorchException.Check(st_backward(Handle, gradient?.Handle ?? IntPtr.Zero,
            retain_graph is null ? -1 : retain_graph.Value ? 1 : 0, create_graph ? 1 : 0));

    /// <summary>The accumulated gradient, or null; each read returns a new handle the caller (or scope) disposes.</summary>
    public Tensor? grad
    {
        get
        {
            TorchException.Check(st_grad(Handle, out var g));
            return g == IntPtr.Zero ? null : new Tensor(g);
        }
        set => TorchException.Check(st_set_grad(Handle, value?.Handle ?? IntPtr.Zero));
    }

    /// <summary>Whether .grad is set, without creating a handle.</summary>
    public bool has_grad
    {
        get
        {
            TorchException.Check(st_grad(Handle, out var g));
            if (g == IntPtr.Zero) return false;
            st_free(g);
            return true;
        }
    }

    public void zero_grad(bool set_to_none = true) => TorchException.Check(st_zero_grad(Handle, set_to_none ? 1 : 0));
    public Tensor retain_grad() { TorchException.Check(st_retain_grad(Handle)); return this; }
}
