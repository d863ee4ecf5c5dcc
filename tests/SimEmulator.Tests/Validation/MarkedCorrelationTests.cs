using SimEmulator.Torch;
using SimEmulator.Validation.Statistics;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Validation;

public class MarkedCorrelationTests
{
    /// <summary>A lognormal overdensity δ = e^{s·g}/⟨e^{s·g}⟩ − 1 of seeded unit white noise g: 1 + δ &gt; 0 everywhere.</summary>
    private static double[] Lognormal(int n, double s, long seed)
    {
        using var g = new Generator(seed);
        using var white = randn([n, n, n], float64, generator: g);
        var v = white.data<double>().Select(x => Math.Exp(s * x)).ToArray();
        var mean = v.Average();
        return v.Select(x => x / mean - 1).ToArray();
    }

    private static int Signed(int i, int n) => i <= n / 2 ? i : i - n;

    [Fact]
    public void MarkedCorrelation_with_constant_mark_is_one_at_every_separation()
    {
        // p = 0 makes m ≡ 1, so the marked density is the density, W(r) = ξ(r) and M = (1 + W)/(1 + ξ) = 1 (to 1e-10).
        const int n = 16;
        using var delta = tensor(Lognormal(n, 0.8, 4), [n, n, n]);

        var marked = MarkedCorrelation.Compute(delta, 160, p: 0);

        Assert.Equal(1.0, marked.MeanMark, 12);
        Assert.Equal(1.0, marked.M0, 10);
        Assert.All(marked.M, m => Assert.Equal(1.0, m, 10));
        // ξ is not trivially zero, so the ratio above is a real cancellation.
        Assert.True(marked.Xi.Max(Math.Abs) > 1e-3);
    }

    [Fact]
    public void MarkedCorrelation_equals_brute_force_pair_sums_on_8_cubed_grid()
    {
        // The definition, O(N⁶): δ_R by direct circular convolution with the Gaussian kernel K(m) = N⁻³ Σ_n e^{−k²R²/2}
        // cos(2π n·m/N) (k = 2π|n|/L), m = [(1 + δs)/(1 + δs + δ_R)]^p, then for each bin of periodic offsets
        // M_b = [Σ m_x m_y ρ_x ρ_y / (N³ ⟨mρ⟩)²] / [Σ ρ_x ρ_y / (N³ ⟨ρ⟩)²] over all ordered cell pairs (x, y = x + offset),
        // ρ = 1 + δ; binned by ⌊|offset|⌋ as CorrelationFunction. Tolerance 1e-8 relative.
        const int n = 8; const double box = 40, radius = 7, deltaS = 0.25, p = 1.5;
        var delta = Lognormal(n, 0.6, 9);
        using var field = tensor(delta, [n, n, n]);

        var marked = MarkedCorrelation.Compute(field, box, p, deltaS, radius, SmoothingFilter.Gaussian);

        var kf = 2 * Math.PI / box;
        var kernel = new double[n * n * n];
        for (var a = 0; a < n; a++)
            for (var b = 0; b < n; b++)
                for (var c = 0; c < n; c++)
                {
                    var sum = 0.0;
                    for (var i = 0; i < n; i++)
                        for (var j = 0; j < n; j++)
                            for (var k = 0; k < n; k++)
                            {
                                int si = Signed(i, n), sj = Signed(j, n), sk = Signed(k, n);
                                var k2 = kf * kf * (si * si + sj * sj + sk * sk);
                                sum += Math.Exp(-k2 * radius * radius / 2) * Math.Cos(2 * Math.PI * (si * a + sj * b + sk * c) / n);
                            }
                    kernel[(a * n + b) * n + c] = sum / (n * n * n);
                }
        var rho = delta.Select(d => 1 + d).ToArray();
        var weighted = new double[n * n * n];
        for (var x = 0; x < n * n * n; x++)
        {
            int xi = x / (n * n), xj = x / n % n, xk = x % n;
            var smoothed = 0.0;
            for (var y = 0; y < n * n * n; y++)
            {
                int yi = y / (n * n), yj = y / n % n, yk = y % n;
                smoothed += kernel[(((xi - yi + n) % n) * n + (xj - yj + n) % n) * n + (xk - yk + n) % n] * delta[y];
            }
            weighted[x] = Math.Pow((1 + deltaS) / (1 + deltaS + smoothed), p) * rho[x];
        }
        var meanRho = rho.Average();
        var meanWeighted = weighted.Average();

        var markedSum = new double[16]; var plainSum = new double[16];
        for (var oi = 0; oi < n; oi++)
            for (var oj = 0; oj < n; oj++)
                for (var ok = 0; ok < n; ok++)
                {
                    int a = Signed(oi, n), b = Signed(oj, n), c = Signed(ok, n);
                    var bin = (int)Math.Floor(Math.Sqrt(a * a + b * b + c * c) + 1e-12);
                    for (var x = 0; x < n * n * n; x++)
                    {
                        int xi = x / (n * n), xj = x / n % n, xk = x % n;
                        var y = (((xi + oi) % n) * n + (xj + oj) % n) * n + (xk + ok) % n;
                        markedSum[bin] += weighted[x] * weighted[y] / (meanWeighted * meanWeighted);
                        plainSum[bin] += rho[x] * rho[y] / (meanRho * meanRho);
                    }
                }

        Assert.Equal(markedSum[0] / plainSum[0], marked.M0, 8);
        var bins = Enumerable.Range(1, 15).Where(b => plainSum[b] > 0).ToArray();
        Assert.Equal(bins.Length, marked.Count);
        for (var t = 0; t < bins.Length; t++)
        {
            var expected = markedSum[bins[t]] / plainSum[bins[t]];
            Assert.True(Math.Abs(marked.M[t] - expected) < 1e-8 * Math.Abs(expected), $"bin {bins[t]}: brute force {expected}, FFT {marked.M[t]}");
        }
        Assert.True(marked.M.Max(m => Math.Abs(m - 1)) > 1e-3, "the mark must actually re-weight the pairs");
    }

    [Fact]
    public void MarkedCorrelation_round_trips_through_json_and_rejects_a_mark_with_non_positive_base()
    {
        const int n = 8;
        var delta = Lognormal(n, 0.5, 2);
        var marked = MarkedCorrelation.Compute(delta.Select(d => (float)d).ToArray(), 80, p: 2, deltaS: 0.5, radiusMpcH: 15);

        var back = MarkedCorrelation.FromJson(marked.ToJson());

        Assert.Equal(marked.R, back.R); Assert.Equal(marked.M, back.M); Assert.Equal(marked.Xi, back.Xi); Assert.Equal(marked.W, back.W);
        Assert.Equal(marked.Separations, back.Separations); Assert.Equal(marked.M0, back.M0);
        Assert.Equal(2, back.P); Assert.Equal(0.5, back.DeltaS); Assert.Equal(15, back.SmoothingRadius);
        Assert.Equal(SmoothingFilter.TopHat, back.Filter); Assert.Equal(marked.MeanMark, back.MeanMark);
        Assert.Equal(80, back.BoxSize); Assert.Equal(n, back.Nmesh); Assert.Equal(10, back.BinWidth);
        Assert.Equal(marked.Estimator, back.Estimator);

        // δ = −0.9 everywhere but one cell: with δs = −0.5 the base 1 + δs + δ_R is negative, so no real mark exists.
        var empty = Enumerable.Repeat(-0.9f, n * n * n).ToArray();
        empty[0] = 0.9f * (n * n * n - 1);
        var e = Assert.Throws<ArgumentException>(() => MarkedCorrelation.Compute(empty, 80, deltaS: -0.5, radiusMpcH: 5));
        Assert.Contains("1 + δs + δ_R > 0", e.Message);
    }
}
