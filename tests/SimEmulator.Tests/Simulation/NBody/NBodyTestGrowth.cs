using SimEmulator.Simulation.Cosmology;

namespace SimEmulator.Tests.Simulation.NBody;

/// <summary>
/// Flat ΛCDM growth without radiation, from Heath's integral D ∝ E(a)·∫₀^a da′/(a′E)³ (exact for this background),
/// normalised to D1(1) = 1; D1″ from the growth ODE. D2 is the matter-era approximation −3/7·D1² (the PM solver never
/// reads it). A test stand-in for the cosmology module's solver, accurate to ~1e-14.
/// </summary>
internal sealed class LcdmTestGrowth : IGrowth
{
    private static readonly (double x, double w)[] Gauss = GaussLegendre(48);
    private readonly double _norm;

    public LcdmTestGrowth(double omegaM)
    {
        OmegaM = omegaM;
        _norm = 1 / Unnormalised(1);
    }

    public double OmegaM { get; }
    private double OmegaL => 1 - OmegaM;

    public double E(double a) => Math.Sqrt(OmegaM / (a * a * a) + OmegaL);
    public double DEda(double a) => -1.5 * OmegaM / (a * a * a * a * E(a));
    public double D1(double a) => _norm * Unnormalised(a);
    public double DD1da(double a)
    {
        var e = E(a);
        var ae = a * e;
        return _norm * 2.5 * OmegaM * (DEda(a) * Integral(a) + e / (ae * ae * ae));
    }
    public double D2D1da2(double a)
    {
        var e = E(a);
        return 1.5 * OmegaM * D1(a) / (Math.Pow(a, 5) * e * e) - (3 / a + DEda(a) / e) * DD1da(a);
    }
    public double D2(double a) => -3.0 / 7.0 * D1(a) * D1(a);
    public double DD2da(double a) => -6.0 / 7.0 * D1(a) * DD1da(a);
    public double D2D2da2(double a) => -6.0 / 7.0 * (DD1da(a) * DD1da(a) + D1(a) * D2D1da2(a));
    public double F1(double a) => a * DD1da(a) / D1(a);
    public double F2(double a) => a * DD2da(a) / D2(a);

    private double Unnormalised(double a) => 2.5 * OmegaM * E(a) * Integral(a);

    // ∫₀^a da′/(a′E)³ with a′ = t²: 2t⁴/(Ω_m + Ω_Λ t⁶)^{3/2} dt is smooth on [0, √a].
    private double Integral(double a)
    {
        var top = Math.Sqrt(a);
        double s = 0;
        foreach (var (x, w) in Gauss)
        {
            var t = 0.5 * top * (x + 1);
            var t4 = t * t * t * t;
            s += w * 2 * t4 / Math.Pow(OmegaM + OmegaL * t4 * t * t, 1.5);
        }
        return 0.5 * top * s;
    }

    private static (double, double)[] GaussLegendre(int n)
    {
        var r = new (double, double)[n];
        for (var i = 0; i < n; i++)
        {
            var x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (var iter = 0; iter < 100; iter++)
            {
                double p0 = 1, p1 = x;
                for (var k = 2; k <= n; k++) (p0, p1) = (p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k);
                dp = n * (x * p1 - p0) / (x * x - 1);
                var dx = p1 / dp;
                x -= dx;
                if (Math.Abs(dx) < 1e-16) break;
            }
            r[i] = (x, 2 / ((1 - x * x) * dp * dp));
        }
        return r;
    }
}
