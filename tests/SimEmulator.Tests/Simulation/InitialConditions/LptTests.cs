using SimEmulator.Simulation.InitialConditions;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Simulation.InitialConditions;

public sealed class LptTests
{
    private const int N = 32;
    private const double L = 100;
    private static readonly double KF = 2 * Math.PI / L;

    [Fact]
    public void Zeldovich_displacement_of_a_plane_wave_is_the_analytic_sinusoid()
    {
        using var scope = NewDisposeScope();
        // δ_L = A cos(k·q), oblique k = k_F(1, 2, 3). ψ1 = −∇∇⁻²δ_L: ∇⁻² cos = −cos/k², ∇ cos = −k sin, so
        // ψ1 = −A k sin(k·q)/k² (amplitude A/|k| along k̂, pointing towards the crests).
        const double amp = 0.7;
        int[] n = [1, 2, 3];
        var k2 = KF * KF * (1 + 4 + 9);
        using var psi = Lpt.Displacements(IcTestFields.PlaneWaves(N, L, (1, 2, 3, amp)), L, LptOrder.First);
        Assert.Null(psi.Psi2);
        Assert.Equal([3L, N, N, N], psi.Psi1.shape);
        var got = psi.Psi1.data<double>();
        var worst = 0.0;
        for (var d = 0; d < 3; d++)
            for (var i = 0; i < N; i++)
                for (var j = 0; j < N; j++)
                    for (var k = 0; k < N; k++)
                    {
                        var phase = IcTestFields.Phase(1, 2, 3, i * L / N, j * L / N, k * L / N, L);
                        var expected = -amp * n[d] * KF * Math.Sin(phase) / k2;
                        worst = Math.Max(worst, Math.Abs(got[((d * N + i) * N + j) * N + k] - expected));
                    }
        Assert.True(worst < 1e-12 * amp / Math.Sqrt(k2), $"max |ψ1 − analytic| = {worst:G3} Mpc/h");
    }

    [Fact]
    public void Minus_divergence_of_psi1_recovers_the_linear_field()
    {
        using var scope = NewDisposeScope();
        var delta = GaussianField.Generate(N, L, new PowerLawSpectrum(500, -1, 1.0), seed: 21);
        using var psi = Lpt.Displacements(delta, L, LptOrder.First);
        // Spectral check per mode: −i k·ψ1_k = δ_k wherever no component of n is the Nyquist N/2 (there the odd
        // derivative is zero by construction, see FourierGrid).
        var div = fft.rfftn(IcTestFields.MinusDivergence(psi.Psi1, L));
        var dk = fft.rfftn(delta);
        var diff = (div - dk).abs().data<double>();
        var scale = IcTestFields.MaxAbs(dk);
        var worst = 0.0;
        for (var i = 0; i < N; i++)
            for (var j = 0; j < N; j++)
                for (var l = 0; l <= N / 2; l++)
                {
                    if (i == N / 2 || j == N / 2 || l == N / 2) continue;
                    worst = Math.Max(worst, diff[(i * N + j) * (N / 2 + 1) + l]);
                }
        Assert.True(worst < 1e-12 * scale, $"max |−ik·ψ1_k − δ_k| = {worst:G3}, max |δ_k| = {scale:G3}");
    }

    [Fact]
    public void Second_order_displacement_vanishes_for_a_single_plane_wave()
    {
        using var scope = NewDisposeScope();
        // For δ_L = A cos(k·q), ψ1_{i,j} = −A k̂_i k̂_j cos(k·q) is rank one, so S = ½[(tr ψ1,)² − tr(ψ1,²)] = 0:
        // the Zel'dovich solution is exact for 1-D (planar) collapse, and ψ2 must vanish for any direction k̂.
        const double amp = 2.0;
        using var psi = Lpt.Displacements(IcTestFields.PlaneWaves(N, L, (1, 2, 3, amp)), L, LptOrder.Second);
        Assert.NotNull(psi.Psi2);
        var scale = amp * amp / (KF * Math.Sqrt(14)); // the size ψ2 would have without the cancellation
        var max = IcTestFields.MaxAbs(psi.Psi2!);
        Assert.True(max < 1e-12 * scale, $"max |ψ2| = {max:G3} Mpc/h for a plane wave");
    }

    [Fact]
    public void Second_order_displacement_of_two_perpendicular_waves_matches_the_analytic_solution()
    {
        using var scope = NewDisposeScope();
        // δ_L = A cos(k1 x) + B cos(k2 y). Derivation: φ1 = ∇⁻²δ_L = −A cos(k1x)/k1² − B cos(k2y)/k2², so
        // ψ1 = −∇φ1 = (−A sin(k1x)/k1, −B sin(k2y)/k2, 0); ψ1_{x,x} = −A cos(k1x), ψ1_{y,y} = −B cos(k2y), all other
        // ψ1_{i,j} = 0. S = ψ1_{x,x}ψ1_{y,y} = AB cos(k1x)cos(k2y), an eigenfunction of ∇² with eigenvalue −(k1²+k2²);
        // ψ2 = ∇∇⁻²S = AB/(k1²+k2²)·(k1 sin(k1x)cos(k2y), k2 cos(k1x)sin(k2y), 0).
        const double a = 0.8, b = 1.3;
        double k1 = 2 * KF, k2 = 3 * KF;
        using var psi = Lpt.Displacements(IcTestFields.PlaneWaves(N, L, (2, 0, 0, a), (0, 3, 0, b)), L, LptOrder.Second);
        var psi1 = psi.Psi1.data<double>();
        var psi2 = psi.Psi2!.data<double>();
        var c = a * b / (k1 * k1 + k2 * k2);
        double worst1 = 0, worst2 = 0;
        for (var i = 0; i < N; i++)
            for (var j = 0; j < N; j++)
                for (var k = 0; k < N; k++)
                {
                    double x = i * L / N, y = j * L / N;
                    double[] e1 = [-a * Math.Sin(k1 * x) / k1, -b * Math.Sin(k2 * y) / k2, 0];
                    double[] e2 = [c * k1 * Math.Sin(k1 * x) * Math.Cos(k2 * y), c * k2 * Math.Cos(k1 * x) * Math.Sin(k2 * y), 0];
                    for (var d = 0; d < 3; d++)
                    {
                        var at = ((d * N + i) * N + j) * N + k;
                        worst1 = Math.Max(worst1, Math.Abs(psi1[at] - e1[d]));
                        worst2 = Math.Max(worst2, Math.Abs(psi2[at] - e2[d]));
                    }
                }
        Assert.True(worst1 < 1e-12 * a / k1, $"max |ψ1 − analytic| = {worst1:G3}");
        Assert.True(worst2 < 1e-12 * c * k2, $"max |ψ2 − analytic| = {worst2:G3}");
    }

    [Theory]
    [InlineData(LptOrder.First, 0.5)]            // Zel'dovich: F2 = ½[1 + μ(k1/k2 + k2/k1) + μ²] = ½ for μ = 0
    [InlineData(LptOrder.Second, 5.0 / 7.0)]     // 2LPT reproduces SPT: F2 = 5/7 + ½μ(k1/k2 + k2/k1) + 2/7·μ² = 5/7
    public void Particle_density_at_second_order_has_the_perturbation_theory_kernel(LptOrder order, double f2)
    {
        // An independent check of the 2LPT sign (a flipped ψ2 would give F2 = ½ − 3/14 = 2/7). The Eulerian density
        // of the particles is exact as a direct sum, δ(k) = (1/Np)·Σ_p exp(−i k·x_p) for k ≠ 0 — no mass assignment.
        // For δ_L = A cos(k1·q) + B cos(k2·q), k1 ⊥ k2, perturbation theory gives δ(k1+k2) = D1²·F2(k1,k2)·AB/2 + O(D1⁴)
        // (Bernardeau et al. 2002, eq. 45; the O(D1³) term vanishes since three of ±k1, ±k2 cannot sum to k1+k2).
        const int n = 16;
        const double amp1 = 1.0, amp2 = 0.6, scale = 1e-3; // EdS: D1 = a = 1e-3, so k·Ψ ~ 1e-3
        using var scope = NewDisposeScope();
        var delta = IcTestFields.PlaneWaves(n, L, (2, 0, 0, amp1), (0, 1, 1, amp2));
        using var particles = Lpt.Particles(delta, L, new EdsGrowth(), scale, order);
        var x = particles.X.data<double>();
        double re = 0, im = 0;
        for (var p = 0; p < x.Length / 3; p++)
        {
            var phase = IcTestFields.Phase(2, 1, 1, x[3 * p], x[3 * p + 1], x[3 * p + 2], L);
            re += Math.Cos(phase);
            im -= Math.Sin(phase);
        }
        var count = x.Length / 3;
        var measured = re / count / (scale * scale);
        Assert.Equal(f2 * amp1 * amp2 / 2, measured, tolerance: 1e-6); // O(D1²) relative corrections ~ 1e-6 of ~0.2
        Assert.True(Math.Abs(im / count) < 1e-12, $"δ(k1+k2) must be real for cosine waves, Im = {im / count:G3}");
    }

    [Fact]
    public void Zeldovich_particles_sit_at_q_plus_D1_psi1_with_momentum_a2_E_f1_D1_psi1()
    {
        using var scope = NewDisposeScope();
        // EdS: D1 = a, E = a^−3/2, f1 = 1, so x − q = a·ψ1 and p = a²·a^−3/2·a·ψ1 = a^{3/2}ψ1, with ψ1 the analytic
        // plane-wave displacement −A k sin(k·q)/k². Particle ((i·N)+j)·N+k starts at q = (i,j,k)·L/N; k = k_F(1,2,3)
        // makes every axis distinguishable, so the index order is checked too.
        const double a = 0.3, amp = 0.9;
        int[] n = [1, 2, 3];
        var k2 = KF * KF * 14;
        using var particles = Lpt.Zeldovich(IcTestFields.PlaneWaves(N, L, (1, 2, 3, amp)), L, new EdsGrowth(), a);
        Assert.Equal([(long)N * N * N, 3], particles.X.shape);
        Assert.Equal([(long)N * N * N, 3], particles.P.shape);
        Assert.Equal(float64, particles.X.dtype);
        Assert.Equal((a, L, N), (particles.A, particles.BoxSize, particles.N));
        var s = IcTestFields.Displacements(particles);
        var p = particles.P.data<double>();
        double worstX = 0, worstP = 0;
        for (var i = 0; i < N; i++)
            for (var j = 0; j < N; j++)
                for (var k = 0; k < N; k++)
                {
                    var idx = (i * N + j) * N + k;
                    var phase = IcTestFields.Phase(1, 2, 3, i * L / N, j * L / N, k * L / N, L);
                    for (var d = 0; d < 3; d++)
                    {
                        var psi1 = -amp * n[d] * KF * Math.Sin(phase) / k2;
                        worstX = Math.Max(worstX, Math.Abs(s[3 * idx + d] - a * psi1));
                        worstP = Math.Max(worstP, Math.Abs(p[3 * idx + d] - Math.Pow(a, 1.5) * psi1));
                    }
                }
        var psiScale = amp / Math.Sqrt(k2);
        Assert.True(worstX < 1e-12 * L, $"max |x − q − D1ψ1| = {worstX:G3} Mpc/h"); // positions carry L-sized rounding
        Assert.True(worstP < 1e-12 * psiScale, $"max |p − a²E f1 D1 ψ1| = {worstP:G3}");
    }

    [Fact]
    public void Second_order_momenta_are_a2_E_times_f1_D1_psi1_plus_f2_D2_psi2()
    {
        using var scope = NewDisposeScope();
        // EdS: D2 = −3/7 a², f2 = 2, so x − q = aψ1 − (3/7)a²ψ2 and p = a^{1/2}(aψ1 − (6/7)a²ψ2), with ψ1, ψ2 the analytic
        // two-wave solutions derived in Second_order_displacement_of_two_perpendicular_waves_matches_the_analytic_solution.
        const double a = 0.5, ampA = 0.8, ampB = 1.3;
        double k1 = 2 * KF, k2 = 3 * KF;
        var c = ampA * ampB / (k1 * k1 + k2 * k2);
        using var particles = Lpt.SecondOrder(IcTestFields.PlaneWaves(N, L, (2, 0, 0, ampA), (0, 3, 0, ampB)), L, new EdsGrowth(), a);
        var s = IcTestFields.Displacements(particles);
        var p = particles.P.data<double>();
        double worstX = 0, worstP = 0;
        for (var i = 0; i < N; i++)
            for (var j = 0; j < N; j++)
                for (var k = 0; k < N; k++)
                {
                    var idx = (i * N + j) * N + k;
                    double x = i * L / N, y = j * L / N;
                    double[] e1 = [-ampA * Math.Sin(k1 * x) / k1, -ampB * Math.Sin(k2 * y) / k2, 0];
                    double[] e2 = [c * k1 * Math.Sin(k1 * x) * Math.Cos(k2 * y), c * k2 * Math.Cos(k1 * x) * Math.Sin(k2 * y), 0];
                    for (var d = 0; d < 3; d++)
                    {
                        worstX = Math.Max(worstX, Math.Abs(s[3 * idx + d] - (a * e1[d] - 3.0 / 7 * a * a * e2[d])));
                        worstP = Math.Max(worstP, Math.Abs(p[3 * idx + d] - Math.Sqrt(a) * (a * e1[d] - 6.0 / 7 * a * a * e2[d])));
                    }
                }
        Assert.True(worstX < 1e-12 * L, $"max |x − q − D1ψ1 − D2ψ2| = {worstX:G3} Mpc/h");
        Assert.True(worstP < 1e-12 * ampB / k1, $"max |p − a²E(f1D1ψ1 + f2D2ψ2)| = {worstP:G3}");
    }

    [Fact]
    public void Positions_are_wrapped_into_the_box_even_for_displacements_larger_than_it()
    {
        using var scope = NewDisposeScope();
        // ψ1 amplitude A/k = 4/k_F ≈ 0.64 L: particles are carried across the faces.
        using var particles = Lpt.Zeldovich(IcTestFields.PlaneWaves(N, L, (1, 0, 0, 4.0), (0, 0, 1, -4.0)), L, new EdsGrowth(), 1.0);
        var x = particles.X.data<double>();
        Assert.All(x, v => Assert.True(v >= 0 && v < L, $"position {v:R} outside [0, {L})"));
        // ...and the wrapped positions are still q + ψ1 modulo L.
        var s = IcTestFields.Displacements(particles);
        var i = 5;
        var expected = -4.0 * Math.Sin(KF * i * L / N) / KF;
        var wrapped = expected - L * Math.Round(expected / L);
        Assert.Equal(wrapped, s[3 * ((i * N + 0) * N + 0)], tolerance: 1e-9);
    }

    [Fact]
    public void Single_precision_input_gives_the_same_double_precision_particles()
    {
        using var scope = NewDisposeScope();
        var delta = GaussianField.Generate(N, L, new PowerLawSpectrum(500, -1, 1.0), seed: 4);
        var single = delta.to(float32);
        using var fromDouble = Lpt.SecondOrder(single.to(float64), L, new EdsGrowth(), 0.1);
        using var fromSingle = Lpt.SecondOrder(single, L, new EdsGrowth(), 0.1);
        Assert.Equal(float64, fromSingle.X.dtype);
        Assert.Equal(0.0, IcTestFields.MaxAbsDiff(fromSingle.X, fromDouble.X));
        Assert.Equal(0.0, IcTestFields.MaxAbsDiff(fromSingle.P, fromDouble.P));
    }

    [Fact]
    public void Bad_inputs_are_refused_with_the_argument_named()
    {
        using var scope = NewDisposeScope();
        var growth = new EdsGrowth();
        var e1 = Assert.Throws<ArgumentException>(() => Lpt.Zeldovich(zeros([8, 8, 4], float64), L, growth, 0.1));
        Assert.Equal("deltaLinear", e1.ParamName);
        Assert.Contains("[8, 8, 4]", e1.Message);
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => Lpt.Zeldovich(zeros([8, 8, 8], float64), 0, growth, 0.1));
        Assert.Equal("boxSize", e2.ParamName);
        var e3 = Assert.Throws<ArgumentOutOfRangeException>(() => Lpt.SecondOrder(zeros([8, 8, 8], float64), L, growth, -1));
        Assert.Equal("a", e3.ParamName);
        var e4 = Assert.Throws<ArgumentException>(() => Lpt.Zeldovich(zeros([8, 8, 8], int64), L, growth, 0.1));
        Assert.Contains("int64", e4.Message);
    }

    [Fact]
    public void On_a_gpu_the_particles_match_the_cpu_ones()
    {
        if (!cuda.is_available()) return; // checked on GPU machines; the CPU path is covered above
        using var scope = NewDisposeScope();
        var delta = GaussianField.Generate(N, L, new PowerLawSpectrum(500, -1, 1.0), seed: 8);
        using var cpuState = Lpt.SecondOrder(delta, L, new EdsGrowth(), 0.1);
        using var gpuState = Lpt.SecondOrder(delta.to(CUDA), L, new EdsGrowth(), 0.1);
        Assert.Equal(DeviceType.CUDA, gpuState.X.device.type);
        Assert.Equal(DeviceType.CUDA, gpuState.P.device.type);
        var scale = IcTestFields.MaxAbs(cpuState.P);
        Assert.True(IcTestFields.MaxAbsDiff(gpuState.P.cpu(), cpuState.P) < 1e-12 * scale);
        // Positions agree to rounding except where a particle sits within rounding of a face (x ≈ 0 vs x ≈ L).
        var dx = (gpuState.X.cpu() - cpuState.X).abs();
        var near = torch.minimum(dx, (dx - L).abs());
        Assert.True(IcTestFields.MaxAbs(near) < 1e-12 * L);
    }
}
