using SimEmulator.Torch.Native;
using static SimEmulator.Torch.Native.NativeMethods;

namespace SimEmulator.Torch;

public partial class Tensor
{
    internal Tensor U(int op) => Wrap(st_unary(op, Handle, out var r), r);
    internal Tensor U_(int op) { TorchException.Check(st_unary_(op, Handle)); return this; }
    internal Tensor B(int op, Tensor other, double alpha = 1) => Wrap(st_binary(op, Handle, other.Handle, alpha, out var r), r);
    internal Tensor S(int op, double s) => Wrap(st_binary_scalar(op, Handle, s, 0, out var r), r);
    internal Tensor S(int op, long s) => Wrap(st_binary_scalar(op, Handle, s, 1, out var r), r);
    internal Tensor B_(int op, Tensor other, double alpha = 1) { TorchException.Check(st_binary_(op, Handle, other.Handle, alpha)); return this; }
    internal Tensor S_(int op, double s) { TorchException.Check(st_binary_scalar_(op, Handle, s, 0)); return this; }
    internal Tensor S_(int op, long s) { TorchException.Check(st_binary_scalar_(op, Handle, s, 1)); return this; }

    // ------------------------------------------------------------------ operators
    public static Tensor operator +(Tensor a, Tensor b) => a.B(Binary.add, b);
    public static Tensor operator +(Tensor a, double s) => a.S(Binary.add, s);
    public static Tensor operator +(double s, Tensor a) => a.S(Binary.add, s);
    public static Tensor operator +(Tensor a, long s) => a.S(Binary.add, s);
    public static Tensor operator +(long s, Tensor a) => a.S(Binary.add, s);
    public static Tensor operator -(Tensor a, Tensor b) => a.B(Binary.sub, b);
    public static Tensor operator -(Tensor a, double s) => a.S(Binary.sub, s);
    public static Tensor operator -(double s, Tensor a) => a.S(Binary.rsub, s);
    public static Tensor operator -(Tensor a, long s) => a.S(Binary.sub, s);
    public static Tensor operator -(long s, Tensor a) => a.S(Binary.rsub, s);
    public static Tensor operator -(Tensor a) => a.U(Unary.neg);
    public static Tensor operator *(Tensor a, Tensor b) => a.B(Binary.mul, b);
    public static Tensor operator *(Tensor a, double s) => a.S(Binary.mul, s);
    public static Tensor operator *(double s, Tensor a) => a.S(Binary.mul, s);
    public static Tensor operator *(Tensor a, long s) => a.S(Binary.mul, s);
    public static Tensor operator *(long s, Tensor a) => a.S(Binary.mul, s);
    public static Tensor operator /(Tensor a, Tensor b) => a.B(Binary.div, b);
    public static Tensor operator /(Tensor a, double s) => a.S(Binary.div, s);
    public static Tensor operator /(double s, Tensor a) => a.S(Binary.rdiv, s);
    public static Tensor operator /(Tensor a, long s) => a.S(Binary.div, s);
    public static Tensor operator %(Tensor a, Tensor b) => a.B(Binary.remainder, b);
    public static Tensor operator %(Tensor a, double s) => a.S(Binary.remainder, s);
    // Integer scalars keep integer tensors integer (i % 2 is int64 in PyTorch, usable as an index).
    public static Tensor operator %(Tensor a, long s) => a.S(Binary.remainder, s);
    public static Tensor operator <(Tensor a, Tensor b) => a.B(Binary.lt, b);
    public static Tensor operator >(Tensor a, Tensor b) => a.B(Binary.gt, b);
    public static Tensor operator <=(Tensor a, Tensor b) => a.B(Binary.le, b);
    public static Tensor operator >=(Tensor a, Tensor b) => a.B(Binary.ge, b);
    public static Tensor operator <(Tensor a, double s) => a.S(Binary.lt, s);
    public static Tensor operator >(Tensor a, double s) => a.S(Binary.gt, s);
    public static Tensor operator <=(Tensor a, double s) => a.S(Binary.le, s);
    public static Tensor operator >=(Tensor a, double s) => a.S(Binary.ge, s);
    public static Tensor operator &(Tensor a, Tensor b) => a.B(Binary.logical_and, b);
    public static Tensor operator |(Tensor a, Tensor b) => a.B(Binary.logical_or, b);
    public static Tensor operator !(Tensor a) => a.U(Unary.logical_not);

    // ------------------------------------------------------------------ elementwise
    public Tensor add(Tensor other, double alpha = 1) => B(Binary.add, other, alpha);
    public Tensor add(double s) => S(Binary.add, s);
    public Tensor sub(Tensor other, double alpha = 1) => B(Binary.sub, other, alpha);
    public Tensor sub(double s) => S(Binary.sub, s);
    public Tensor mul(Tensor other) => B(Binary.mul, other);
    public Tensor mul(double s) => S(Binary.mul, s);
    public Tensor div(Tensor other) => B(Binary.div, other);
    public Tensor div(double s) => S(Binary.div, s);
    public Tensor pow(Tensor exponent) => B(Binary.pow, exponent);
    public Tensor pow(double exponent) => S(Binary.pow, exponent);
    public Tensor maximum(Tensor other) => B(Binary.maximum, other);
    public Tensor minimum(Tensor other) => B(Binary.minimum, other);
    public Tensor remainder(Tensor other) => B(Binary.remainder, other);
    public Tensor remainder(double s) => S(Binary.remainder, s);
    public Tensor remainder(long s) => S(Binary.remainder, s);
    public Tensor fmod(double s) => S(Binary.fmod, s);
    public Tensor fmod(long s) => S(Binary.fmod, s);
    public Tensor floor_divide(double s) => S(Binary.floor_divide, s);
    public Tensor floor_divide(long s) => S(Binary.floor_divide, s);
    public Tensor atan2(Tensor other) => B(Binary.atan2, other);

    public Tensor eq(Tensor other) => B(Binary.eq, other);
    public Tensor eq(double s) => S(Binary.eq, s);
    public Tensor ne(Tensor other) => B(Binary.ne, other);
    public Tensor ne(double s) => S(Binary.ne, s);
    public Tensor lt(Tensor other) => B(Binary.lt, other);
    public Tensor lt(double s) => S(Binary.lt, s);
    public Tensor le(Tensor other) => B(Binary.le, other);
    public Tensor le(double s) => S(Binary.le, s);
    public Tensor gt(Tensor other) => B(Binary.gt, other);
    public Tensor gt(double s) => S(Binary.gt, s);
    public Tensor ge(Tensor other) => B(Binary.ge, other);
    public Tensor ge(double s) => S(Binary.ge, s);
    public Tensor logical_and(Tensor other) => B(Binary.logical_and, other);
    public Tensor logical_or(Tensor other) => B(Binary.logical_or, other);
    public Tensor logical_xor(Tensor other) => B(Binary.logical_xor, other);
    public Tensor logical_not() => U(Unary.logical_not);

    public Tensor neg() => U(Unary.neg);
    public Tensor exp() => U(Unary.exp);
    public Tensor exp2() => U(Unary.exp2);
    public Tensor expm1() => U(Unary.expm1);
    public Tensor log() => U(Unary.log);
    public Tensor log1p() => U(Unary.log1p);
    public Tensor log10() => U(Unary.log10);
    public Tensor log2() => U(Unary.log2);
    public Tensor sqrt() => U(Unary.sqrt);
    public Tensor rsqrt() => U(Unary.rsqrt);
    public Tensor square() => U(Unary.square);
    public Tensor abs() => U(Unary.abs);
    public Tensor sign() => U(Unary.sign);
    public Tensor sin() => U(Unary.sin);
    public Tensor cos() => U(Unary.cos);
    public Tensor tan() => U(Unary.tan);
    public Tensor asin() => U(Unary.asin);
    public Tensor acos() => U(Unary.acos);
    public Tensor atan() => U(Unary.atan);
    public Tensor sinh() => U(Unary.sinh);
    public Tensor cosh() => U(Unary.cosh);
    public Tensor tanh() => U(Unary.tanh);
    public Tensor sigmoid() => U(Unary.sigmoid);
    public Tensor relu() => U(Unary.relu);
    public Tensor erf() => U(Unary.erf);
    public Tensor floor() => U(Unary.floor);
    public Tensor ceil() => U(Unary.ceil);
    public Tensor round() => U(Unary.round);
    public Tensor trunc() => U(Unary.trunc);
    public Tensor frac() => U(Unary.frac);
    public Tensor reciprocal() => U(Unary.reciprocal);
    public Tensor isnan() => U(Unary.isnan);
    public Tensor isinf() => U(Unary.isinf);
    public Tensor isfinite() => U(Unary.isfinite);
    public Tensor nonzero() => U(Unary.nonzero);

    public Tensor clamp(double? min = null, double? max = null) =>
        Wrap(st_clamp(Handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0, 0, out var r), r);
    public Tensor clamp_(double? min = null, double? max = null)
    {
        TorchException.Check(st_clamp(Handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0, 1, out _));
        return this;
    }
    public Tensor clamp_min(double min) => S(Binary.clamp_min, min);
    public Tensor clamp_max(double max) => S(Binary.clamp_max, max);

    public Tensor masked_fill(Tensor mask, double value) => Wrap(st_masked_fill(Handle, mask.Handle, value, 0, 0, out var r), r);
    public Tensor masked_fill_(Tensor mask, double value)
    {
        TorchException.Check(st_masked_fill(Handle, mask.Handle, value, 0, 1, out _));
        return this;
    }

    public Tensor addcmul(Tensor t1, Tensor t2, double value = 1) => Wrap(st_addc(0, 0, Handle, t1.Handle, t2.Handle, value, out var r), r);
    public Tensor addcdiv(Tensor t1, Tensor t2, double value = 1) => Wrap(st_addc(1, 0, Handle, t1.Handle, t2.Handle, value, out var r), r);
    public Tensor addcmul_(Tensor t1, Tensor t2, double value = 1) { TorchException.Check(st_addc(0, 1, Handle, t1.Handle, t2.Handle, value, out _)); return this; }
    public Tensor addcdiv_(Tensor t1, Tensor t2, double value = 1) { TorchException.Check(st_addc(1, 1, Handle, t1.Handle, t2.Handle, value, out _)); return this; }
    public Tensor lerp(Tensor end, double weight) => Wrap(st_lerp(Handle, end.Handle, weight, 0, out var r), r);
    public Tensor lerp_(Tensor end, double weight) { TorchException.Check(st_lerp(Handle, end.Handle, weight, 1, out _)); return this; }

    // ------------------------------------------------------------------ in place
    public Tensor add_(Tensor other, double alpha = 1) => B_(Binary.add, other, alpha);
    public Tensor add_(double s) => S_(Binary.add, s);
    public Tensor add_(long s) => S_(Binary.add, s);
    public Tensor sub_(Tensor other, double alpha = 1) => B_(Binary.sub, other, alpha);
    public Tensor sub_(double s) => S_(Binary.sub, s);
    public Tensor mul_(Tensor other) => B_(Binary.mul, other);
    public Tensor mul_(double s) => S_(Binary.mul, s);
    public Tensor mul_(long s) => S_(Binary.mul, s);
    public Tensor div_(Tensor other) => B_(Binary.div, other);
    public Tensor div_(double s) => S_(Binary.div, s);
    public Tensor pow_(double s) => S_(Binary.pow, s);
    public Tensor copy_(Tensor src) => B_(Binary.copy, src);
    public Tensor fill_(double value) => S_(Binary.fill, value);
    public Tensor fill_(long value) => S_(Binary.fill, value);
    public Tensor zero_() => U_(Unary.zero);
    public Tensor neg_() => U_(Unary.neg);
    public Tensor exp_() => U_(Unary.exp);
    public Tensor log_() => U_(Unary.log);
    public Tensor sqrt_() => U_(Unary.sqrt);
    public Tensor abs_() => U_(Unary.abs);
    public Tensor relu_() => U_(Unary.relu);
    public Tensor tanh_() => U_(Unary.tanh);
    public Tensor sigmoid_() => U_(Unary.sigmoid);

    /// <summary>Fills with U(from, to) in place, from the given generator or the global one.</summary>
    public Tensor uniform_(double from = 0, double to = 1, Generator? generator = null)
    {
        TorchException.Check(st_random_(0, Handle, from, to, generator?.Handle ?? IntPtr.Zero));
        return this;
    }

    public Tensor normal_(double mean = 0, double std = 1, Generator? generator = null)
    {
        TorchException.Check(st_random_(1, Handle, mean, std, generator?.Handle ?? IntPtr.Zero));
        return this;
    }

    public Tensor bernoulli_(double p = 0.5, Generator? generator = null)
    {
        TorchException.Check(st_random_(2, Handle, p, 0, generator?.Handle ?? IntPtr.Zero));
        return this;
    }

    // ------------------------------------------------------------------ linear algebra
    public Tensor matmul(Tensor other) => B(Binary.matmul, other);
    public Tensor mm(Tensor other) => B(Binary.mm, other);
    public Tensor bmm(Tensor other) => B(Binary.bmm, other);
    public Tensor dot(Tensor other) => B(Binary.dot, other);
    public Tensor outer(Tensor other) => B(Binary.outer, other);

    // ------------------------------------------------------------------ reductions
    private unsafe Tensor Red(int op, long[]? dims, bool keepdim, double p = 0, ScalarType? type = null)
    {
        fixed (long* d = dims)
            return Wrap(st_reduce(op, Handle, d, dims is null ? -1 : dims.Length, keepdim ? 1 : 0, p, type is null ? -1 : (int)type, out var r), r);
    }

    public Tensor sum(ScalarType? type = null) => Red(Reduce.sum, null, false, type: type);
    public Tensor sum(long dim, bool keepdim = false, ScalarType? type = null) => Red(Reduce.sum, [dim], keepdim, type: type);
    public Tensor sum(long[] dims, bool keepdim = false, ScalarType? type = null) => Red(Reduce.sum, dims, keepdim, type: type);
    // A literal 0 converts to any enum, so without these int overloads x.sum(0) and x.prod(0) would bind to
    // sum(ScalarType?) / prod(ScalarType?) and reduce everything in dtype 0 (uint8) instead of over dim 0.
    public Tensor sum(int dim, bool keepdim = false, ScalarType? type = null) => Red(Reduce.sum, [dim], keepdim, type: type);
    public Tensor mean() => Red(Reduce.mean, null, false);
    public Tensor mean(long dim, bool keepdim = false) => Red(Reduce.mean, [dim], keepdim);
    public Tensor mean(long[] dims, bool keepdim = false) => Red(Reduce.mean, dims, keepdim);
    /// <summary>Standard deviation; unbiased (N−1) by default, as in PyTorch.</summary>
    public Tensor std(bool unbiased = true) => Red(Reduce.std, null, false, unbiased ? 1 : 0);
    public Tensor std(long dim, bool unbiased = true, bool keepdim = false) => Red(Reduce.std, [dim], keepdim, unbiased ? 1 : 0);
    public Tensor std(long[] dims, bool unbiased = true, bool keepdim = false) => Red(Reduce.std, dims, keepdim, unbiased ? 1 : 0);
    public Tensor var(bool unbiased = true) => Red(Reduce.var, null, false, unbiased ? 1 : 0);
    public Tensor var(long dim, bool unbiased = true, bool keepdim = false) => Red(Reduce.var, [dim], keepdim, unbiased ? 1 : 0);
    public Tensor var(long[] dims, bool unbiased = true, bool keepdim = false) => Red(Reduce.var, dims, keepdim, unbiased ? 1 : 0);
    public Tensor prod(ScalarType? type = null) => Red(Reduce.prod, null, false, type: type);
    public Tensor prod(long dim, bool keepdim = false) => Red(Reduce.prod, [dim], keepdim);
    public Tensor prod(int dim, bool keepdim = false) => Red(Reduce.prod, [dim], keepdim);
    public Tensor amax(long[] dims, bool keepdim = false) => Red(Reduce.amax, dims, keepdim);
    public Tensor amin(long[] dims, bool keepdim = false) => Red(Reduce.amin, dims, keepdim);
    public Tensor max() => Red(Reduce.amax, null, false);
    public Tensor min() => Red(Reduce.amin, null, false);
    public Tensor logsumexp(long dim, bool keepdim = false) => Red(Reduce.logsumexp, [dim], keepdim);
    public Tensor all() => Red(Reduce.all, null, false);
    public Tensor all(long dim, bool keepdim = false) => Red(Reduce.all, [dim], keepdim);
    public Tensor any() => Red(Reduce.any, null, false);
    public Tensor any(long dim, bool keepdim = false) => Red(Reduce.any, [dim], keepdim);
    /// <summary>Vector p-norm over all elements or the given dims (p = 2 by default).</summary>
    public Tensor norm(double p = 2) => Red(Reduce.norm, null, false, p);
    public Tensor norm(double p, long[] dims, bool keepdim = false) => Red(Reduce.norm, dims, keepdim, p);

    /// <summary>Maximum along a dim, with the indices where it is reached.</summary>
    public (Tensor values, Tensor indices) max(long dim, bool keepdim = false)
    {
        TorchException.Check(st_reduce_index(0, Handle, dim, keepdim ? 1 : 0, out var v, out var i));
        return (new Tensor(v), new Tensor(i));
    }

    public (Tensor values, Tensor indices) min(long dim, bool keepdim = false)
    {
        TorchException.Check(st_reduce_index(1, Handle, dim, keepdim ? 1 : 0, out var v, out var i));
        return (new Tensor(v), new Tensor(i));
    }

    public Tensor argmax() => Wrap(st_reduce_index(2, Handle, long.MinValue, 0, out _, out var i), i);
    public Tensor argmax(long dim, bool keepdim = false) => Wrap(st_reduce_index(2, Handle, dim, keepdim ? 1 : 0, out _, out var i), i);
    public Tensor argmin() => Wrap(st_reduce_index(3, Handle, long.MinValue, 0, out _, out var i), i);
    public Tensor argmin(long dim, bool keepdim = false) => Wrap(st_reduce_index(3, Handle, dim, keepdim ? 1 : 0, out _, out var i), i);

    public (Tensor values, Tensor indices) sort(long dim = -1, bool descending = false, bool stable = false)
    {
        TorchException.Check(st_sort(Handle, dim, descending ? 1 : 0, stable ? 1 : 0, out var v, out var i));
        return (new Tensor(v), new Tensor(i));
    }

    public (Tensor values, Tensor indices) topk(long k, long dim = -1, bool largest = true, bool sorted = true)
    {
        TorchException.Check(st_topk(Handle, k, dim, largest ? 1 : 0, sorted ? 1 : 0, out var v, out var i));
        return (new Tensor(v), new Tensor(i));
    }

    public Tensor cumsum(long dim) => Wrap(st_scan(0, Handle, dim, out var r), r);
    public Tensor cumprod(long dim) => Wrap(st_scan(1, Handle, dim, out var r), r);

    // ------------------------------------------------------------------ complex
    public Tensor real => U(Unary.real);
    public Tensor imag => U(Unary.imag);
    public Tensor angle() => U(Unary.angle);
    public Tensor conj() => U(Unary.conj);
    public bool is_complex() => dtype.IsComplex();
    public bool is_floating_point() => dtype.IsFloatingPoint();
}
