using SimEmulator.Data.Layouts;
using SimEmulator.Simulation.Cosmology;
using SimEmulator.Simulation.InitialConditions;
using SimEmulator.Torch;
using SimEmulator.Validation.Statistics;
using Xunit.Abstractions;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Validation;

public class CorrelationFromPairsTests(ITestOutputHelper output)
{
    private sealed class PowerLaw(double amplitude, double index) : ILinearPower
    {
        public double P(double kHMpc) => amplitude * Math.Pow(kHMpc, index);
    }

    private static Catalog UniformCatalog(int n, double box, int seed)
    {
        var rng = new Random(seed);
        var p = new float[3 * n];
        for (var i = 0; i < p.Length; i++) p[i] = (float)(box * rng.NextDouble());
        return new Catalog(box, p);
    }

    [Fact]
    public void Natural_xi_of_uniform_Poisson_sample_is_zero_within_Poisson_errors()
    {
        // A uniform sample has ξ = 0; DD in a bin is ≈ Poisson with mean RR/2 unique pairs, so σ(ξ) = √(2/RR).
        // Every bin within 4σ, and χ² over the 12 bins below 36 (p ≈ 3e-4 for 12 degrees of freedom).
        var catalog = UniformCatalog(20000, 100, seed: 21);
        var xi = CorrelationFromPairs.Natural(catalog, RadialEdges.Log(1, 30, 12));

        var chi2 = 0.0;
        for (var k = 0; k < xi.Count; k++)
        {
            var sigma = Math.Sqrt(2 / xi.RR[k]);
            Assert.True(Math.Abs(xi.Xi[k]) < 4 * sigma, $"bin {k} (r = {xi.R[k]:F2} Mpc/h): xi = {xi.Xi[k]:E3}, 4 sigma = {4 * sigma:E3}");
            chi2 += xi.Xi[k] * xi.Xi[k] / (sigma * sigma);
        }
        Assert.True(chi2 < 36, $"chi2 = {chi2:F1} over {xi.Count} bins");
        // RR is the analytic N(N−1)·V_shell/L³ of ordered pairs.
        var v0 = 4.0 / 3 * Math.PI * (Math.Pow(xi.RHigh[0], 3) - 1);
        Assert.Equal(20000.0 * 19999 * v0 / 1e6, xi.RR[0], 1e-9 * xi.RR[0]);
    }

    [Fact]
    public void Landy_Szalay_of_uniform_data_in_a_sphere_is_zero_within_Poisson_errors()
    {
        // Data and randoms both uniform in a ball of radius 50 Mpc/h (no periodicity, edge effects cancel in LS):
        // ξ = 0 with σ ≈ √(2/DD) per bin; every bin within 4σ.
        static Catalog Ball(int n, int seed)
        {
            var rng = new Random(seed);
            var p = new List<float>(3 * n);
            while (p.Count < 3 * n)
            {
                double x = 2 * rng.NextDouble() - 1, y = 2 * rng.NextDouble() - 1, z = 2 * rng.NextDouble() - 1;
                if (x * x + y * y + z * z > 1) continue;
                p.AddRange([(float)(50 + 50 * x), (float)(50 + 50 * y), (float)(50 + 50 * z)]);
            }
            return new Catalog(100, p.ToArray());
        }
        var data = Ball(8000, 31);
        var randoms = Ball(40000, 32);
        var xi = CorrelationFromPairs.LandySzalay(data, randoms, RadialEdges.Linear(2, 20, 6));
        for (var k = 0; k < xi.Count; k++)
        {
            var sigma = Math.Sqrt(2 / xi.DD[k]);
            Assert.True(Math.Abs(xi.Xi[k]) < 4 * sigma, $"bin {k}: xi = {xi.Xi[k]:E3}, 4 sigma = {4 * sigma:E3}");
        }
        Assert.Equal(8000, xi.N);
        Assert.Equal(40000, xi.NRandoms);
        Assert.False(xi.Periodic);
    }

    [Fact]
    public void Pair_count_xi_of_Poisson_sampled_lognormal_field_matches_FFT_xi_beyond_three_cells()
    {
        // A smooth lognormal density 1+δ on 32³ (box 100 Mpc/h, cell a = 3.125 Mpc/h, P_G ∝ k^−2.5), Poisson-sampled
        // with rate ∝ 1+δ (~49 000 points), positions uniform within each cell [i·a, (i+1)·a). The sample's intensity
        // is the field held constant over each cell, whose ξ at separation r⃗ is the trilinear (CIC) interpolation of
        // the grid ξ at r⃗/a: the cell top-hat convolved with itself is the triangle kernel. Hence
        // (1) the pair-count ξ equals that interpolation averaged over each shell within 0.01 ≈ 4σ, σ ≈ 2.5e-3 at 3–4 cells
        //     being the scatter of ξ over Poisson resamplings of this same field (measured with numpy + scipy cKDTree,
        //     which also reproduced these pair counts exactly; the three-point term 4·Var_x(g)/N dominates Poisson);
        // (2) it agrees with the FFT ξ of the field (CorrelationFunction.Compute, bins [b, b+1)·a, interpolated
        //     linearly in r to the pairs' mean separation) within 5 % of ξ + 0.01: the triangle smoothing is
        //     1–2 % of ξ at 3–7 cells here (trilinear shell average vs FFT), the rest is that sampling noise.
        const int n = 32;
        const double box = 100, a = box / n;
        double[] delta;
        using (var g = GaussianField.Generate(n, box, new PowerLaw(1, -2.5), seed: 7))
        {
            var gauss = g.data<double>();
            var sd = Math.Sqrt(gauss.Select(v => v * v).Average());
            var rho = gauss.Select(v => Math.Exp(0.8 * v / sd)).ToArray();
            var mean = rho.Average();
            delta = rho.Select(v => v / mean - 1).ToArray();
        }

        var rng = new Random(8);
        const double meanPerCell = 1.5;
        var positions = new List<float>();
        for (var c = 0; c < delta.Length; c++)
        {
            var count = Poisson(rng, meanPerCell * (1 + delta[c]));
            int i = c / (n * n), j = c / n % n, k = c % n;
            for (var m = 0; m < count; m++)
                positions.AddRange([(float)((i + rng.NextDouble()) * a), (float)((j + rng.NextDouble()) * a), (float)((k + rng.NextDouble()) * a)]);
        }
        var catalog = new Catalog(box, positions.ToArray());

        var edges = Enumerable.Range(3, 5).Select(b => b * a).ToArray(); // [3, 4), …, [6, 7) cells
        var pairs = CorrelationFromPairs.Natural(catalog, edges);
        var fft = CorrelationFunction.Compute(delta.Select(v => (float)v).ToArray(), box);
        var expected = ShellAveragesTrilinear(XiGrid(delta, n), n, edges.Select(e => e / a).ToArray(), substeps: 6);

        for (var b = 0; b < pairs.Count; b++)
        {
            var fftXi = Interpolate(fft.R, fft.Xi, pairs.R[b]);
            output.WriteLine($"r {pairs.R[b]:F2} Mpc/h: pairs {pairs.Xi[b]:F5}, trilinear shell average {expected[b]:F5}, FFT at r {fftXi:F5}");
            Assert.True(Math.Abs(pairs.Xi[b] - expected[b]) < 0.01, $"bin {b}: pair xi {pairs.Xi[b]:F5} vs trilinear shell average {expected[b]:F5}");
            Assert.True(Math.Abs(pairs.Xi[b] - fftXi) < 0.05 * Math.Abs(fftXi) + 0.01, $"bin {b}: pair xi {pairs.Xi[b]:F5} vs FFT xi {fftXi:F5}");
        }
    }

    private static double Interpolate(double[] x, double[] y, double at)
    {
        var i = 1;
        while (i < x.Length - 1 && x[i] < at) i++;
        return y[i - 1] + (y[i] - y[i - 1]) * (at - x[i - 1]) / (x[i] - x[i - 1]);
    }

    [Fact]
    public void Pair_correlation_round_trips_through_json_and_natural_rejects_shells_past_half_the_box()
    {
        var catalog = UniformCatalog(500, 50, seed: 41);
        var xi = CorrelationFromPairs.Natural(catalog, RadialEdges.Linear(0, 10, 5));
        var back = PairCorrelation.FromJson(xi.ToJson());
        Assert.Equal(xi.R, back.R);
        Assert.Equal(xi.DD, back.DD);
        Assert.Equal(xi.DR, back.DR); // NaN for the natural estimator: written as the NaN literal
        Assert.Equal(xi.RR, back.RR);
        Assert.Equal(xi.Xi, back.Xi);
        Assert.Equal((xi.BoxSize, xi.N, xi.NRandoms, xi.Periodic, xi.Estimator), (back.BoxSize, back.N, back.NRandoms, back.Periodic, back.Estimator));
        // The analytic RR assumes full spheres: r_max = 26 > L/2 = 25 is refused.
        Assert.Equal("edgesMpcH", Assert.Throws<ArgumentException>(() => CorrelationFromPairs.Natural(catalog, [1, 26])).ParamName);
    }

    private static int Poisson(Random rng, double lambda)
    {
        // Knuth's product of uniforms; λ ≤ ~10 here.
        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = rng.NextDouble();
        while (p > limit) { k++; p *= rng.NextDouble(); }
        return k;
    }

    /// <summary>ξ on every periodic grid offset, irFFT(|δ_k|²)/N³ — the grid CorrelationFunction bins.</summary>
    private static double[] XiGrid(double[] delta, int n)
    {
        using var scope = NewDisposeScope();
        var t = tensor(delta, [n, n, n]);
        var modes = fft.rfftn(t);
        var power = (modes * modes.conj()).real;
        var xi = fft.irfftn(power, s: [n, n, n]) / ((double)n * n * n);
        return xi.data<double>();
    }

    /// <summary>
    /// Mean over each shell [e_b, e_(b+1)) (in cells) of the periodic trilinear interpolation of the ξ grid, on a lattice
    /// of separations with spacing 1/substeps cell (offset by half a step, so no lattice point sits on a grid plane).
    /// </summary>
    private static double[] ShellAveragesTrilinear(double[] grid, int n, double[] edgesCells, int substeps)
    {
        var bins = edgesCells.Length - 1;
        var sum = new double[bins];
        var count = new long[bins];
        var reach = (int)Math.Ceiling(edgesCells[^1] * substeps);
        var h = 1.0 / substeps;
        for (var u = -reach; u < reach; u++)
            for (var v = -reach; v < reach; v++)
                for (var w = -reach; w < reach; w++)
                {
                    double x = (u + 0.5) * h, y = (v + 0.5) * h, z = (w + 0.5) * h;
                    var r = Math.Sqrt(x * x + y * y + z * z);
                    var b = Array.FindLastIndex(edgesCells, e => e <= r);
                    if (b < 0 || b >= bins) continue;
                    sum[b] += Trilinear(grid, n, x, y, z);
                    count[b]++;
                }
        return sum.Select((s, b) => s / count[b]).ToArray();
    }

    private static double Trilinear(double[] grid, int n, double x, double y, double z)
    {
        double[] p = [x, y, z];
        var f = new int[3]; var t = new double[3];
        for (var d = 0; d < 3; d++) { var fl = Math.Floor(p[d]); f[d] = (int)fl; t[d] = p[d] - fl; }
        var value = 0.0;
        for (var c = 0; c < 8; c++)
        {
            var weight = 1.0;
            var index = 0;
            for (var d = 0; d < 3; d++)
            {
                var bit = (c >> d) & 1;
                weight *= bit == 1 ? t[d] : 1 - t[d];
                index = index * n + ((f[d] + bit) % n + n) % n;
            }
            value += weight * grid[index];
        }
        return value;
    }
}
