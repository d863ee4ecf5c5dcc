using SimEmulator.Simulation.Cosmology;
using SimEmulator.Simulation.NBody;

namespace SimEmulator.Tests.Simulation.NBody;

public sealed class FastPmFactorsTests
{
    // A plane-parallel sheet displaced by s = x − q feels F = (3/2)Ω_m·s exactly (Gauss's law in 1-D, before shell
    // crossing), so the Zel'dovich solution x = q + D1(a)ψ, p = a³E D1′·ψ is the exact orbit. One KDK step from a_i to
    // a_f with force F(x) must land on it.
    private static (double x, double p) OneKdkStep(IGrowth growth, double ai, double af, Func<double, double, double, double> kick,
        Func<double, double, double, double> drift, double q, double psi)
    {
        var f = new FastPmFactors(growth);
        double Force(double x) => 1.5 * growth.OmegaM * (x - q);
        var ah = 0.5 * (ai + af);
        var x = q + growth.D1(ai) * psi;
        var p = f.Gf(ai) * psi;
        p += Force(x) * kick(ai, ai, ah);
        x += p * drift(ai, ah, af);
        p += Force(x) * kick(ah, af, af);
        return (x, p);
    }

    public static TheoryData<string> Growths => new() { "eds", "lcdm" };

    private static IGrowth Make(string name) => name == "eds" ? new EdsGrowth() : new LcdmTestGrowth(0.3);

    [Theory]
    [MemberData(nameof(Growths))]
    public void One_large_step_with_FastPM_factors_reproduces_the_linear_solution_exactly(string growthName)
    {
        var growth = Make(growthName);
        var f = new FastPmFactors(growth);
        const double q = 10, psi = 1.7, ai = 0.1, af = 1.0;
        var (x, p) = OneKdkStep(growth, ai, af, f.Kick, f.Drift, q, psi);
        // Expected: the Zel'dovich orbit at a_f (analytic for EdS: x = q + ψ, p = a^1.5 ψ = ψ).
        var xExact = q + growth.D1(af) * psi;
        var pExact = f.Gf(af) * psi;
        Assert.True(Math.Abs(x - xExact) < 1e-10 * Math.Abs(xExact), $"x = {x:R}, exact {xExact:R}");
        Assert.True(Math.Abs(p - pExact) < 1e-10 * Math.Abs(pExact), $"p = {p:R}, exact {pExact:R}");
    }

    [Fact]
    public void One_large_step_with_naive_integral_factors_misses_the_linear_solution()
    {
        // Same orbit with the textbook factors ∫da/(a²E) (kick) and ∫da/(a³E) (drift): they assume the force and the
        // momentum constant across the step, which a growing mode is not. EdS, a = 0.1 → 1.
        var growth = new EdsGrowth();
        var f = new FastPmFactors(growth);
        const double q = 10, psi = 1.7, ai = 0.1, af = 1.0;
        var (x, p) = OneKdkStep(growth, ai, af, (a0, _, a1) => f.NaiveKick(a0, a1), (a0, _, a1) => f.NaiveDrift(a0, a1), q, psi);
        var dispError = Math.Abs((x - q) / (growth.D1(af) * psi) - 1);
        var momError = Math.Abs(p / (f.Gf(af) * psi) - 1);
        // Measured: the displacement is ~40% off and the momentum ~60% off (the expectation is only "≫ 1e-10").
        Assert.True(dispError > 0.05, $"naive displacement error {dispError:E2}");
        Assert.True(momError > 0.05, $"naive momentum error {momError:E2}");
    }

    [Theory]
    [MemberData(nameof(Growths))]
    public void Factors_equal_direct_integrals_of_the_linear_equations_of_motion(string growthName)
    {
        var growth = Make(growthName);
        var f = new FastPmFactors(growth);
        (double ai, double ac, double af)[] cases = [(0.05, 0.05, 0.3), (0.3, 0.55, 0.8), (0.8, 1.0, 1.0), (0.02, 0.021, 0.022)];
        foreach (var (ai, ac, af) in cases)
        {
            // Linear theory: ψ = F(a_c)/((3/2)Ω_m D1(a_c)) and dp/da = (3/2)Ω_m D1 ψ/(a²E) → Δp/ψ = ∫ (3/2)Ω_m D1/(a²E) da.
            var kickExpected = Simpson(a => 1.5 * growth.OmegaM * growth.D1(a) / (a * a * growth.E(a)), ai, af);
            var kick = f.Kick(ai, ac, af) * 1.5 * growth.OmegaM * growth.D1(ac);
            Assert.True(Math.Abs(kick / kickExpected - 1) < 1e-9, $"kick {kick:R} vs ∫ {kickExpected:R} on ({ai}, {ac}, {af})");
            // ψ = p(a_c)/G_f(a_c) and dx/da = p/(a³E) = G_f ψ/(a³E) → Δx/ψ = ∫ G_f/(a³E) da.
            var driftExpected = Simpson(a => f.Gf(a) / (a * a * a * growth.E(a)), ai, af);
            var drift = f.Drift(ai, ac, af) * f.Gf(ac);
            Assert.True(Math.Abs(drift / driftExpected - 1) < 1e-9, $"drift {drift:R} vs ∫ {driftExpected:R} on ({ai}, {ac}, {af})");
        }
    }

    [Fact]
    public void Factors_tend_to_the_naive_integrals_for_small_steps()
    {
        // For h → 0 both are ∫ over the step with the integrand frozen at a_c: they agree to O(h).
        var growth = new LcdmTestGrowth(0.3);
        var f = new FastPmFactors(growth);
        const double a = 0.5, h = 1e-4;
        Assert.Equal(1.0, f.Kick(a, a + h / 2, a + h) / f.NaiveKick(a, a + h), 6);
        Assert.Equal(1.0, f.Drift(a, a + h / 2, a + h) / f.NaiveDrift(a, a + h), 6);
    }

    [Fact]
    public void Eds_factors_match_their_closed_forms()
    {
        // EdS: G_f = a^{3/2}, g_f = (3/2)a^{1/2}, a²E = a^{1/2}: Kick = (a_f^{3/2} − a_i^{3/2})/((3/2)a_c),
        // Drift = (a_f − a_i)/a_c^{3/2}.
        var f = new FastPmFactors(new EdsGrowth());
        const double ai = 0.2, ac = 0.35, af = 0.6;
        Assert.Equal((Math.Pow(af, 1.5) - Math.Pow(ai, 1.5)) / (1.5 * ac), f.Kick(ai, ac, af), 14);
        Assert.Equal((af - ai) / Math.Pow(ac, 1.5), f.Drift(ai, ac, af), 14);
    }

    private static double Simpson(Func<double, double> g, double lo, double hi, int panels = 2000)
    {
        var h = (hi - lo) / panels;
        var s = g(lo) + g(hi);
        for (var i = 1; i < panels; i++) s += g(lo + i * h) * (i % 2 == 1 ? 4 : 2);
        return s * h / 3;
    }
}
