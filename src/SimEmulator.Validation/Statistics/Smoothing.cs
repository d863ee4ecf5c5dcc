using System.Text.Json.Serialization;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Validation.Statistics;

/// <summary>The Fourier-space filter applied before a one-point statistic.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SmoothingFilter>))]
public enum SmoothingFilter
{
    None,
    /// <summary>Spherical top hat of radius R: W(kR) = 3(sin x − x cos x)/x³ (3D fields only).</summary>
    TopHat,
    /// <summary>Gaussian of rms width R per axis: W(kR) = exp(−k²R²/2).</summary>
    Gaussian,
}

/// <summary>Smooths a periodic field by multiplying its modes by a top-hat or Gaussian window of radius R (Mpc/h).</summary>
/// <remarks>
/// The window is evaluated at the continuous k = 2π n/L of every rFFT mode (n in FFT order, Nyquist at −N/2), so the
/// mean (k = 0, W = 1) is untouched. No aliasing correction: modes beyond the Nyquist frequency are not there to filter.
/// </remarks>
public static class Smoothing
{
    /// <summary>Top-hat window 3(sin x − x cos x)/x³; below x = 1 its Taylor series (truncation &lt; 1e-19) replaces the closed form, which loses digits to cancellation there.</summary>
    public static double TopHatWindow(double x)
    {
        if (Math.Abs(x) < 1)
        {
            // Successive terms of 3 Σ (−1)ⁿ (2n+2) x²ⁿ/(2n+3)! have ratio −x²/((2n+2)(2n+5)).
            var x2 = x * x;
            return 1 - x2 / 10 * (1 - x2 / 28 * (1 - x2 / 54 * (1 - x2 / 88 * (1 - x2 / 130 * (1 - x2 / 180 * (1 - x2 / 238))))));
        }
        return 3 * (Math.Sin(x) - x * Math.Cos(x)) / (x * x * x);
    }

    /// <summary>Gaussian window exp(−x²/2) with x = kR.</summary>
    public static double GaussianWindow(double x) => Math.Exp(-0.5 * x * x);

    /// <summary>W(kR) of <paramref name="filter"/>; 1 for <see cref="SmoothingFilter.None"/>.</summary>
    public static double Window(SmoothingFilter filter, double x) => filter switch
    {
        SmoothingFilter.None => 1,
        SmoothingFilter.TopHat => TopHatWindow(x),
        SmoothingFilter.Gaussian => GaussianWindow(x),
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "unknown smoothing filter"),
    };

    /// <summary>
    /// The smoothed field as a new float64 tensor of the same shape, on the input's device. The field is a 3D cube [N, N, N]
    /// or a 2D map [N, N] of side <paramref name="boxSizeMpcH"/>; a radius of 0 or <see cref="SmoothingFilter.None"/> returns a float64 copy.
    /// </summary>
    public static Tensor Apply(Tensor field, double boxSizeMpcH, SmoothingFilter filter, double radiusMpcH)
    {
        ArgumentNullException.ThrowIfNull(field);
        var shape = CheckField(field, boxSizeMpcH, nameof(field));
        if (!(radiusMpcH >= 0) || double.IsInfinity(radiusMpcH))
            throw new ArgumentOutOfRangeException(nameof(radiusMpcH), radiusMpcH, "the smoothing radius must be finite and ≥ 0 Mpc/h");
        if (filter == SmoothingFilter.TopHat && shape.Length != 3)
            throw new ArgumentException($"the top-hat window 3(sin x − x cos x)/x³ is the 3D sphere; a {shape.Length}D map needs the Gaussian filter", nameof(filter));
        if (filter == SmoothingFilter.None || radiusMpcH == 0)
            return field.to(ScalarType.Float64, copy: true);

        using var scope = NewDisposeScope();
        var n = (int)shape[0];
        var window = WindowGrid(filter, radiusMpcH, boxSizeMpcH, n, shape.Length);
        using var asDouble = field.to(ScalarType.Float64);
        using var modes = fft.rfftn(asDouble);
        using var w = tensor(window, HalfShape(shape), device: field.device);
        modes.mul_(w);
        var smoothed = fft.irfftn(modes, s: shape);
        return smoothed.MoveToOuterDisposeScope();
    }

    /// <summary>W(k R) on the rFFT half-grid [N, (N), N/2+1] in C order.</summary>
    internal static double[] WindowGrid(SmoothingFilter filter, double radiusMpcH, double boxSizeMpcH, int n, int rank)
    {
        var kF = 2 * Math.PI / boxSizeMpcH;
        var nz = n / 2 + 1;
        var rows = rank == 3 ? n * n : n;
        var w = new double[rows * nz];
        for (var row = 0; row < rows; row++)
        {
            var i = rank == 3 ? row / n : row;
            var j = rank == 3 ? row % n : 0;
            var si = i <= n / 2 ? i : i - n;
            var sj = j <= n / 2 ? j : j - n;
            var m2Row = (double)si * si + (double)sj * sj;
            for (var k = 0; k < nz; k++)
                w[row * nz + k] = Window(filter, kF * Math.Sqrt(m2Row + (double)k * k) * radiusMpcH);
        }
        return w;
    }

    private static long[] HalfShape(long[] shape)
    {
        var half = (long[])shape.Clone();
        half[^1] = shape[^1] / 2 + 1;
        return half;
    }

    /// <summary>Checks a square/cubic 2D or 3D field and a positive box size; returns the shape.</summary>
    internal static long[] CheckField(Tensor field, double boxSizeMpcH, string paramName, int? requiredRank = null)
    {
        var shape = field.shape;
        if (requiredRank is { } r ? shape.Length != r : shape.Length is not (2 or 3))
            throw new ArgumentException($"expected a {(requiredRank is { } rr ? $"{rr}D" : "2D [N, N] or 3D [N, N, N]")} field, got shape [{string.Join(", ", shape)}]", paramName);
        if (shape.Any(s => s != shape[0]) || shape[0] < 2)
            throw new ArgumentException($"the field must be a square map or cube with N ≥ 2 per side, got shape [{string.Join(", ", shape)}]", paramName);
        if (field.is_complex() || !field.is_floating_point())
            throw new ArgumentException($"the field must be real floating point, got {field.dtype}", paramName);
        if (!(boxSizeMpcH > 0) || double.IsInfinity(boxSizeMpcH))
            throw new ArgumentOutOfRangeException(nameof(boxSizeMpcH), boxSizeMpcH, "the box size must be finite and > 0 Mpc/h");
        return shape;
    }

    /// <summary>A host cube of n³ values (C order, x slowest) as a CPU float32 tensor [n, n, n].</summary>
    internal static Tensor CubeFromHost(float[] values, string paramName)
    {
        ArgumentNullException.ThrowIfNull(values, paramName);
        var n = (long)Math.Round(Math.Cbrt(values.Length));
        if (n < 2 || n * n * n != values.Length)
            throw new ArgumentException($"expected n³ values of a cube with n ≥ 2, got {values.Length}", paramName);
        return tensor(values, [n, n, n]);
    }

    /// <summary>The field's values as float64 on the host, C order.</summary>
    internal static double[] ToHost(Tensor field)
    {
        using var cpu = field.to(CPU, ScalarType.Float64);
        using var c = cpu.contiguous();
        return c.data<double>();
    }
}
