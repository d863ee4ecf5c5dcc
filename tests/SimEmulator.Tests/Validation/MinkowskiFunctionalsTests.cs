using SimEmulator.Torch;
using SimEmulator.Validation.Statistics;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Validation;

public class MinkowskiFunctionalsTests
{
    /// <summary>Unit white noise smoothed by a Gaussian of R pixels: a smooth, seeded Gaussian random map [n, n].</summary>
    private static Tensor GaussianMap(int n, double radiusPixels, long seed)
    {
        using var g = new Generator(seed);
        using var white = randn([n, n], float64, generator: g);
        return Smoothing.Apply(white, n, SmoothingFilter.Gaussian, radiusPixels);
    }

    /// <summary>τ = ⟨u_x² + u_y²⟩/2 of u = (κ − κ̄)/σ0 with periodic central differences, per pixel² (h = 1).</summary>
    private static double GradientVariance(double[] kappa, int n)
    {
        var mean = kappa.Average();
        var sigma = Math.Sqrt(kappa.Sum(v => (v - mean) * (v - mean)) / kappa.Length);
        double U(int i, int j) => (kappa[((i + n) % n) * n + (j + n) % n] - mean) / sigma;
        var sum = 0.0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var gx = (U(i + 1, j) - U(i - 1, j)) / 2;
                var gy = (U(i, j + 1) - U(i, j - 1)) / 2;
                sum += gx * gx + gy * gy;
            }
        return sum / (2.0 * n * n);
    }

    private static double Erfc(double x) => MathNet.Numerics.SpecialFunctions.Erfc(x);

    [Fact]
    public void MinkowskiFunctionals_of_gaussian_maps_match_the_tomita_expectations()
    {
        // Gaussian-field expectations (Tomita 1986; Matsubara 2010, eqs. for 2D): with u = κ/σ0 of unit variance and
        // τ = ⟨u_x²⟩ = σ1²/(2σ0²), p(ν) = e^{−ν²/2}/√(2π) and u, ∇u, ∇∇u jointly Gaussian with ⟨u u_xx⟩ = −τ,
        //   V0 = P(u ≥ ν) = ½ erfc(ν/√2),
        //   V1 = ¼ p(ν) E|∇u| = ¼ p(ν) √(πτ/2) = √τ e^{−ν²/2}/8 = (σ1/σ0) e^{−ν²/2}/(8√2),
        //   V2 = (1/2π) p(ν) E[(2u_x u_y u_xy − u_x² u_yy − u_y² u_xx)/|∇u|² | u = ν] = τ ν e^{−ν²/2}/(2π)^{3/2},
        // since E[u_xx | u = ν] = −τν and E[u_xy | u] = 0. The central differences obey the same identities on the
        // periodic grid (D is antisymmetric, u_xx = D·D u), so τ is measured with them. 4 maps of 256², R = 2 px,
        // pixel h = 1 Mpc/h; tolerances (1%, 3%, 6% of each peak) are ~2× the deviations a numpy peer saw from seed scatter.
        const int n = 256;
        var nu = MinkowskiFunctionals.DefaultThresholds;
        var v0 = new double[nu.Length]; var v1 = new double[nu.Length]; var v2 = new double[nu.Length];
        var t0 = new double[nu.Length]; var t1 = new double[nu.Length]; var t2 = new double[nu.Length];
        const int maps = 4;
        for (var seed = 0; seed < maps; seed++)
        {
            using var map = GaussianMap(n, 2, seed + 100);
            var mf = MinkowskiFunctionals.Compute(map, n);
            var tau = GradientVariance(map.data<double>(), n);
            for (var b = 0; b < nu.Length; b++)
            {
                v0[b] += mf.V0[b] / maps; v1[b] += mf.V1[b] / maps; v2[b] += mf.V2[b] / maps;
                var gauss = Math.Exp(-nu[b] * nu[b] / 2);
                t0[b] += 0.5 * Erfc(nu[b] / Math.Sqrt(2)) / maps;
                t1[b] += Math.Sqrt(tau) * gauss / 8 / maps;
                t2[b] += tau * nu[b] * gauss / Math.Pow(2 * Math.PI, 1.5) / maps;
            }
        }

        void Check(double[] measured, double[] expected, double fraction, string name)
        {
            var peak = expected.Max(Math.Abs);
            for (var b = 0; b < nu.Length; b++)
                Assert.True(Math.Abs(measured[b] - expected[b]) < fraction * peak,
                    $"{name}(ν = {nu[b]:F1}) = {measured[b]}, Gaussian expectation {expected[b]} (peak {peak})");
        }
        Check(v0, t0, 0.01, "V0");
        Check(v1, t1, 0.03, "V1");
        Check(v2, t2, 0.06, "V2");
    }

    [Fact]
    public void MinkowskiFunctionals_of_cube_slices_pick_the_planes_perpendicular_to_the_axis()
    {
        // A cube that repeats one 2D map along an axis has every slice perpendicular to that axis equal to the map and the
        // same mean and σ, so the slice average equals the map's functionals (to rounding, 1e-12).
        const int n = 16;
        using var map = GaussianMap(n, 1.5, 7);
        var m = map.data<double>();
        var alongX = new float[n * n * n]; var alongY = new float[n * n * n]; var alongZ = new float[n * n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++)
                {
                    alongX[(i * n + j) * n + k] = (float)m[j * n + k];
                    alongY[(i * n + j) * n + k] = (float)m[i * n + k];
                    alongZ[(i * n + j) * n + k] = (float)m[i * n + j];
                }
        using var mapAsFloat = tensor(m.Select(v => (float)v).ToArray(), [n, n]);
        var expected = MinkowskiFunctionals.Compute(mapAsFloat, 40);

        foreach (var (cube, axis) in new[] { (alongX, 0), (alongY, 1), (alongZ, 2) })
        {
            var slices = MinkowskiFunctionals.ForCubeSlices(cube, 40, axis);
            Assert.Equal(n, slices.Maps);
            for (var b = 0; b < expected.Count; b++)
            {
                Assert.Equal(expected.V0[b], slices.V0[b], 12);
                Assert.Equal(expected.V1[b], slices.V1[b], 12);
                Assert.Equal(expected.V2[b], slices.V2[b], 12);
            }
        }
        // Slicing the x-repeated cube along y mixes rows of different maps: the functionals must differ.
        var wrong = MinkowskiFunctionals.ForCubeSlices(alongX, 40, 1);
        Assert.True(Enumerable.Range(0, expected.Count).Max(b => Math.Abs(wrong.V2[b] - expected.V2[b])) > 1e-6);
    }

    [Fact]
    public void MinkowskiFunctionals_do_not_change_when_the_map_is_scaled_and_shifted()
    {
        // ν is measured in σ0 above the mean and the derivatives act on u = (κ − κ̄)/σ0, so a·κ + b (a > 0) gives the same u.
        using var map = GaussianMap(32, 2, 3);
        using var scaled = map * 7.5 + 3.0;

        var a = MinkowskiFunctionals.Compute(map, 32, [-1, 0, 1], 0.5);
        var b = MinkowskiFunctionals.Compute(scaled, 32, [-1, 0, 1], 0.5);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(a.V0[i], b.V0[i], 12);
            Assert.Equal(a.V1[i], b.V1[i], 10);
            Assert.Equal(a.V2[i], b.V2[i], 10);
        }
        Assert.Equal(0.5, a.BinWidth);
    }

    [Fact]
    public void MinkowskiFunctionals_round_trip_through_json_and_reject_a_constant_map()
    {
        using var map = GaussianMap(16, 1, 1);
        var mf = MinkowskiFunctionals.Compute(map, 20);

        var back = MinkowskiFunctionals.FromJson(mf.ToJson());

        Assert.Equal(mf.Nu, back.Nu); Assert.Equal(mf.V0, back.V0); Assert.Equal(mf.V1, back.V1); Assert.Equal(mf.V2, back.V2);
        Assert.Equal(mf.BinWidth, back.BinWidth); Assert.Equal(mf.Mean, back.Mean); Assert.Equal(mf.Sigma, back.Sigma);
        Assert.Equal(20, back.BoxSize); Assert.Equal(16, back.Nmesh); Assert.Equal(1, back.Maps);
        Assert.Equal(mf.Definition, back.Definition);
        Assert.Equal(31, mf.Count);
        Assert.Equal(0.2, mf.BinWidth, 12);

        using var flat = ones([16, 16], float64);
        var e = Assert.Throws<ArgumentException>(() => MinkowskiFunctionals.Compute(flat, 20));
        Assert.Contains("constant", e.Message);
    }
}
