using System.Numerics;
using SimEmulator.Data.Mesh;
using SimEmulator.Torch;
using SimEmulator.Validation.Statistics;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Validation;

public class PowerSpectrumTests
{
    // Independent modes in the shell i ≤ |n| < i+1 of an N³ grid, counted by brute force over the full FFT grid:
    // every mode has a distinct partner −n unless −n ≡ n (mod N), so independent = (all + self-conjugate)/2.
    private static long IndependentModes(int n, int shell)
    {
        long all = 0, self = 0;
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        for (var l = 0; l < n; l++)
        {
            int a = i > n / 2 ? i - n : i, b = j > n / 2 ? j - n : j, c = l > n / 2 ? l - n : l;
            if ((int)Math.Sqrt(a * a + b * b + c * c) != shell) continue;
            all++;
            if ((2 * i) % n == 0 && (2 * j) % n == 0 && (2 * l) % n == 0) self++;
        }
        return (all + self) / 2;
    }

    [Fact]
    public void PowerSpectrum_of_plane_wave_has_all_power_in_one_bin()
    {
        // δ = A cos(2π·3x/L): the full FFT holds A·N³/2 at n = (±3, 0, 0), one independent mode, so that mode has
        // P = |δ_k|²·L³/N⁶ = A²L³/4 and bin 3 (whose other modes are empty) averages it over its Modes[2] modes.
        const int n = 16; const double box = 100, amp = 0.7;
        var d = new float[n * n * n];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n * n; j++)
            d[i * n * n + j] = (float)(amp * Math.Cos(2 * Math.PI * 3 * i / n));

        var ps = PowerSpectrum.Compute(d, box);

        Assert.Equal(IndependentModes(n, 3), ps.Modes[2]);
        Assert.Equal(79, ps.Modes[2]); // r₃(9..14) = 30+24+24+8+24+48 = 158 lattice points, none self-conjugate, halved
        var expected = amp * amp * box * box * box / 4;
        Assert.Equal(expected, ps.P0[2] * ps.Modes[2], expected * 1e-6); // float32 input cosines
        // Along the axis μ = 1, so L₂ = L₄ = 1: P₂ = 5·P₀, P₄ = 9·P₀.
        Assert.Equal(5 * ps.P0[2], ps.P2[2], expected * 1e-6);
        Assert.Equal(9 * ps.P0[2], ps.P4[2], expected * 1e-6);
        for (var b = 0; b < ps.Count; b++)
            if (b != 2) Assert.True(Math.Abs(ps.P0[b]) < expected * 1e-10, $"bin {b + 1}: P0 = {ps.P0[b]}");
        Assert.Equal(2 * Math.PI / box, ps.Kf, 12);
        Assert.Equal(Math.PI * n / box, ps.KNyquist, 12);
        Assert.Equal((int)Math.Sqrt(3.0 * 8 * 8), ps.Count); // Pylians: bins 1 … ⌊√3·N/2⌋
    }

    [Fact]
    public void PowerSpectrum_matches_a_direct_DFT_sum_with_CIC_window()
    {
        // Reference: δ_k = Σ_x δ(x) e^{−2πi n·x/N} summed directly (O(N⁶)), binned by the Pylians rules
        // (half-space, one of each ± pair on the kz = 0 and kz = N/2 planes), divided by the CIC window sinc²(πn_i/N).
        const int n = 8; const double box = 50;
        var d = WhiteNoise.Cube(n, 11);
        var ps = PowerSpectrum.Compute(d, box, MassAssignment.CIC, axis: 1);

        var kmax = (int)Math.Sqrt(3.0 * (n / 2) * (n / 2));
        var sumK = new double[kmax + 1]; var sumP = new double[kmax + 1]; var sumP2 = new double[kmax + 1]; var count = new long[kmax + 1];
        for (var kx = -n / 2 + 1; kx <= n / 2; kx++)
        for (var ky = -n / 2 + 1; ky <= n / 2; ky++)
        for (var kz = 0; kz <= n / 2; kz++)
        {
            if (kz == 0 || kz == n / 2)
            {
                if (kx < 0) continue;
                if ((kx == 0 || kx == n / 2) && ky < 0) continue;
            }
            var sum = Complex.Zero;
            for (var x = 0; x < n; x++)
            for (var y = 0; y < n; y++)
            for (var z = 0; z < n; z++)
                sum += d[(x * n + y) * n + z] * Complex.Exp(new Complex(0, -2 * Math.PI * ((double)kx * x + (double)ky * y + (double)kz * z) / n));
            var w = MassAssignmentWindow.Value(MassAssignment.CIC, kx, ky, kz, n);
            var k = Math.Sqrt(kx * kx + ky * ky + kz * kz);
            var mu = k == 0 ? 0 : ky / k;
            var p = (sum / w).Magnitude * (sum / w).Magnitude * Math.Pow(box, 3) / Math.Pow(n, 6);
            sumK[(int)k] += k; sumP[(int)k] += p; sumP2[(int)k] += p * (3 * mu * mu - 1) / 2; count[(int)k]++;
        }
        Assert.Equal(kmax, ps.Count);
        for (var b = 1; b <= kmax; b++)
        {
            Assert.Equal(count[b], ps.Modes[b - 1]);
            Assert.Equal(sumK[b] / count[b] * 2 * Math.PI / box, ps.K[b - 1], 1e-12);
            var p0 = sumP[b] / count[b];
            Assert.True(Math.Abs(ps.P0[b - 1] - p0) <= 1e-10 * p0, $"bin {b}: P0 {ps.P0[b - 1]} vs direct {p0}");
            var p2 = 5 * sumP2[b] / count[b];
            Assert.True(Math.Abs(ps.P2[b - 1] - p2) <= 1e-10 * p0, $"bin {b}: P2 {ps.P2[b - 1]} vs direct {p2}");
        }
    }

    [Fact]
    public void PowerSpectrum_of_CIC_Poisson_catalog_is_shot_noise_after_window_correction()
    {
        // A Poisson catalog has P(k) = L³/N per mode. CIC smooths it by the window, and aliasing adds back power: the
        // measured P·W⁻² = (L³/N)·Π(1 − ⅔ sin²(πn_i/2N))/Π sinc⁴(πn_i/N) (Jing 2005), which is 1 to 2nd order in n/N
        // and within ~2% below k_N/2. Each bin's P scatters by 1/√modes (exponentially distributed modes), so several
        // realizations and the bins k_N/4 … k_N/2 are averaged to bring the noise (~1%) well under the 5% tolerance.
        const int n = 32, particles = 40000, realizations = 4; const double box = 200;
        double sumCorrected = 0, sumRaw = 0, weight = 0;
        for (var r = 0; r < realizations; r++)
        {
            var rng = new Random(100 + r);
            var xyz = new float[3 * particles];
            for (var i = 0; i < xyz.Length; i++) xyz[i] = (float)(rng.NextDouble() * box);
            var mesh = new DensityMesh(n, box, MassAssignment.CIC);
            mesh.Deposit(xyz);
            var delta = mesh.ToOverdensity();
            var corrected = PowerSpectrum.Compute(delta, box, MassAssignment.CIC, particleCount: particles);
            var raw = PowerSpectrum.Compute(delta, box);
            Assert.Equal(Math.Pow(box, 3) / particles, corrected.ShotNoise, 1e-9);
            for (var b = 0; b < corrected.Count; b++)
            {
                if (corrected.K[b] < corrected.KNyquist / 4 || corrected.K[b] > corrected.KNyquist / 2) continue;
                sumCorrected += corrected.P0[b] * corrected.Modes[b];
                sumRaw += raw.P0[b] * raw.Modes[b];
                weight += corrected.Modes[b];
            }
        }
        var shot = Math.Pow(box, 3) / particles;
        Assert.InRange(sumCorrected / weight / shot, 0.95, 1.05);
        Assert.True(sumRaw / weight / shot < 0.9, $"uncorrected P/shot = {sumRaw / weight / shot} should show the CIC suppression");
    }

    [Fact]
    public void Multipoles_of_isotropic_field_vanish_within_errors()
    {
        // White noise: P₂ and P₄ have mean 0 and, per mode, variance (2ℓ+1)·P² (⟨L_ℓ²⟩ = 1/(2ℓ+1)); summed over the
        // bins up to k_N the mode-weighted ratio P_ℓ/P₀ has σ = √((2ℓ+1)/modes). We allow 4σ.
        const int n = 32; const double box = 100;
        var ps = PowerSpectrum.Compute(WhiteNoise.Cube(n, 5), box, axis: 2);
        double s0 = 0, s2 = 0, s4 = 0, modes = 0;
        for (var b = 0; b < ps.Count; b++)
        {
            if (ps.K[b] > ps.KNyquist) continue;
            s0 += ps.P0[b] * ps.Modes[b]; s2 += ps.P2[b] * ps.Modes[b]; s4 += ps.P4[b] * ps.Modes[b]; modes += ps.Modes[b];
        }
        Assert.True(Math.Abs(s2 / s0) < 4 * Math.Sqrt(5 / modes), $"P2/P0 = {s2 / s0}, σ = {Math.Sqrt(5 / modes)}");
        Assert.True(Math.Abs(s4 / s0) < 4 * Math.Sqrt(9 / modes), $"P4/P0 = {s4 / s0}, σ = {Math.Sqrt(9 / modes)}");
    }

    [Fact]
    public void Quadrupole_of_Kaiser_stretched_field_matches_analytic_ratio()
    {
        // δ_k·(1 + βμ²) has P(k, μ) = P(k)(1 + βμ²)², whose multipole ratio is (4β/3 + 4β²/7)/(1 + 2β/3 + β²/5) (Kaiser 1987).
        // The input modes have fixed unit amplitude and random phases, so there is no sample variance: what is left is
        // the discreteness of μ on the grid, averaged away over the bins up to k_N.
        const int n = 32; const double box = 100, beta = 0.6;
        using var scope = NewDisposeScope();
        var dk = fft.rfftn(tensor(WhiteNoise.Cube(n, 9), [n, n, n]).to(float64));
        var nz = n / 2 + 1;
        var factor = new double[n * n * nz];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        for (var l = 0; l < nz; l++)
        {
            var kx = i > n / 2 ? i - n : i; var ky = j > n / 2 ? j - n : j;
            var k2 = (double)kx * kx + ky * ky + l * l;
            var mu2 = k2 == 0 ? 0 : kx * kx / k2; // axis 0
            factor[(i * n + j) * nz + l] = 1 + beta * mu2;
        }
        var field = fft.irfftn(dk / dk.abs() * tensor(factor, [n, n, nz]), s: [n, n, n]);

        var ps = PowerSpectrum.Compute(field, box, axis: 0);
        double s0 = 0, s2 = 0;
        for (var b = 0; b < ps.Count; b++)
        {
            if (ps.K[b] > ps.KNyquist) continue;
            s0 += ps.P0[b] * ps.Modes[b]; s2 += ps.P2[b] * ps.Modes[b];
        }
        var kaiser = (4 * beta / 3 + 4 * beta * beta / 7) / (1 + 2 * beta / 3 + beta * beta / 5);
        Assert.InRange(s2 / s0 / kaiser, 0.98, 1.02);
    }

    [Fact]
    public void Cross_of_field_with_itself_equals_auto_and_r_is_one()
    {
        const int n = 16; const double box = 80;
        var d = WhiteNoise.Cube(n, 3);
        var auto = PowerSpectrum.Compute(d, box, MassAssignment.TSC);
        var cross = PowerSpectrum.Cross(d, d, box, MassAssignment.TSC, MassAssignment.TSC);
        Assert.Equal(auto.P0, cross.Cross.P0);
        Assert.Equal(auto.P2, cross.Cross.P2);
        Assert.Equal(auto.P4, cross.Cross.P4);
        Assert.Equal(auto.Modes, cross.Cross.Modes);
        Assert.All(cross.R, r => Assert.Equal(1.0, r, 1e-14));

        // An independent field decorrelates: |r| ≈ 1/√modes.
        var other = PowerSpectrum.Cross(d, WhiteNoise.Cube(n, 4), box);
        Assert.True(Math.Abs(other.R[4]) < 4 / Math.Sqrt(other.Cross.Modes[4]), $"r = {other.R[4]}");
    }

    [Fact]
    public void Json_round_trip_is_exact()
    {
        var ps = PowerSpectrum.Compute(WhiteNoise.Cube(8, 1), 123.456, MassAssignment.CIC, axis: 2, particleCount: 777);
        var back = PowerSpectrum.FromJson(ps.ToJson());
        Assert.Equal(ps.K, back.K);
        Assert.Equal(ps.P0, back.P0);
        Assert.Equal(ps.P2, back.P2);
        Assert.Equal(ps.P4, back.P4);
        Assert.Equal(ps.Modes, back.Modes);
        Assert.Equal(ps with { K = back.K, P0 = back.P0, P2 = back.P2, P4 = back.P4, Modes = back.Modes }, back);
        Assert.Contains("\"columns\"", ps.ToJson());

        var none = PowerSpectrum.Compute(WhiteNoise.Cube(8, 2), 10);
        var noneBack = PowerSpectrum.FromJson(none.ToJson());
        Assert.Null(noneBack.MAS);
        Assert.True(double.IsNaN(noneBack.ShotNoise));

        var cross = PowerSpectrum.Cross(WhiteNoise.Cube(8, 1), WhiteNoise.Cube(8, 2), 10);
        var crossBack = PowerSpectrumCross.FromJson(cross.ToJson());
        Assert.Equal(cross.Cross.P0, crossBack.Cross.P0);
        Assert.Equal(cross.R, crossBack.R);
    }

    [Fact]
    public void Bad_inputs_are_rejected_at_the_door()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => PowerSpectrum.Compute(zeros(4, 4, 5), 10));
        Assert.Contains("'delta' must be a cube [n, n, n]", e.Message);
        Assert.Contains("[4, 4, 5]", e.Message);
        var d = WhiteNoise.Cube(4, 1);
        d[7] = float.NaN;
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => PowerSpectrum.Compute(d, 10)).Message);
        var t = zeros(4, 4, 4);
        var withNan = t + tensor(double.NaN, float32);
        Assert.Contains("'delta'", Assert.Throws<ArgumentException>(() => PowerSpectrum.Compute(withNan, 10)).Message);
        Assert.Contains("'b'", Assert.Throws<ArgumentException>(() => PowerSpectrum.Cross(WhiteNoise.Cube(4, 1), d, 10)).Message);
        Assert.Throws<ArgumentException>(() => PowerSpectrum.Compute(new float[10], 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => PowerSpectrum.Compute(WhiteNoise.Cube(4, 1), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PowerSpectrum.Compute(WhiteNoise.Cube(4, 1), 10, axis: 3));
    }
}
