using SimEmulator.Torch;
using SimEmulator.Validation.Statistics;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Validation;

public class CorrelationFunctionTests
{
    private static Tensor Cube(double[] values, int n) => tensor(values, [n, n, n]);

    private static double[] Noise(int n, long seed)
    {
        using var g = new Generator(seed);
        using var t = randn([n, n, n], float64, generator: g);
        return t.data<double>();
    }

    private static int Signed(int i, int n) => i <= n / 2 ? i : i - n;

    [Fact]
    public void CorrelationFunction_of_plane_wave_is_half_cosine_averaged_over_the_bin()
    {
        // δ = cos(2π x/L): ξ(r⃗) = (1/N³)Σ_y δ(y)δ(y+r⃗) = ½cos(2π r_x/L) exactly on the grid (product-to-sum identity).
        // Bin 1 ([1, 2)·L/N) holds the 26 offsets with |m|² ∈ {1, 2, 3}: 18 have m_x = ±1, 8 have m_x = 0, so
        // ξ₁ = ½(18 cos(2π/N) + 8)/26. Tolerance 1e-12: float64 FFT rounding on 16³.
        const int n = 16;
        const double box = 100;
        var values = new double[n * n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n * n; j++)
                values[i * n * n + j] = Math.Cos(2 * Math.PI * i / n);
        using var field = Cube(values, n);

        var xi = CorrelationFunction.Compute(field, box);

        Assert.Equal(0.5, xi.Xi0, 12);
        Assert.Equal(26, xi.Separations[0]);
        Assert.Equal(0.5 * (18 * Math.Cos(2 * Math.PI / n) + 8) / 26, xi.Xi[0], 12);
        // Mean r of bin 1: (6·1 + 12·√2 + 8·√3)/26 cells.
        Assert.Equal((6 + 12 * Math.Sqrt(2) + 8 * Math.Sqrt(3)) / 26 * box / n, xi.R[0], 12);
        // Every bin: the direct average of ½cos(2π m_x/N) over its offsets.
        var sum = new double[xi.Count + 2];
        var cnt = new long[xi.Count + 2];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++)
                {
                    int a = Signed(i, n), b = Signed(j, n), c = Signed(k, n);
                    var bin = (int)Math.Floor(Math.Sqrt(a * a + b * b + c * c) + 1e-12);
                    sum[bin] += 0.5 * Math.Cos(2 * Math.PI * a / n);
                    cnt[bin]++;
                }
        for (var b = 1; b <= xi.Count; b++)
        {
            Assert.Equal(cnt[b], xi.Separations[b - 1]);
            Assert.Equal(sum[b] / cnt[b], xi.Xi[b - 1], 12);
        }
    }

    [Fact]
    public void CorrelationFunction_equals_brute_force_pair_average_on_8_cubed_grid()
    {
        // The O(N⁶) definition ξ(m) = (1/N³)Σ_y δ(y)δ(y+m) over all 8³ × 8³ pairs, binned the same way; tolerance 1e-10.
        const int n = 8;
        var d = Noise(n, 42);
        using var field = Cube(d, n);
        var xi = CorrelationFunction.Compute(field, 50);

        var sum = new double[16];
        var cnt = new long[16];
        for (var mi = 0; mi < n; mi++)
            for (var mj = 0; mj < n; mj++)
                for (var mk = 0; mk < n; mk++)
                {
                    var pair = 0.0;
                    for (var i = 0; i < n; i++)
                        for (var j = 0; j < n; j++)
                            for (var k = 0; k < n; k++)
                                pair += d[(i * n + j) * n + k] * d[(((i + mi) % n) * n + (j + mj) % n) * n + (k + mk) % n];
                    pair /= n * n * n;
                    int a = Signed(mi, n), b = Signed(mj, n), c = Signed(mk, n);
                    var bin = (int)Math.Floor(Math.Sqrt(a * a + b * b + c * c) + 1e-12);
                    sum[bin] += pair;
                    cnt[bin]++;
                }

        Assert.Equal(sum[0], xi.Xi0, 10);
        var bins = Enumerable.Range(1, 15).Where(b => cnt[b] > 0).ToArray();
        Assert.Equal(bins.Length, xi.Count);
        for (var t = 0; t < bins.Length; t++)
        {
            Assert.Equal(cnt[bins[t]], xi.Separations[t]);
            Assert.True(Math.Abs(sum[bins[t]] / cnt[bins[t]] - xi.Xi[t]) < 1e-10, $"bin {bins[t]}: brute force {sum[bins[t]] / cnt[bins[t]]}, FFT {xi.Xi[t]}");
        }
    }

    [Fact]
    public void CorrelationFunction_summed_over_all_separations_vanishes_for_zero_mean_field()
    {
        // Σ_m ξ(m) = (1/N³)(Σ_y δ)² = 0 exactly when ⟨δ⟩ = 0; with ξ₀ included and bins reaching the corner every offset
        // is counted once, so ξ₀ + Σ_b ξ_b·count_b = 0 to rounding (1e-9 against ξ₀·N³ ≈ 1e4).
        const int n = 24;
        var d = Noise(n, 7);
        var mean = d.Average();
        for (var i = 0; i < d.Length; i++) d[i] -= mean;
        using var field = Cube(d, n);

        var xi = CorrelationFunction.Compute(field, 240);

        Assert.Equal((long)n * n * n, 1 + xi.Separations.Sum());
        var total = xi.Xi0 + xi.Xi.Zip(xi.Separations, (x, c) => x * c).Sum();
        Assert.True(Math.Abs(total) < 1e-9, $"Σ ξ·count = {total}");
        Assert.Equal(d.Select(v => v * v).Average(), xi.Xi0, 12);
    }

    [Fact]
    public void CorrelationFunction_round_trips_through_json()
    {
        using var field = Cube(Noise(8, 3), 8);
        var xi = CorrelationFunction.Compute(field, 80);

        var back = CorrelationFunction.FromJson(xi.ToJson());

        Assert.Equal(xi.R, back.R);
        Assert.Equal(xi.Xi, back.Xi);
        Assert.Equal(xi.Separations, back.Separations);
        Assert.Equal(xi.Xi0, back.Xi0);
        Assert.Equal(80, back.BoxSize);
        Assert.Equal(8, back.Nmesh);
        Assert.Equal(10, back.BinWidth);
        Assert.Equal(xi.Estimator, back.Estimator);
        Assert.Contains("\"BoxSize\"", xi.ToJson());
        Assert.Contains("\"columns\"", xi.ToJson());
    }

    [Fact]
    public void CorrelationFunction_of_a_host_cube_equals_that_of_the_tensor()
    {
        // The float[] overload (FieldSet.ReadField's shape) builds the same cube; both run in float64, so results agree to 1e-15.
        var values = Noise(8, 9).Select(v => (float)v).ToArray();
        using var field = tensor(values, [8, 8, 8]);

        var fromHost = CorrelationFunction.Compute(values, 40);
        var fromTensor = CorrelationFunction.Compute(field, 40);

        Assert.Equal(fromTensor.Xi0, fromHost.Xi0, 15);
        for (var b = 0; b < fromTensor.Count; b++) Assert.Equal(fromTensor.Xi[b], fromHost.Xi[b], 15);
        Assert.Throws<ArgumentException>(() => CorrelationFunction.Compute(new float[10], 40));
    }

    [Fact]
    public void CorrelationFunction_rejects_a_2D_map_with_a_message_naming_the_shape()
    {
        using var map = zeros([8, 8], float64);
        var e = Assert.Throws<ArgumentException>(() => CorrelationFunction.Compute(map, 10));
        Assert.Contains("[8, 8]", e.Message);
    }
}
