using DataCosmology = SimEmulator.Data.Layouts.Cosmology;

namespace SimEmulator.Simulation.Cosmology;

/// <summary>
/// Expansion and first- and second-order linear growth of a flat ΛCDM universe (Ω_Λ = 1 − Ω_m, radiation neglected),
/// from the growth ODEs integrated in ln a and interpolated to ~1e-10 relative.
/// </summary>
/// <remarks>
/// <para>E(a)² = Ω_m a⁻³ + Ω_Λ. Radiation is left out on purpose, as in FastPM and Gadget-type N-body codes, so that the
/// initial conditions and the PM solver share one background. Including it (Ω_r ≈ 9e-5 with massless neutrinos) would
/// raise E by ≈ Ω_r/(2Ω_m a): 0.7% at a = 0.02 (z = 49), 0.01% today.</para>
/// <para>With x = ln a and Ω_m(a) = Ω_m a⁻³/E², the growth equations read
/// D1″ + (2 + dlnE/dx) D1′ − (3/2)Ω_m(a) D1 = 0 and D2″ + (2 + dlnE/dx) D2′ − (3/2)Ω_m(a) D2 = −(3/2)Ω_m(a) D1²
/// (′ = d/dx); in a they are D″ + (3/a + E′/E) D′ − 3Ω_m/(2a⁵E²) D = source. They start in the growing mode
/// D1 = a, D2 = −(3/7)a² at a = 1e-5 (the Λ corrections there are ~Ω_Λ/Ω_m·a³ ≈ 1e-15), run with classical RK4 at
/// Δx = 1/512 to <see cref="MaxScaleFactor"/>, and are read back by cubic Hermite interpolation (values with their
/// x-derivatives, and x-derivatives with the second derivatives from the ODE): errors ~Δx⁴ ≈ 1e-11.</para>
/// <para>Sign convention (FastPM; Scoccimarro 1998; nbodykit's <c>MatterDominated</c>): D2 &lt; 0, D2 ≈ −(3/7)D1² in
/// matter domination, and the 2LPT displacement is x = q + D1 ψ1 + D2 ψ2 with ∇·ψ2 = ½Σ_{i≠j}(ψ1_{i,i}ψ1_{j,j} − ψ1_{i,j}ψ1_{j,i}).
/// D1 is normalised to D1(1) = 1 and D2 is the solution driven by that normalised D1, i.e. D2 = D2_raw/D1_raw(1)².</para>
/// <para>Below the first node (a &lt; 1e-5) the matter-dominated forms D1 ∝ a, D2 ∝ a² are returned.</para>
/// </remarks>
public sealed class LcdmGrowth : IGrowth
{
    private const double Step = 1.0 / 512;
    private const double FirstLnA = -5888 * Step; // ln a ≈ −11.5, a ≈ 1.0e-5; an integer number of steps so a = 1 is a node

    private readonly double _omegaL;
    private readonly double _x0;
    private readonly int _today;
    // Raw (unnormalised, D1 → a as a → 0) solution at the nodes: value, x-derivative, second x-derivative.
    private readonly double[] _d1, _d1x, _d1xx, _d2, _d2x, _d2xx;
    private readonly double _norm1, _norm2;

    /// <param name="omegaM">Ω_m today, in (0, 1]; Ω_Λ = 1 − Ω_m.</param>
    /// <param name="maxScaleFactor">The largest a the tables cover (default 10).</param>
    public LcdmGrowth(double omegaM, double maxScaleFactor = 10)
    {
        if (!(omegaM > 0 && omegaM <= 1))
            throw new ArgumentOutOfRangeException(nameof(omegaM), omegaM, "Ω_m must be in (0, 1] for a flat ΛCDM model");
        if (!(maxScaleFactor >= 1) || double.IsInfinity(maxScaleFactor))
            throw new ArgumentOutOfRangeException(nameof(maxScaleFactor), maxScaleFactor, "the growth tables must reach at least a = 1");
        OmegaM = omegaM;
        _omegaL = 1 - omegaM;
        _x0 = FirstLnA;
        _today = (int)Math.Round(-FirstLnA / Step);
        var nodes = (int)Math.Ceiling((Math.Log(maxScaleFactor) - FirstLnA) / Step) + 1;
        MaxScaleFactor = Math.Exp(_x0 + (nodes - 1) * Step);
        _d1 = new double[nodes];
        _d1x = new double[nodes];
        _d1xx = new double[nodes];
        _d2 = new double[nodes];
        _d2x = new double[nodes];
        _d2xx = new double[nodes];

        var a0 = Math.Exp(_x0);
        Span<double> y = [a0, a0, -3.0 / 7 * a0 * a0, -6.0 / 7 * a0 * a0];
        Span<double> k1 = stackalloc double[4], k2 = stackalloc double[4], k3 = stackalloc double[4], k4 = stackalloc double[4],
            tmp = stackalloc double[4];
        Store(0, y);
        for (var i = 1; i < nodes; i++)
        {
            var x = _x0 + (i - 1) * Step;
            Derivatives(x, y, k1);
            for (var j = 0; j < 4; j++) tmp[j] = y[j] + 0.5 * Step * k1[j];
            Derivatives(x + 0.5 * Step, tmp, k2);
            for (var j = 0; j < 4; j++) tmp[j] = y[j] + 0.5 * Step * k2[j];
            Derivatives(x + 0.5 * Step, tmp, k3);
            for (var j = 0; j < 4; j++) tmp[j] = y[j] + Step * k3[j];
            Derivatives(x + Step, tmp, k4);
            for (var j = 0; j < 4; j++) y[j] += Step / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
            Store(i, y);
        }
        _norm1 = 1 / _d1[_today];
        _norm2 = _norm1 * _norm1;
    }

    /// <param name="cosmology">Only Ω_m enters the background and the growth.</param>
    public LcdmGrowth(DataCosmology cosmology, double maxScaleFactor = 10)
        : this((cosmology ?? throw new ArgumentNullException(nameof(cosmology))).OmegaM, maxScaleFactor)
    {
    }

    /// <inheritdoc/>
    public double OmegaM { get; }

    /// <summary>Ω_Λ = 1 − Ω_m.</summary>
    public double OmegaLambda => _omegaL;

    /// <summary>The largest scale factor the growth tables cover.</summary>
    public double MaxScaleFactor { get; }

    /// <summary>
    /// D1(a = 1) with D1 normalised to a in matter domination: the growth suppression today relative to an Einstein–de
    /// Sitter universe (1 for Ω_m = 1, ≈ 0.78 for Ω_m ≈ 0.32).
    /// </summary>
    public double SuppressionToday => 1 / _norm1;

    /// <inheritdoc/>
    public double E(double a)
    {
        CheckPositive(a);
        return Math.Sqrt(OmegaM / (a * a * a) + _omegaL);
    }

    /// <inheritdoc/>
    public double DEda(double a) => -1.5 * OmegaM / (a * a * a * a * E(a));

    /// <summary>Ω_m(a) = Ω_m a⁻³ / E(a)².</summary>
    public double OmegaMAt(double a)
    {
        CheckPositive(a);
        return OmegaM / (OmegaM + _omegaL * a * a * a);
    }

    /// <summary>g(a) = D1(a)/a with D1 normalised to a in matter domination (1 at all a for Ω_m = 1).</summary>
    public double GrowthSuppression(double a) => Raw(a).D1 / a;

    /// <inheritdoc/>
    public double D1(double a) => Raw(a).D1 * _norm1;

    /// <inheritdoc/>
    public double D2(double a) => Raw(a).D2 * _norm2;

    /// <inheritdoc/>
    public double F1(double a)
    {
        var r = Raw(a);
        return r.D1x / r.D1;
    }

    /// <inheritdoc/>
    public double F2(double a)
    {
        var r = Raw(a);
        return r.D2x / r.D2;
    }

    /// <inheritdoc/>
    public double DD1da(double a) => Raw(a).D1x / a * _norm1;

    /// <inheritdoc/>
    public double DD2da(double a) => Raw(a).D2x / a * _norm2;

    /// <inheritdoc/>
    public double D2D1da2(double a)
    {
        var r = Raw(a);
        return (r.D1xx - r.D1x) / (a * a) * _norm1;
    }

    /// <inheritdoc/>
    public double D2D2da2(double a)
    {
        var r = Raw(a);
        return (r.D2xx - r.D2x) / (a * a) * _norm2;
    }

    /// <summary>The raw solution (D1 → a as a → 0) and its ln a-derivatives; the second derivatives come from the ODE.</summary>
    private (double D1, double D1x, double D1xx, double D2, double D2x, double D2xx) Raw(double a)
    {
        CheckPositive(a);
        if (a > MaxScaleFactor * (1 + 1e-12))
            throw new ArgumentOutOfRangeException(nameof(a), a, $"the growth tables end at a = {MaxScaleFactor:G6}; construct {nameof(LcdmGrowth)} with a larger maxScaleFactor");
        var x = Math.Log(a);
        double d1, d1x, d2, d2x;
        var u = (x - _x0) / Step;
        if (u <= 0)
        {
            // Matter domination: D1 = a, D2 = −(3/7)a² (Λ corrections ~a³ relative are below 1e-15 here).
            d1 = a;
            d1x = a;
            d2 = -3.0 / 7 * a * a;
            d2x = 2 * d2;
        }
        else
        {
            var i = Math.Min((int)u, _d1.Length - 2);
            var t = u - i;
            d1 = Hermite(_d1[i], _d1x[i], _d1[i + 1], _d1x[i + 1], t);
            d1x = Hermite(_d1x[i], _d1xx[i], _d1x[i + 1], _d1xx[i + 1], t);
            d2 = Hermite(_d2[i], _d2x[i], _d2[i + 1], _d2x[i + 1], t);
            d2x = Hermite(_d2x[i], _d2xx[i], _d2x[i + 1], _d2xx[i + 1], t);
        }
        var om = OmegaMAt(a);
        var friction = 2 - 1.5 * om;
        var d1xx = -friction * d1x + 1.5 * om * d1;
        var d2xx = -friction * d2x + 1.5 * om * (d2 - d1 * d1);
        return (d1, d1x, d1xx, d2, d2x, d2xx);
    }

    /// <summary>Cubic Hermite on a unit interval, with the end derivatives given per unit of x (scaled by the step).</summary>
    private static double Hermite(double y0, double dy0, double y1, double dy1, double t)
    {
        var t2 = t * t;
        var t3 = t2 * t;
        return (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * Step * dy0 + (-2 * t3 + 3 * t2) * y1 + (t3 - t2) * Step * dy1;
    }

    // y = (D1, dD1/dx, D2, dD2/dx) with x = ln a; dlnE/dx = −(3/2)Ω_m(a) for flat ΛCDM without radiation.
    private void Derivatives(double x, ReadOnlySpan<double> y, Span<double> dy)
    {
        var a3 = Math.Exp(3 * x);
        var om = OmegaM / (OmegaM + _omegaL * a3);
        var friction = 2 - 1.5 * om;
        dy[0] = y[1];
        dy[1] = -friction * y[1] + 1.5 * om * y[0];
        dy[2] = y[3];
        dy[3] = -friction * y[3] + 1.5 * om * (y[2] - y[0] * y[0]);
    }

    private void Store(int i, ReadOnlySpan<double> y)
    {
        Span<double> dy = stackalloc double[4];
        Derivatives(_x0 + i * Step, y, dy);
        _d1[i] = y[0];
        _d1x[i] = y[1];
        _d1xx[i] = dy[1];
        _d2[i] = y[2];
        _d2x[i] = y[3];
        _d2xx[i] = dy[3];
    }

    private static void CheckPositive(double a)
    {
        if (!(a > 0) || double.IsInfinity(a))
            throw new ArgumentOutOfRangeException(nameof(a), a, "the scale factor must be positive and finite");
    }
}
