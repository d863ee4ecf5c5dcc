using MathNet.Numerics.Distributions;
using SimEmulator.Torch;
using SimEmulator.Validation.Statistics;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Validation;

public class DensityPdfTests
{
    private static double[] Noise(int n, long seed)
    {
        using var g = new Generator(seed);
        using var t = randn([n, n, n], float64, generator: g);
        return t.data<double>();
    }

    /// <summary>White noise with every |w_k|² = N³ exactly (random phases): its variance has no sampling scatter.</summary>
    private static Tensor FixedAmplitudeNoise(int n, long seed)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(seed);
        var w = randn([n, n, n], float64, generator: g);
        var wk = fft.rfftn(w);
        wk.div_(wk.abs());
        wk.mul_(Math.Sqrt((double)n * n * n));
        return fft.irfftn(wk, s: [n, n, n]).MoveToOuterDisposeScope();
    }

    [Fact]
    public void DensityPdf_of_lognormal_field_matches_the_gaussian_in_ln_density_within_sampling_error()
    {
        // 64³ independent cells g ~ N(0, σ²), σ = 0.5; 1+δ = exp(g − σ²/2) (lognormal transform, ⟨1+δ⟩ = 1), so
        // ln(1+δ) ~ N(−σ²/2, σ²) and bin i holds N·p_i cells on average, p_i from the normal CDF at the edges.
        // Sampling error: counts are multinomial, sd √(N p_i (1 − p_i)); every bin must lie within 5 sd and the χ² over bins
        // with N p_i ≥ 5 must be below dof + 5√(2·dof) (a > 5σ excursion of the χ² distribution).
        const int n = 64;
        const double sigma = 0.5;
        var g = Noise(n, 2024);
        var delta = g.Select(v => Math.Exp(sigma * v - sigma * sigma / 2) - 1).ToArray();
        using var field = tensor(delta, [n, n, n]);

        var pdf = DensityPdf.Compute(field, 256, minDensity: Math.Exp(-2), maxDensity: Math.Exp(2), bins: 40);

        // Normalisation identity (exact up to rounding).
        Assert.Equal(1.0, pdf.IntegralInRange() + pdf.FractionBelow + pdf.FractionAbove, 12);
        Assert.Equal((long)n * n * n, pdf.Counts.Sum() + (long)Math.Round((pdf.FractionBelow + pdf.FractionAbove) * pdf.Cells));

        var normal = new Normal(-sigma * sigma / 2, sigma);
        double cells = pdf.Cells, chi2 = 0;
        var dof = 0;
        for (var i = 0; i < pdf.Counts.Length; i++)
        {
            var p = normal.CumulativeDistribution(Math.Log(pdf.BinEdges[i + 1])) - normal.CumulativeDistribution(Math.Log(pdf.BinEdges[i]));
            var expected = cells * p;
            var sd = Math.Sqrt(cells * p * (1 - p));
            Assert.True(Math.Abs(pdf.Counts[i] - expected) <= 5 * sd + 1, $"bin {i}: {pdf.Counts[i]} cells, expected {expected:F1} ± {sd:F1}");
            if (expected >= 5) { chi2 += (pdf.Counts[i] - expected) * (pdf.Counts[i] - expected) / expected; dof++; }
        }
        Assert.True(chi2 < dof + 5 * Math.Sqrt(2.0 * dof), $"χ² = {chi2:F1} for {dof} bins");
        // Tail below ln(1+δ) = −2 (3.75σ under the mean): expected fraction 8.8e-5, i.e. ≈ 23 cells; allow 5 sd of the count.
        var pBelow = normal.CumulativeDistribution(-2);
        Assert.True(Math.Abs(pdf.FractionBelow - pBelow) * cells <= 5 * Math.Sqrt(cells * pBelow) + 1, $"below {pdf.FractionBelow}");
        // The PDF column is dP/dln(1+δ): near the peak it approaches the normal density (bin-averaged, Δln = 0.1).
        var centre = Array.FindIndex(pdf.BinEdges, e => Math.Log(e) > -sigma * sigma / 2) - 1;
        Assert.Equal(normal.Density(-sigma * sigma / 2), pdf.Pdf[centre], 1);
    }

    [Fact]
    public void DensityPdf_with_top_hat_smoothing_still_integrates_to_one_and_records_its_attrs()
    {
        const int n = 32;
        var delta = Noise(n, 5).Select(v => 0.3 * v).ToArray();
        using var field = tensor(delta, [n, n, n]);

        var pdf = DensityPdf.Compute(field, 64, 0.5, 2, 20, SmoothingFilter.TopHat, 4);

        Assert.Equal(1.0, pdf.IntegralInRange() + pdf.FractionBelow + pdf.FractionAbove, 12);
        Assert.Equal(20, pdf.Pdf.Length);
        Assert.Equal(21, pdf.BinEdges.Length);
        Assert.Equal(0.5, pdf.BinEdges[0]);
        Assert.Equal(2, pdf.BinEdges[^1]);
        Assert.Equal(Math.Sqrt(0.5 * pdf.BinEdges[1]), pdf.Density[0], 14);
        var back = DensityPdf.FromJson(pdf.ToJson());
        Assert.Equal(SmoothingFilter.TopHat, back.Smoothing);
        Assert.Equal(4, back.SmoothingRadius);
        Assert.Equal(64, back.BoxSize);
        Assert.Equal(32, back.Nmesh);
        Assert.Equal(pdf.BinEdges, back.BinEdges);
        Assert.Equal(pdf.Pdf, back.Pdf);
        Assert.Equal(pdf.Counts, back.Counts);
        Assert.Equal(pdf.FractionAbove, back.FractionAbove);
        Assert.Contains("\"TopHat\"", pdf.ToJson());
    }

    [Fact]
    public void DensityPdf_counts_non_positive_density_below_the_range()
    {
        // 1+δ ≤ 0 has no logarithm; such cells are reported in fraction_below rather than dropped.
        var delta = new double[27];
        delta[0] = -1.5;
        delta[1] = -1;
        delta[2] = 200;
        using var field = tensor(delta, [3, 3, 3]);

        var pdf = DensityPdf.Compute(field, 3, bins: 4);

        Assert.Equal(2.0 / 27, pdf.FractionBelow, 15);
        Assert.Equal(1.0 / 27, pdf.FractionAbove, 15);
        Assert.Equal(24, pdf.Counts.Sum());
    }

    [Fact]
    public void Gaussian_smoothing_keeps_the_mean_and_scales_white_noise_variance_by_the_window_integral()
    {
        // Unit-variance white noise on cells of volume V_c = (L/N)³ has P(k) = V_c, so after smoothing
        // σ² = V_c ∫W²(kR) d³k/(2π)³ = V_c / (8 π^{3/2} R³) for the Gaussian (continuous integral; the grid's k > k_Nyquist
        // tail is exp(−π²R²/Δ²) ≈ 1e-10 for R = 1.5 cells). Fixed-amplitude noise removes sampling scatter, so 2% is generous.
        const int n = 64;
        const double box = 64, radius = 1.5;
        using var noise = FixedAmplitudeNoise(n, 11);
        using var field = noise + 0.3;

        using var smoothed = Smoothing.Apply(field, box, SmoothingFilter.Gaussian, radius);

        var before = field.data<double>();
        var after = smoothed.data<double>();
        Assert.Equal(before.Average(), after.Average(), 12);
        var varBefore = Variance(before);
        var varAfter = Variance(after);
        var expected = Math.Pow(box / n, 3) / (8 * Math.Pow(Math.PI, 1.5) * radius * radius * radius);
        Assert.Equal(1 - 1.0 / ((double)n * n * n), varBefore, 10); // every mode but the DC carries 1/N³
        Assert.True(Math.Abs(varAfter / varBefore / expected - 1) < 0.02, $"variance ratio {varAfter / varBefore:G6}, analytic {expected:G6}");
    }

    [Fact]
    public void Top_hat_smoothing_keeps_the_mean_and_scales_variance_by_the_mode_sum_of_W_squared()
    {
        // Same fixed-amplitude noise: σ² after = (1/N³) Σ_k W_TH²(kR) over the full grid (Parseval), exact to rounding (1e-10).
        // The continuous value 3/(4πR³)·V_c is not used: the top hat's W² ∝ (kR)⁻⁴ tail beyond k_Nyquist is several percent.
        const int n = 32;
        const double box = 64, radius = 5;
        using var noise = FixedAmplitudeNoise(n, 12);
        using var field = noise - 0.2;

        using var smoothed = Smoothing.Apply(field, box, SmoothingFilter.TopHat, radius);

        var after = smoothed.data<double>();
        Assert.Equal(field.data<double>().Average(), after.Average(), 12);
        var kF = 2 * Math.PI / box;
        var sum = 0.0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++)
                {
                    int a = i <= n / 2 ? i : i - n, b = j <= n / 2 ? j : j - n, c = k <= n / 2 ? k : k - n;
                    if (a == 0 && b == 0 && c == 0) continue; // the mean is not part of the variance
                    var w = Smoothing.TopHatWindow(kF * Math.Sqrt(a * a + b * b + c * c) * radius);
                    sum += w * w;
                }
        // Fixed-amplitude noise: |w_k|² = N³ for every mode, so the unit variance spreads as 1/N³ per non-DC mode.
        var expected = sum / ((double)n * n * n);
        Assert.Equal(expected, Variance(after), 10);
    }

    [Fact]
    public void Smoothing_windows_match_their_closed_forms()
    {
        Assert.Equal(1.0, Smoothing.TopHatWindow(0), 15);
        Assert.Equal(3 * (Math.Sin(2.0) - 2 * Math.Cos(2.0)) / 8, Smoothing.TopHatWindow(2), 15);
        // Series (below x = 1) and closed form (above) agree across the switch; reference values from mpmath at 40 digits.
        Assert.Equal(0.90350603681927037, Smoothing.TopHatWindow(1), 15);
        Assert.Equal(0.90350603681927037, Smoothing.TopHatWindow(Math.BitDecrement(1.0)), 15);
        Assert.Equal(0.99900035707672709, Smoothing.TopHatWindow(0.1), 15);
        Assert.Equal(0.99999000003571422, Smoothing.TopHatWindow(0.01), 15);
        Assert.Equal(Math.Exp(-2), Smoothing.GaussianWindow(2), 15);
        using var map = zeros([8, 8], float64);
        Assert.Throws<ArgumentException>(() => Smoothing.Apply(map, 8, SmoothingFilter.TopHat, 1));
    }

    private static double Variance(double[] v)
    {
        var m = v.Average();
        return v.Select(x => (x - m) * (x - m)).Average();
    }
}
