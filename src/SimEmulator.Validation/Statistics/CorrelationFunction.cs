using System.Text.Json.Nodes;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Validation.Statistics;

/// <summary>
/// Two-point correlation function ξ(r) of a periodic 3D field on its grid: columns <see cref="R"/> (mean separation,
/// Mpc/h), <see cref="Xi"/> and <see cref="Separations"/>; the zero-lag value ⟨δ²⟩ is reported apart as <see cref="Xi0"/>.
/// </summary>
/// <remarks>
/// <para>ξ(x) = (1/N³) Σ_y δ(y) δ(y + x) for every periodic grid offset x, computed as irFFT(|δ_k|²)/N³ (unnormalised
/// forward rFFT). The field is used as given: its mean is not subtracted and no mass-assignment window is removed.</para>
/// <para>Offsets are the periodic separations m ∈ (−N/2, N/2]³ (in grid units), r = |m|·L/N. Bin b (b ≥ 1) holds
/// b ≤ |m| &lt; b + 1, i.e. [b, b+1)·L/N as the P(k) bins on integer |n|; empty bins are dropped. Bins reach the cube's
/// corner, |m| ≤ √3·N/2, so Σ_b ξ_b·count_b + ξ₀ = N³·⟨δ⟩² exactly; trust bins only below r ≈ L/2, where they are isotropic.</para>
/// <para>Attrs as nbodykit: <see cref="BoxSize"/> L (Mpc/h), <see cref="Nmesh"/> N, <see cref="BinWidth"/> L/N (Mpc/h).</para>
/// </remarks>
public sealed record CorrelationFunction(
    double[] R,
    double[] Xi,
    long[] Separations,
    double Xi0,
    double BoxSize,
    int Nmesh,
    double BinWidth,
    string Estimator)
{
    public const string FftEstimator = "irfft(|delta_k|^2)/N^3, periodic grid separations, bins [b, b+1)*L/N, r = 0 reported as xi0";

    /// <summary>Number of radial bins.</summary>
    public int Count => R.Length;

    /// <summary>ξ(r) of a host cube of n³ values (C order, x slowest), e.g. a <c>FieldSet</c> realization; CPU, float64.</summary>
    public static CorrelationFunction Compute(float[] field, double boxSizeMpcH)
    {
        using var cube = Smoothing.CubeFromHost(field, nameof(field));
        return Compute(cube, boxSizeMpcH);
    }

    /// <summary>ξ(r) of a real 3D field [N, N, N] in a periodic box of side <paramref name="boxSizeMpcH"/> (Mpc/h); computed in float64 on the field's device.</summary>
    public static CorrelationFunction Compute(Tensor field, double boxSizeMpcH)
    {
        ArgumentNullException.ThrowIfNull(field);
        var shape = Smoothing.CheckField(field, boxSizeMpcH, nameof(field), requiredRank: 3);
        var n = (int)shape[0];
        double[] xiGrid;
        if (field.device.type == DeviceType.CPU)
        {
            // libtorch's CPU FFT is single-threaded: the forward and inverse transforms go through the same threaded
            // two-pass path as PowerSpectrum.
            using var modes = FourierBlocks.Of(field, n);
            xiGrid = modes.CircularAutocorrelation();
        }
        else
        {
            using var scope = NewDisposeScope();
            var asDouble = field.to(ScalarType.Float64);
            var modes = fft.rfftn(asDouble);
            var power = (modes * modes.conj()).real;
            var xi = fft.irfftn(power, s: shape) / ((double)n * n * n);
            xiGrid = Smoothing.ToHost(xi);
        }
        return FromGrid(xiGrid, n, boxSizeMpcH);
    }

    /// <summary>Bins a ξ grid [N, N, N] (C order, offset (i, j, k) at flat index (i·N + j)·N + k) by periodic separation.</summary>
    internal static CorrelationFunction FromGrid(double[] xiGrid, int n, double boxSizeMpcH)
    {
        var cell = boxSizeMpcH / n;
        var maxBin = (int)Math.Floor(Math.Sqrt(3.0) * (n / 2) + 1e-9) + 1;
        var sumXi = new double[maxBin + 1];
        var sumR = new double[maxBin + 1];
        var count = new long[maxBin + 1];
        for (var i = 0; i < n; i++)
        {
            long mi = i <= n / 2 ? i : i - n;
            for (var j = 0; j < n; j++)
            {
                long mj = j <= n / 2 ? j : j - n;
                for (var k = 0; k < n; k++)
                {
                    long mk = k <= n / 2 ? k : k - n;
                    var m2 = mi * mi + mj * mj + mk * mk;
                    var b = IntegerSqrt(m2);
                    var v = xiGrid[((long)i * n + j) * n + k];
                    sumXi[b] += v;
                    sumR[b] += Math.Sqrt(m2) * cell;
                    count[b]++;
                }
            }
        }

        var r = new List<double>();
        var xiBins = new List<double>();
        var counts = new List<long>();
        for (var b = 1; b <= maxBin; b++)
        {
            if (count[b] == 0) continue;
            r.Add(sumR[b] / count[b]);
            xiBins.Add(sumXi[b] / count[b]);
            counts.Add(count[b]);
        }
        return new CorrelationFunction(r.ToArray(), xiBins.ToArray(), counts.ToArray(), sumXi[0], boxSizeMpcH, n, cell, FftEstimator);
    }

    /// <summary>floor(√m2) exactly for integer m2.</summary>
    private static int IntegerSqrt(long m2)
    {
        var b = (long)Math.Sqrt(m2);
        while (b * b > m2) b--;
        while ((b + 1) * (b + 1) <= m2) b++;
        return (int)b;
    }

    /// <summary>nbodykit-style JSON: {"columns": {"r", "xi", "separations"}, "attrs": {BoxSize, Nmesh, BinWidth, xi0, estimator}}.</summary>
    public string ToJson() => new JsonObject
    {
        ["columns"] = new JsonObject
        {
            ["r"] = ResultJson.Node(R),
            ["xi"] = ResultJson.Node(Xi),
            ["separations"] = ResultJson.Node(Separations),
        },
        ["attrs"] = new JsonObject
        {
            ["BoxSize"] = BoxSize,
            ["Nmesh"] = Nmesh,
            ["BinWidth"] = BinWidth,
            ["xi0"] = ResultJson.Node(Xi0),
            ["estimator"] = Estimator,
        },
    }.ToJsonString(ResultJson.Options);

    /// <summary>Reads what <see cref="ToJson"/> wrote (the values round-trip exactly).</summary>
    public static CorrelationFunction FromJson(string json)
    {
        const string what = "correlation function";
        var (c, a) = ResultJson.ParseColumnsAttrs(json, what);
        var r = ResultJson.Read<double[]>(c, "r", what);
        var xi = ResultJson.Read<double[]>(c, "xi", what);
        var separations = ResultJson.Read<long[]>(c, "separations", what);
        if (xi.Length != r.Length || separations.Length != r.Length)
            throw new FormatException($"{what} JSON columns differ in length (r {r.Length}, xi {xi.Length}, separations {separations.Length})");
        return new CorrelationFunction(r, xi, separations, ResultJson.Read<double>(a, "xi0", what), ResultJson.Read<double>(a, "BoxSize", what),
            ResultJson.Read<int>(a, "Nmesh", what), ResultJson.Read<double>(a, "BinWidth", what), ResultJson.Read<string>(a, "estimator", what));
    }
}
