using System.Runtime.InteropServices;
using SimEmulator.Simulation.InitialConditions;
using SimEmulator.Torch;
using SimEmulator.Validation.Statistics;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Simulation.InitialConditions;

public sealed class GaussianFieldTests
{
    private const int N = 32;
    private const double L = 256; // k_F = 0.0245, k_Ny = 0.393 h/Mpc
    // Red power law with a cutoff: P spans ~10³ over the grid's k range, like a ΛCDM spectrum on these scales.
    private static readonly PowerLawSpectrum Power = new(2.0e4, -1.5, 0.5);

    [Fact]
    public void Power_averaged_over_16_seeds_matches_the_input_within_cosmic_variance_and_scales_with_D1_squared()
    {
        const int seeds = 16;
        const double a = 0.25; // EdS: D1(a) = a
        var growth = new EdsGrowth();
        var bins = N / 2;
        var mean = new double[bins];
        var meanEvolved = new double[bins];
        long[] modes = [];
        for (var seed = 0; seed < seeds; seed++)
        {
            using var scope = NewDisposeScope();
            var delta = GaussianField.Generate(N, L, Power, 1000 + seed);
            var measured = PowerSpectrum.Compute(delta, L);
            var p = measured.P0;
            modes = measured.Modes;
            // The evolved field is read back from the Zel'dovich particles: δ(a) = −∇·(x − q) = D1(a)·δ_L.
            using var particles = Lpt.Zeldovich(delta, L, growth, a);
            var s = IcTestFields.GridOf(IcTestFields.Displacements(particles), N);
            var pEvolved = PowerSpectrum.Compute(IcTestFields.MinusDivergence(s, L), L).P0;
            for (var b = 0; b < bins; b++)
            {
                mean[b] += p[b] / seeds;
                meanEvolved[b] += pEvolved[b] / seeds;
            }
        }

        // Expected: the input P averaged over each bin's modes. The 16-seed mean of a bin with `modes` independent modes
        // (complex Gaussians, each |δ_k|² exponential) has σ = P/√(16·modes).
        var expected = IcTestFields.BinnedInput(Power, N, L);
        var d1 = growth.D1(a);
        for (var b = 0; b < N / 4 - 1; b++) // bins [1,2) … [7,8)·k_F: below half the Nyquist frequency (8 k_F)
        {
            var sigma = expected[b] / Math.Sqrt(seeds * modes[b]);
            Assert.True(Math.Abs(mean[b] - expected[b]) < 3 * sigma,
                $"bin {b + 1}: measured {mean[b]:G6}, input {expected[b]:G6}, 3σ = {3 * sigma:G4}");
            var evolved = d1 * d1 * expected[b];
            Assert.True(Math.Abs(meanEvolved[b] - evolved) < 3 * d1 * d1 * sigma,
                $"bin {b + 1} at a = {a}: measured {meanEvolved[b]:G6}, D1²·input {evolved:G6}");
            // Same realisations, so the evolved field is exactly D1·δ_L: agreement to rounding, not just within σ.
            Assert.Equal(1.0, meanEvolved[b] / (d1 * d1 * mean[b]), tolerance: 1e-10);
        }
    }

    [Fact]
    public void Fixed_amplitude_modes_carry_exactly_the_input_power()
    {
        using var scope = NewDisposeScope();
        var delta = GaussianField.Generate(N, L, Power, seed: 7, fixedAmplitude: true);
        var power = fft.rfftn(delta).abs().square().data<double>();
        var norm = Math.Pow(L, 3) / Math.Pow(N, 6); // P = |δ_k|²·L³/N⁶ (ARCHITECTURE.md)
        var kF = 2 * Math.PI / L;
        var worst = 0.0;
        for (var i = 0; i < N; i++)
            for (var j = 0; j < N; j++)
                for (var l = 0; l <= N / 2; l++)
                {
                    var ni = i <= N / 2 ? i : i - N;
                    var nj = j <= N / 2 ? j : j - N;
                    var measured = power[(i * N + j) * (N / 2 + 1) + l] * norm;
                    if (ni == 0 && nj == 0 && l == 0)
                    {
                        Assert.True(measured < 1e-20, $"the DC mode must be zero, has P = {measured}");
                        continue;
                    }
                    var input = Power.P(kF * Math.Sqrt(ni * ni + nj * nj + l * l));
                    worst = Math.Max(worst, Math.Abs(measured / input - 1));
                }
        // Every mode, Nyquist planes and cube corners included, to float64 rounding of two FFTs.
        Assert.True(worst < 1e-10, $"largest relative deviation of |δ_k|²L³/N⁶ from P(k): {worst:G3}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Paired_field_is_exactly_minus_the_unpaired_one(bool fixedAmplitude)
    {
        using var scope = NewDisposeScope();
        var plain = GaussianField.Generate(N, L, Power, seed: 11, fixedAmplitude: fixedAmplitude).data<double>();
        var paired = GaussianField.Generate(N, L, Power, seed: 11, fixedAmplitude: fixedAmplitude, paired: true).data<double>();
        var mismatches = plain.Where((v, i) => paired[i] != -v).Count();
        Assert.Equal(0, mismatches); // bit-for-bit: the phase shift by π is a sign flip
        Assert.Contains(plain, v => v != 0);
    }

    [Fact]
    public void Same_seed_gives_the_same_bytes_and_different_seeds_differ()
    {
        using var scope = NewDisposeScope();
        var spec = new GaussianFieldSpec(N, L, Seed: 42);
        var a = GaussianField.Generate(spec, Power).data<double>();
        var b = GaussianField.Generate(spec, Power).data<double>();
        var c = GaussianField.Generate(spec with { Seed = 43 }, Power).data<double>();
        Assert.True(MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan())));

        // Independent realisations: correlation coefficient ~ 1/√(independent modes) ≈ 0.01 here; 0.1 is far outside.
        double ab = 0, aa = 0, cc = 0;
        for (var i = 0; i < a.Length; i++) { ab += a[i] * c[i]; aa += a[i] * a[i]; cc += c[i] * c[i]; }
        var r = ab / Math.Sqrt(aa * cc);
        Assert.True(Math.Abs(r) < 0.1, $"seeds 42 and 43 are correlated: r = {r:G3}");
    }

    [Fact]
    public void Field_has_zero_mean_and_the_requested_shape_and_dtype()
    {
        using var scope = NewDisposeScope();
        var delta = GaussianField.Generate(N, L, Power, seed: 3);
        Assert.Equal([(long)N, N, N], delta.shape);
        Assert.Equal(float64, delta.dtype);
        var mean = delta.mean().item<double>();
        var std = delta.std().item<double>();
        Assert.True(Math.Abs(mean) < 1e-14 * std, $"DC mode is set to zero, so ⟨δ⟩ is rounding only; got {mean:G3} (σ = {std:G3})");
    }

    [Fact]
    public void Odd_grids_work_and_keep_the_input_power()
    {
        using var scope = NewDisposeScope();
        const int n = 15;
        var delta = GaussianField.Generate(n, L, Power, seed: 5, fixedAmplitude: true);
        var power = fft.rfftn(delta).abs().square().data<double>();
        var norm = Math.Pow(L, 3) / Math.Pow(n, 6);
        // Mode (1, 0, 0): flat index 1 in the [15, 15, 8] half-space.
        Assert.Equal(1.0, power[1] * norm / Power.P(2 * Math.PI / L), tolerance: 1e-10);
    }

    [Fact]
    public void Bad_inputs_are_refused_with_the_argument_named()
    {
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => GaussianField.Generate(1, L, Power, 0));
        Assert.Equal("GridSize", e1.ParamName);
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => GaussianField.Generate(N, -5, Power, 0));
        Assert.Equal("BoxSize", e2.ParamName);
        var e3 = Assert.Throws<ArgumentException>(() => GaussianField.Generate(N, L, new BrokenSpectrum(0.1), 0));
        Assert.Equal("power", e3.ParamName);
        Assert.Contains("NaN", e3.Message);
    }

    [Fact]
    public void On_a_gpu_the_same_seed_gives_the_cpu_field()
    {
        if (!cuda.is_available()) return; // checked on GPU machines; the CPU path is covered above
        using var scope = NewDisposeScope();
        var cpuField = GaussianField.Generate(N, L, Power, seed: 9);
        var gpuField = GaussianField.Generate(N, L, Power, seed: 9, device: CUDA);
        Assert.Equal(DeviceType.CUDA, gpuField.device.type);
        // Noise is drawn on the CPU either way; only the FFTs differ (cuFFT vs pocketfft), at float64 rounding.
        Assert.True(IcTestFields.MaxAbsDiff(gpuField.cpu(), cpuField) < 1e-12 * IcTestFields.MaxAbs(cpuField));
    }
}
