namespace SimEmulator.Torch.Native;

// Mirrors the switch statements in native/ops.cpp and native/nn.cpp; change both together.
internal static class Unary
{
    internal const int neg = 0, exp = 1, log = 2, log1p = 3, sqrt = 4, abs = 5, sin = 6, cos = 7, tanh = 8, sigmoid = 9,
        relu = 10, silu = 11, floor = 12, ceil = 13, round = 14, sign = 15, rsqrt = 16, square = 17, isnan = 18,
        isfinite = 19, logical_not = 20, real = 21, imag = 22, angle = 23, conj = 24, expm1 = 25, log10 = 26, log2 = 27,
        reciprocal = 28, erf = 29, isinf = 30, view_as_real = 31, view_as_complex = 32, contiguous = 33, clone = 34,
        detach = 35, tan = 36, atan = 37, sinh = 38, cosh = 39, trunc = 40, frac = 41, exp2 = 42, nonzero = 43,
        asin = 44, acos = 45, alias = 46, zero = 100;
}

internal static class Binary
{
    internal const int add = 0, sub = 1, mul = 2, div = 3, pow = 4, maximum = 5, minimum = 6, eq = 7, ne = 8, lt = 9,
        le = 10, gt = 11, ge = 12, matmul = 13, bmm = 14, mm = 15, atan2 = 16, remainder = 17, logical_and = 18,
        logical_or = 19, floor_divide = 20, complex = 21, polar = 22, masked_select = 23, dot = 24, outer = 25,
        logical_xor = 26, fmod = 27, copy = 50, fill = 50, clamp_min_t = 51,
        // scalar forms only
        clamp_min = 5, clamp_max = 6, rsub = 101, rdiv = 103, rpow = 104;
}

internal static class Reduce
{
    internal const int sum = 0, mean = 1, std = 2, var = 3, prod = 4, amax = 5, amin = 6, logsumexp = 7, all = 8, any = 9, norm = 10;
}
