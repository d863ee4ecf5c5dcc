using SimEmulator.Torch;
using SimEmulator.Validation.Statistics;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Validation;

public class PeakCountsTests
{
    private const int N = 16;

    private static int At(int i, int j, int k) => (i * N + j) * N + k;

    private static (double mean, double sigma) Moments(double[] v)
    {
        var m = v.Average();
        return (m, Math.Sqrt(v.Select(x => (x - m) * (x - m)).Average()));
    }

    [Fact]
    public void PeakCounts_of_three_isolated_maxima_are_exactly_three_with_their_heights()
    {
        // Zero background (a plateau: no peaks) with maxima of height 5, 3, 1 far apart. Thresholds halfway between the
        // heights, in units of the field's own σ about its mean, must give 3, 2, 1, 0 — exact integers.
        var v = new double[N * N * N];
        v[At(2, 3, 4)] = 5;
        v[At(8, 8, 8)] = 3;
        v[At(12, 1, 13)] = 1;
        var (mean, sigma) = Moments(v);
        using var field = tensor(v, [N, N, N]);
        double Nu(double h) => (h - mean) / sigma;

        var peaks = PeakCounts.Compute(field, 32, [Nu(0.5), Nu(2), Nu(4), Nu(6)]);

        Assert.Equal(3, peaks.TotalPeaks);
        Assert.Equal(new long[] { 3, 2, 1, 0 }, peaks.Counts);
        Assert.Equal(mean, peaks.Mean, 15);
        Assert.Equal(sigma, peaks.Sigma, 14);
        Assert.Equal(3 / Math.Pow(32, 3), peaks.NumberDensity[0], 15);
        Assert.Equal(new[] { 1.0, 3.0, 5.0 }, PeakCounts.FindPeakHeights(v, N, 3).Order().ToArray());
    }

    [Fact]
    public void A_plateau_of_equal_neighbours_is_not_a_peak()
    {
        // Two adjacent cells of equal height 2 are each not strictly above all neighbours; the lone 1 elsewhere is a peak.
        var v = new double[N * N * N];
        v[At(5, 5, 5)] = 2;
        v[At(5, 5, 6)] = 2;
        v[At(11, 11, 11)] = 1;
        using var field = tensor(v, [N, N, N]);

        var peaks = PeakCounts.Compute(field, 16, [double.NegativeInfinity]);

        Assert.Equal(1, peaks.TotalPeaks);
        Assert.Equal(new[] { 1.0 }, PeakCounts.FindPeakHeights(v, N, 3));
        // An infinite threshold survives the JSON round trip as a named literal.
        Assert.Equal(double.NegativeInfinity, PeakCounts.FromJson(peaks.ToJson()).Nu[0]);
    }

    [Fact]
    public void A_maximum_on_the_box_corner_is_found_once_through_the_periodic_wrap()
    {
        // The corner (0,0,0) = 2 neighbours (15,15,15) = 1 only through the wrap in all three axes: without periodicity
        // both would be maxima. Exactly one peak, of height 2.
        var v = new double[N * N * N];
        v[At(0, 0, 0)] = 2;
        v[At(N - 1, N - 1, N - 1)] = 1;
        v[At(0, 7, N - 1)] = 3; // on a face, wrapping in k
        v[At(0, 7, 0)] = 2.5;
        using var field = tensor(v, [N, N, N]);

        var heights = PeakCounts.FindPeakHeights(v, N, 3);

        Assert.Equal(new[] { 2.0, 3.0 }, heights.Order().ToArray());
        Assert.Equal(2, PeakCounts.Compute(field, 16).TotalPeaks);
    }

    [Fact]
    public void PeakCounts_on_a_2D_map_use_the_8_neighbours_with_periodic_wrap()
    {
        var v = new double[N * N];
        v[0 * N + 0] = 4;            // corner peak
        v[(N - 1) * N + (N - 1)] = 3; // its diagonal neighbour through the wrap: not a peak
        v[5 * N + 5] = 2;            // isolated peak
        v[9 * N + 9] = 1;            // plateau pair: no peak
        v[9 * N + 10] = 1;
        using var map = tensor(v, [N, N]);

        var peaks = PeakCounts.Compute(map, 8, [0]);

        Assert.Equal(2, peaks.Dimensions);
        Assert.Equal(2, peaks.TotalPeaks);
        Assert.Equal(2, peaks.Counts[0]);
        Assert.Equal(2 / 64.0, peaks.NumberDensity[0], 15); // per (Mpc/h)² in 2D
        Assert.Equal(new[] { 2.0, 4.0 }, PeakCounts.FindPeakHeights(v, N, 2).Order().ToArray());
    }

    [Fact]
    public void PeakCounts_of_a_gaussian_random_field_decrease_with_threshold()
    {
        // White noise smoothed by a Gaussian of R = 1.5 cells on 64³. For any field n(>ν) is non-increasing by construction;
        // for a Gaussian field BBKS predicts a strict decrease over ν = 0…3 and most peaks above the mean (peak heights are
        // skewed high: for γ ≈ 0.78 roughly 90% have ν > 0). Asserted: strict decrease at ν = 0, 1, 2, 3 with a non-empty
        // ν = 3 bin, and more than half of all peaks above ν = 0. No amplitude is asserted: the grid changes BBKS's count.
        const int n = 64;
        using var g = new Generator(99);
        using var noise = randn([n, n, n], float64, generator: g);
        using var field = Smoothing.Apply(noise, n, SmoothingFilter.Gaussian, 1.5);

        var peaks = PeakCounts.Compute(field, n, [0, 1, 2, 3]);

        Assert.True(peaks.Counts[3] > 0, $"counts {string.Join(", ", peaks.Counts)}");
        for (var t = 1; t < 4; t++)
            Assert.True(peaks.Counts[t] < peaks.Counts[t - 1], $"counts {string.Join(", ", peaks.Counts)}");
        Assert.True(peaks.Counts[0] > peaks.TotalPeaks / 2, $"{peaks.Counts[0]} of {peaks.TotalPeaks} peaks above ν = 0");
        var back = PeakCounts.FromJson(peaks.ToJson());
        Assert.Equal(peaks.Counts, back.Counts);
        Assert.Equal(peaks.Nu, back.Nu);
        Assert.Equal(peaks.Sigma, back.Sigma);
        Assert.Equal(peaks.NumberDensity, back.NumberDensity);
        Assert.Equal(64, back.Nmesh);
    }
}
