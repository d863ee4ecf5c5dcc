using SimEmulator.Simulation.Cosmology;

namespace SimEmulator.Simulation.NBody;

/// <summary>
/// FastPM's kick and drift factors (Feng et al. 2016, arXiv:1603.00476, §2.2), built from the linear growth so that a
/// Zel'dovich flow is followed exactly by a kick–drift–kick step of any size.
/// </summary>
/// <remarks>
/// <para>Units (H0 = 1, lengths in Mpc/h): p = a³E(a)·dx/da = a²·dx/dt. With F = −∇Φ and ∇²Φ = (3/2)Ω_m δ the equation of
/// motion is dp/da = F/(a²E). Linear theory: x = q + D1(a)ψ, δ = −D1∇·ψ, so F(a) = (3/2)Ω_m D1(a)·ψ and
/// p(a) = G_f(a)·ψ with G_f = a³E D1′; the growth ODE reads g_f ≡ dG_f/da = (3/2)Ω_m D1/(a²E).</para>
/// <para>Drift from a_i to a_f with the momentum held at a_c: the exact change is Δx = [D1(a_f) − D1(a_i)]·ψ and
/// ψ = p(a_c)/G_f(a_c), so Δx = p·[D1(a_f) − D1(a_i)]/G_f(a_c).</para>
/// <para>Kick from a_i to a_f with the force evaluated at a_c: the exact change is Δp = [G_f(a_f) − G_f(a_i)]·ψ and
/// ψ = F(a_c)/((3/2)Ω_m D1(a_c)) = F(a_c)/(a_c²E(a_c)·g_f(a_c)), so Δp = F·[G_f(a_f) − G_f(a_i)]/(a_c²E(a_c)·g_f(a_c)).
/// The factor 1/(a_c²E) is the one FastPM's <c>fastpm_kick_factor</c> carries too; it is what turns F into dp/da.
/// g_f is taken from the growth derivatives, g_f = 3a²E D1′ + a³E′D1′ + a³E D1″, not from the ODE's right-hand side, so
/// the factors stay consistent with whatever <see cref="IGrowth"/> integrated.</para>
/// <para>The naive factors (∫da/(a³E) for the drift, ∫da/(a²E) for the kick) are exact only as the step goes to zero;
/// <see cref="NaiveKick"/> and <see cref="NaiveDrift"/> are here for comparison.</para>
/// </remarks>
public sealed class FastPmFactors
{
    private readonly IGrowth _growth;

    public FastPmFactors(IGrowth growth) => _growth = growth ?? throw new ArgumentNullException(nameof(growth));

    /// <summary>The growth history the factors are built from.</summary>
    public IGrowth Growth => _growth;

    /// <summary>G_f(a) = a³E(a)·dD1/da: the linear momentum per unit ψ.</summary>
    public double Gf(double a) => a * a * a * _growth.E(a) * _growth.DD1da(a);

    /// <summary>g_f(a) = dG_f/da = 3a²E D1′ + a³E′D1′ + a³E D1″.</summary>
    public double DGfda(double a)
    {
        double e = _growth.E(a), d1 = _growth.DD1da(a);
        return 3 * a * a * e * d1 + a * a * a * _growth.DEda(a) * d1 + a * a * a * e * _growth.D2D1da2(a);
    }

    /// <summary>Δx = p·Drift(a_i, a_c, a_f), momentum p held at a_c: [D1(a_f) − D1(a_i)]/G_f(a_c).</summary>
    public double Drift(double ai, double ac, double af) => (_growth.D1(af) - _growth.D1(ai)) / Gf(ac);

    /// <summary>Δp = F·Kick(a_i, a_c, a_f), force F = −∇Φ (∇²Φ = (3/2)Ω_m δ) taken at a_c: [G_f(a_f) − G_f(a_i)]/(a_c²E(a_c)·g_f(a_c)).</summary>
    public double Kick(double ai, double ac, double af) => (Gf(af) - Gf(ai)) / (ac * ac * _growth.E(ac) * DGfda(ac));

    /// <summary>The textbook kick ∫ da/(a²E) from a_i to a_f (Simpson, 64 panels), exact only for small steps.</summary>
    public double NaiveKick(double ai, double af) => Simpson(a => 1 / (a * a * _growth.E(a)), ai, af);

    /// <summary>The textbook drift ∫ da/(a³E) from a_i to a_f (Simpson, 64 panels), exact only for small steps.</summary>
    public double NaiveDrift(double ai, double af) => Simpson(a => 1 / (a * a * a * _growth.E(a)), ai, af);

    private static double Simpson(Func<double, double> f, double lo, double hi)
    {
        const int panels = 64;
        var h = (hi - lo) / panels;
        var s = f(lo) + f(hi);
        for (var i = 1; i < panels; i++) s += f(lo + i * h) * (i % 2 == 1 ? 4 : 2);
        return s * h / 3;
    }
}
