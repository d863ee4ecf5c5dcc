using SimEmulator.Torch;

using static SimEmulator.Tests.Torch.TensorAssert;

namespace SimEmulator.Tests.Torch;

public sealed class TensorMathTests
{
    private static Tensor T(params double[] v) => torch.tensor(v);

    [Fact]
    public void Integer_tensors_add_and_subtract_exactly_and_stay_int64()
    {
        using var scope = torch.NewDisposeScope();
        // Hand values; 2^40 + 1 checks no float round trip happens on the way.
        var a = torch.tensor(new long[] { 1L << 40, -3, 7 });
        var b = torch.tensor(new long[] { 1, 5, -7 });
        var sum = a + b;
        Assert.Equal(ScalarType.Int64, sum.dtype);
        Assert.Equal(new long[] { (1L << 40) + 1, 2, 0 }, sum.data<long>());
        Assert.Equal(new long[] { (1L << 40) - 1, -8, 14 }, (a - b).data<long>());
        Assert.Equal(new long[] { (1L << 40) + 2, 7, -7 }, a.add(b, alpha: 2).data<long>());
        a.add_(b);
        Assert.Equal(new long[] { (1L << 40) + 1, 2, 0 }, a.data<long>());
    }

    [Fact]
    public void Tensor_tensor_arithmetic_is_elementwise()
    {
        using var scope = torch.NewDisposeScope();
        var a = T(1, 2, 3, 4);
        var b = T(2, 4, -1, 0.5);
        AssertClose([3, 6, 2, 4.5], a + b, 0);
        AssertClose([-1, -2, 4, 3.5], a - b, 0);
        AssertClose([2, 8, -3, 2], a * b, 0);
        AssertClose([0.5, 0.5, -3, 8], a / b, 0);
        AssertClose([-1, -2, -3, -4], -a, 0);
        AssertClose([1 + 2 * 2, 2 + 2 * 4, 3 - 2, 4 + 1], a.add(b, alpha: 2), 0);
        AssertClose([1 - 3 * 2, 2 - 3 * 4, 3 + 3, 4 - 1.5], a.sub(b, alpha: 3), 0);
        AssertClose([1, 0, 1, 0], a % T(2, 2, 2, 2), 0);
    }

    [Fact]
    public void Scalar_operands_work_on_either_side()
    {
        using var scope = torch.NewDisposeScope();
        var t = T(1, 2, 4, -0.5);
        AssertClose([3.5, 4.5, 6.5, 2], t + 2.5, 0);
        AssertClose([3.5, 4.5, 6.5, 2], 2.5 + t, 0);
        AssertClose([1, 0, -2, 2.5], 2 - t, 0);       // scalar on the left: 2 − t, not t − 2
        AssertClose([-1, 0, 2, -2.5], t - 2, 0);
        AssertClose([2, 1, 0.5, -4], 2 / t, 0);        // 2 / t, not t / 2
        AssertClose([0.5, 1, 2, -0.25], t / 2, 0);
        AssertClose([3, 6, 12, -1.5], 3 * t, 0);
        AssertClose([3, 6, 12, -1.5], t * 3, 0);
        AssertClose([2.5, 1.5, -0.5, 4], 3.5 - t, 0);
        AssertClose([1, 0.5, 0.25, -2], 1.0 / t, 0);
        AssertClose([1, 0, 0, 1.5], t % 2.0, 0);       // Python remainder takes the divisor's sign: −0.5 mod 2 = 1.5
    }

    [Fact]
    public void Integer_tensors_keep_their_dtype_with_integer_scalars_and_promote_with_division()
    {
        using var scope = torch.NewDisposeScope();
        var i = torch.tensor(new long[] { 1, 2, 3 });
        var plus = i + 1;
        Assert.Equal(ScalarType.Int64, plus.dtype);
        Assert.Equal([2L, 3, 4], plus.data<long>());
        Assert.Equal([1L, 0, -1], (2 - i).data<long>());
        var half = i / 2; // true division, as PyTorch's /
        Assert.Equal(ScalarType.Float32, half.dtype);
        AssertClose([0.5, 1, 1.5], half, 0);
        AssertClose([2, 1, 2.0 / 3], 2 / i, 1e-7);
        var scaled = i * 0.5; // a float scalar promotes to the default float dtype
        Assert.Equal(ScalarType.Float32, scaled.dtype);
    }

    [Fact]
    public void Integer_remainder_and_floor_division_by_integers_stay_integer()
    {
        using var scope = torch.NewDisposeScope();
        var i = torch.tensor(new long[] { -7, -1, 0, 5, 8 });
        var r = i % 3; // Python semantics: the result takes the divisor's sign
        Assert.Equal(ScalarType.Int64, r.dtype);
        Assert.Equal([2L, 2, 0, 2, 2], r.data<long>());
        Assert.Equal([2L, 2, 0, 2, 2], i.remainder(3).data<long>());
        Assert.Equal([-1L, -1, 0, 2, 2], i.fmod(3).data<long>()); // C semantics: the dividend's sign
        Assert.Equal([-3L, -1, 0, 1, 2], i.floor_divide(3).data<long>());
        // so the result can index: wrap indices periodically into a box of 3 cells
        var cells = torch.tensor(new[] { 10.0, 20, 30 });
        Assert.Equal([30.0, 30, 10, 30, 30], cells.index_select(0, i % 3).data<double>());
    }

    [Fact]
    public void Broadcasting_combines_a_column_and_a_row_into_a_matrix()
    {
        using var scope = torch.NewDisposeScope();
        var col = torch.tensor(new[] { 0.0, 10, 20 }, [3, 1]);
        var row = torch.tensor(new[] { 1.0, 2, 3, 4 }, [1, 4]);
        var sum = col + row;
        Assert.Equal([3L, 4], sum.shape);
        // sum[i, j] = 10 i + (j + 1), by hand
        AssertClose(Enumerable.Range(0, 12).Select(k => 10.0 * (k / 4) + (k % 4 + 1)).ToArray(), sum, 0);
        var prod = torch.ones(2, 1, 3) * torch.arange(0.0, 4.0).view(4, 1);
        Assert.Equal([2L, 4, 3], prod.shape);
        AssertClose(Enumerable.Range(0, 24).Select(k => (double)(k / 3 % 4)).ToArray(), prod, 0);
    }

    [Fact]
    public void Elementwise_functions_match_System_Math()
    {
        using var scope = torch.NewDisposeScope();
        double[] x = [0.1, 0.5, 1, 2.5, 7];
        var t = torch.tensor(x);
        AssertClose(x.Select(v => Math.Exp(v)).ToArray(), t.exp(), 1e-12);
        AssertClose(x.Select(v => Math.Log(v)).ToArray(), t.log(), 1e-15);
        AssertClose(x.Select(v => Math.Log(1 + v)).ToArray(), t.log1p(), 1e-15);
        AssertClose(x.Select(v => Math.Sqrt(v)).ToArray(), t.sqrt(), 1e-15);
        AssertClose(x.Select(v => Math.Pow(v, 2.5)).ToArray(), t.pow(2.5), 1e-12);
        AssertClose(x.Select(v => Math.Pow(v, 3)).ToArray(), torch.pow(t, 3), 1e-12);
        AssertClose(x.Select(v => Math.Pow(2, v)).ToArray(), torch.pow(2, t), 1e-12);
        AssertClose(x.Select(v => Math.Pow(v, v)).ToArray(), t.pow(t), 1e-12);
        AssertClose(x.Select(v => Math.Tanh(v)).ToArray(), t.tanh(), 1e-15);
        AssertClose(x.Select(v => 1 / (1 + Math.Exp(-v))).ToArray(), t.sigmoid(), 1e-15);
        AssertClose(x.Select(v => Math.Sin(v)).ToArray(), t.sin(), 1e-15);
        AssertClose([3, 0, 2.5], T(-3, 0, 2.5).abs(), 0);
        AssertClose([-1, 0, 1], T(-3, 0, 2.5).sign(), 0);
        AssertClose([-2, 0, 2, 4], T(-2.5, 0.4, 2.5, 3.5).round(), 0); // round half to even, as torch.round
        AssertClose([-3, 0, 2, 3], T(-2.5, 0.4, 2.5, 3.5).floor(), 0);
    }

    [Fact]
    public void Clamp_limits_from_either_or_both_sides()
    {
        using var scope = torch.NewDisposeScope();
        var t = T(-2, -0.5, 0.5, 3);
        AssertClose([-1, -0.5, 0.5, 1], t.clamp(-1, 1), 0);
        AssertClose([0, 0, 0.5, 3], t.clamp(min: 0), 0);
        AssertClose([-2, -0.5, 0.5, 2], torch.clamp(t, max: 2), 0);
        AssertClose([0, 0, 0.5, 3], t.clamp_min(0), 0);
        AssertClose([-2, -0.5, 0, 0], t.clamp_max(0), 0);
        var u = t.clone();
        u.clamp_(-1, 1);
        AssertClose([-1, -0.5, 0.5, 1], u, 0);
    }

    [Fact]
    public void Comparisons_give_bool_masks_and_where_selects_by_them()
    {
        using var scope = torch.NewDisposeScope();
        var a = T(1, 2, 3, 4);
        var b = T(4, 2, 2, 5);
        Assert.Equal([true, false, false, true], (a < b).data<bool>());
        Assert.Equal([true, true, false, true], (a <= b).data<bool>());
        Assert.Equal([false, false, true, false], (a > b).data<bool>());
        Assert.Equal([false, true, true, false], (a >= b).data<bool>());
        Assert.Equal([false, true, false, false], a.eq(b).data<bool>());
        Assert.Equal([true, false, true, true], a.ne(b).data<bool>());
        Assert.Equal([false, false, true, true], (a > 2.5).data<bool>());
        Assert.Equal([true, false, false, false], (a < 1.5).data<bool>());
        Assert.Equal(ScalarType.Bool, (a < b).dtype);
        var mask = a > 2;
        Assert.Equal([false, false, false, true], (mask & (b > 2)).data<bool>());
        Assert.Equal([true, false, true, true], (mask | (b > 3)).data<bool>());
        Assert.Equal([true, true, false, false], (!mask).data<bool>());
        AssertClose([4, 2, 3, 4], torch.where(mask, a, b), 0);
        AssertClose([1, 2, 2, 4], torch.where(a.le(b), a, b), 0); // elementwise minimum
        AssertClose([1, 2, 2, 4], torch.minimum(a, b), 0);
        AssertClose([4, 2, 3, 5], torch.maximum(a, b), 0);
    }

    [Fact]
    public void Sum_and_mean_reduce_over_all_or_chosen_dims_with_keepdim()
    {
        using var scope = torch.NewDisposeScope();
        // x[i, j, k] = 100 i + 10 j + k, shape (2, 3, 4)
        var x = torch.tensor(Enumerable.Range(0, 24).Select(n => 100.0 * (n / 12) + 10 * (n / 4 % 3) + n % 4).ToArray(), [2, 3, 4]);
        // Σ over all: 12·(0 + 100) + 8·(0 + 10 + 20) + 6·(0 + 1 + 2 + 3) = 1200 + 240 + 36
        Assert.Equal(1476.0, x.sum().item<double>(), 12);
        Assert.Equal(1476.0 / 24, x.mean().item<double>(), 12);

        var s0 = x.sum(0L);
        Assert.Equal([3L, 4], s0.shape);
        AssertClose(Enumerable.Range(0, 12).Select(n => 100.0 + 2 * (10 * (n / 4) + n % 4)).ToArray(), s0, 1e-12);

        var s2k = x.sum(2, keepdim: true);
        Assert.Equal([2L, 3, 1], s2k.shape);
        AssertClose(Enumerable.Range(0, 6).Select(n => 4 * (100.0 * (n / 3) + 10 * (n % 3)) + 6).ToArray(), s2k, 1e-12);

        var m12 = x.mean([1, 2], keepdim: true);
        Assert.Equal([2L, 1, 1], m12.shape);
        AssertClose([11.5, 111.5], m12, 1e-12); // mean of 10 j + k is 10 + 1.5

        var m1 = x.mean(1);
        Assert.Equal([2L, 4], m1.shape);
        AssertClose([10, 11, 12, 13, 110, 111, 112, 113], m1, 1e-12);
    }

    [Fact]
    public void Sum_with_a_literal_zero_dim_reduces_dim_zero()
    {
        // x.sum(0) must mean "over dim 0" (PyTorch), not "over everything in dtype code 0 (uint8)".
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 1.5, 2.5, 100.0, 200.0 }, [2, 2]);
        var s = x.sum(0);
        Assert.Equal([2L], s.shape);
        Assert.Equal(ScalarType.Float64, s.dtype);
        AssertClose([101.5, 202.5], s, 0);
        var p = x.prod(0);
        AssertClose([150, 500], p, 0);
        Assert.Equal(ScalarType.Float64, x.sum(ScalarType.Float64).dtype);
        Assert.Equal(304.0, x.sum().item<double>());
    }

    [Fact]
    public void Std_and_var_are_unbiased_by_default_and_biased_on_request()
    {
        using var scope = torch.NewDisposeScope();
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x − 5)² = 32; biased var 32/8 = 4, unbiased 32/7.
        var x = T(2, 4, 4, 4, 5, 5, 7, 9);
        Assert.Equal(32.0 / 7, x.var().item<double>(), 12);
        Assert.Equal(4.0, x.var(unbiased: false).item<double>(), 12);
        Assert.Equal(Math.Sqrt(32.0 / 7), x.std().item<double>(), 12);
        Assert.Equal(2.0, x.std(unbiased: false).item<double>(), 12);

        var m = x.view(2, 4); // rows (2,4,4,4): mean 3.5, Σd² = 3; (5,5,7,9): mean 6.5, Σd² = 11
        AssertClose([1.0, 11.0 / 3], m.var(1), 1e-12);
        AssertClose([0.75, 2.75], m.var(1, unbiased: false), 1e-12);
        var sk = m.std(1, unbiased: false, keepdim: true);
        Assert.Equal([2L, 1], sk.shape);
        AssertClose([Math.Sqrt(0.75), Math.Sqrt(2.75)], sk, 1e-12);
        // Over dim 0: columns (2,5), (4,5), (4,7), (4,9): unbiased var = (a − b)²/2
        AssertClose([4.5, 0.5, 4.5, 12.5], m.var(0), 1e-12);
    }

    [Fact]
    public void Min_max_argmax_and_norm_follow_their_definitions()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 3.0, -1, 4, 1, -5, 9, 2, 6 }, [2, 4]);
        Assert.Equal(9.0, x.max().item<double>());
        Assert.Equal(-5.0, x.min().item<double>());
        Assert.Equal(5L, x.argmax().item<long>()); // flat index of 9
        Assert.Equal(4L, x.argmin().item<long>());

        var (vals, idx) = x.max(1);
        AssertClose([4, 9], vals, 0);
        Assert.Equal([2L, 1], idx.data<long>());
        var (mvals, midx) = x.min(0, keepdim: true);
        Assert.Equal([1L, 4], mvals.shape);
        AssertClose([-5, -1, 2, 1], mvals, 0);
        Assert.Equal([1L, 0, 1, 0], midx.data<long>());
        Assert.Equal([0L, 1, 0, 1], x.argmax(0).data<long>()); // column winners 3, 9, 4, 6
        var ak = x.argmax(1, keepdim: true);
        Assert.Equal([2L, 1], ak.shape);
        AssertClose([3, 9, 4, 6], x.amax([0]), 0); // column maxima

        // ‖x‖₂ = √(9 + 1 + 16 + 1 + 25 + 81 + 4 + 36) = √173; row norms √27 and √146; L1 row norms 9 and 22
        Assert.Equal(Math.Sqrt(173), x.norm().item<double>(), 12);
        AssertClose([Math.Sqrt(27), Math.Sqrt(146)], x.norm(2, [1]), 1e-12);
        var n1 = x.norm(1, [1], keepdim: true);
        Assert.Equal([2L, 1], n1.shape);
        AssertClose([9, 22], n1, 1e-12);
        Assert.Equal(9.0, x.norm(double.PositiveInfinity).item<double>());
    }

    [Fact]
    public void Matmul_and_bmm_match_hand_computed_products()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new[] { 1.0, 2, 3, 4, 5, 6 }, [2, 3]);
        var b = torch.tensor(new[] { 7.0, 8, 9, 10, 11, 12 }, [3, 2]);
        // [[1·7+2·9+3·11, 1·8+2·10+3·12], [4·7+5·9+6·11, 4·8+5·10+6·12]]
        AssertClose([58, 64, 139, 154], a.matmul(b), 0);
        AssertClose([58, 64, 139, 154], torch.matmul(a, b), 0);
        AssertClose([58, 64, 139, 154], a.mm(b), 0);
        var v = T(1, 0, -1);
        AssertClose([-2, -2], a.matmul(v), 0); // matrix × vector: (1 − 3, 4 − 6)
        Assert.Equal(-2.0, v.dot(T(1, 1, 3)).item<double>());
        AssertClose([1, 1, 3, 0, 0, 0, -1, -1, -3], v.outer(T(1, 1, 3)), 0);

        var batchA = torch.stack([a, a * 2]);
        var batchB = torch.stack([b, b.neg()]);
        var c = torch.bmm(batchA, batchB);
        Assert.Equal([2L, 2, 2], c.shape);
        AssertClose([58, 64, 139, 154, -116, -128, -278, -308], c, 0);
        // matmul broadcasts a batch against one matrix
        AssertClose([58, 64, 139, 154, 116, 128, 278, 308], batchA.matmul(b), 0);
    }

    [Fact]
    public void Cumsum_accumulates_along_the_chosen_dim()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 1.0, 2, 3, 4, 5, 6 }, [2, 3]);
        AssertClose([1, 3, 6, 4, 9, 15], x.cumsum(1), 0);
        AssertClose([1, 2, 3, 5, 7, 9], torch.cumsum(x, 0), 0);
        AssertClose([1, 2, 6, 4, 20, 120], x.cumprod(1), 0);
    }

    [Fact]
    public void Sort_and_topk_return_values_with_their_source_indices()
    {
        using var scope = torch.NewDisposeScope();
        var x = T(3, 1, 4, 1.5, 5, 9, 2, 6);
        var (asc, ai) = x.sort();
        AssertClose([1, 1.5, 2, 3, 4, 5, 6, 9], asc, 0);
        Assert.Equal([1L, 3, 6, 0, 2, 4, 7, 5], ai.data<long>());
        var (desc, di) = x.sort(descending: true);
        AssertClose([9, 6, 5, 4, 3, 2, 1.5, 1], desc, 0);
        Assert.Equal([5L, 7, 4, 2, 0, 6, 3, 1], di.data<long>());

        var (top, ti) = x.topk(3);
        AssertClose([9, 6, 5], top, 0);
        Assert.Equal([5L, 7, 4], ti.data<long>());
        var (low, li) = x.topk(2, largest: false);
        AssertClose([1, 1.5], low, 0);
        Assert.Equal([1L, 3], li.data<long>());

        var m = torch.tensor(new[] { 3.0, 1, 2, 0, 5, 4 }, [2, 3]);
        var (rows, ri) = m.sort(1);
        AssertClose([1, 2, 3, 0, 4, 5], rows, 0);
        Assert.Equal([1L, 2, 0, 0, 2, 1], ri.data<long>());
    }

    [Fact]
    public void Isnan_and_isfinite_classify_special_values()
    {
        using var scope = torch.NewDisposeScope();
        var x = T(1, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0);
        Assert.Equal([false, true, false, false, false], x.isnan().data<bool>());
        Assert.Equal([true, false, false, false, true], torch.isfinite(x).data<bool>());
        Assert.Equal([false, false, true, true, false], x.isinf().data<bool>());
        Assert.True(double.IsNaN(T(-1).sqrt().item<double>())); // √−1 is NaN
        Assert.True(double.IsPositiveInfinity((1 / T(0)).item<double>()));
    }

    [Fact]
    public void Less_common_elementwise_ops_match_System_Math()
    {
        using var scope = torch.NewDisposeScope();
        double[] x = [-0.9, -0.3, 0.2, 0.7];
        var t = torch.tensor(x);
        AssertClose(x.Select(v => Math.Exp(v) - 1).ToArray(), t.expm1(), 1e-15);
        AssertClose(x.Select(v => Math.Pow(2, v)).ToArray(), t.exp2(), 1e-15);
        AssertClose(x.Select(v => Math.Asin(v)).ToArray(), t.asin(), 1e-15);
        AssertClose(x.Select(v => Math.Acos(v)).ToArray(), t.acos(), 1e-15);
        AssertClose(x.Select(v => Math.Atan(v)).ToArray(), t.atan(), 1e-15);
        AssertClose(x.Select(v => Math.Tan(v)).ToArray(), t.tan(), 1e-15);
        AssertClose(x.Select(v => Math.Sinh(v)).ToArray(), t.sinh(), 1e-15);
        AssertClose(x.Select(v => Math.Cosh(v)).ToArray(), t.cosh(), 1e-15);
        AssertClose(x.Select(v => Math.Cos(v)).ToArray(), t.cos(), 1e-15);
        AssertClose(x.Select(v => v * v).ToArray(), t.square(), 1e-15);
        AssertClose(x.Select(v => 1 / v).ToArray(), t.reciprocal(), 1e-15);
        AssertClose(x.Select(v => Math.Truncate(v)).ToArray(), t.trunc(), 0);
        AssertClose(x.Select(v => v - Math.Truncate(v)).ToArray(), t.frac(), 1e-15); // frac keeps the sign, as torch.frac
        AssertClose(x.Select(v => Math.Ceiling(v)).ToArray(), t.ceil(), 0);
        double[] p = [0.5, 2, 8];
        var pt = torch.tensor(p);
        AssertClose(p.Select(v => Math.Log2(v)).ToArray(), pt.log2(), 1e-15);
        AssertClose(p.Select(v => Math.Log10(v)).ToArray(), pt.log10(), 1e-15);
        AssertClose(p.Select(v => 1 / Math.Sqrt(v)).ToArray(), pt.rsqrt(), 1e-15);
        AssertClose([Math.Atan2(1, -1), Math.Atan2(-2, 0.5)], T(1, -2).atan2(T(-1, 0.5)), 1e-15);
        AssertClose([-4, 3], T(-7, 7).floor_divide(2), 0);   // floor(−3.5) = −4, as Python's //
        AssertClose([-1, 1], T(-7, 7).fmod(2), 0);           // C fmod keeps the dividend's sign
        AssertClose([1, 1], T(-7, 7).remainder(2), 0);       // Python % takes the divisor's sign
        Assert.Equal([false, true, true, false], torch.tensor(new[] { true, true, false, false }).logical_xor(torch.tensor(new[] { true, false, true, false })).data<bool>());
        AssertClose([1 + 0.5 * 4 / 2, 2 + 0.5 * 6 / 3], T(1, 2).addcdiv(T(4, 6), T(2, 3), 0.5), 1e-15);
        AssertClose([1 + 0.25 * (5 - 1), 2 + 0.25 * (-2 - 2)], T(1, 2).lerp(T(5, -2), 0.25), 1e-15);
    }

    [Fact]
    public void Remaining_reductions_match_hand_values()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 1.0, 2, 3, 4, 0.5, -1 }, [2, 3]);
        Assert.Equal(1 * 2 * 3 * 4 * 0.5 * -1, x.prod().item<double>(), 14);
        AssertClose([4, 1, -3], x.prod(0), 0);
        AssertClose([1, -1], x.amin([1]), 0);
        var lse = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3));
        AssertClose([lse, Math.Log(Math.Exp(4) + Math.Exp(0.5) + Math.Exp(-1))], x.logsumexp(1), 1e-14);
        var b = torch.tensor(new[] { true, false, true, true }, [2, 2]);
        Assert.False(b.all().item<bool>());
        Assert.True(b.any().item<bool>());
        Assert.Equal([true, false], b.all(0).data<bool>());
        Assert.Equal([false, true], b.all(1).data<bool>());
        Assert.Equal([true, true], b.any(1).data<bool>());
        var nz = torch.tensor(new[] { 0.0, 3, 0, 0, 0, 7 }, [2, 3]).nonzero();
        Assert.Equal([2L, 2], nz.shape);
        Assert.Equal([0L, 1, 1, 2], nz.data<long>()); // coordinates (0, 1) and (1, 2)
        Assert.Equal(ScalarType.Float64, torch.tensor(new long[] { 1, 2 }).sum(ScalarType.Float64).dtype);
        Assert.Equal(ScalarType.Int64, torch.tensor(new[] { 1, 2 }).sum().dtype); // integer sums widen to int64, as PyTorch
    }

    [Fact]
    public void In_place_ops_modify_the_tensor_itself()
    {
        using var scope = torch.NewDisposeScope();
        var x = T(1, 2, 3);
        x.add_(1).mul_(2);
        AssertClose([4, 6, 8], x, 0);
        x.sub_(T(1, 1, 1), alpha: 2).div_(2);
        AssertClose([1, 2, 3], x, 0);
        x.pow_(2);
        AssertClose([1, 4, 9], x, 0);
        x.copy_(T(5, 5, 5));
        AssertClose([5, 5, 5], x, 0);
        x.fill_(-1).abs_();
        AssertClose([1, 1, 1], x, 0);
        x.zero_();
        AssertClose([0, 0, 0], x, 0);
        var y = T(1, 2, 3);
        y.addcmul_(T(1, 2, 3), T(2, 2, 2), 0.5); // y + 0.5·t1·t2
        AssertClose([2, 4, 6], y, 0);
        y.lerp_(T(0, 0, 0), 0.25);
        AssertClose([1.5, 3, 4.5], y, 0);
        y.masked_fill_(y > 2, -7);
        AssertClose([1.5, -7, -7], y, 0);
    }
}
