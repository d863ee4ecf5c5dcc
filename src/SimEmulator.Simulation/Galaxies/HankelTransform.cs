namespace SimEmulator.Simulation.Galaxies;

/// <summary>
/// A radial integrand ∫ w(t) J0(k·r(t)) dt written in a variable t in which w is smooth (Sérsic cores: t = r^(1/n)).
/// </summary>
internal interface IRadialIntegrand
{
    /// <summary>f(r(t))·r(t)·dr/dt, normalised so that the k = 0 integral is 1.</summary>
    double Weight(double t);

    double R(double t);

    double T(double r);

    /// <summary>Above 0, the integrand is not analytic at t = 0 and the first panel is graded geometrically down to this width.</summary>
    double GradeDownTo { get; }
}

/// <summary>
/// Hankel transforms F(k) = ∫ f(r) J0(kr) r dr by Gauss–Legendre panels between the zeros of J0 (Longman's method):
/// exact summation when the profile ends within maxPanels panels, otherwise the alternating panel series is summed by
/// repeated averaging of its last 32 partial sums (Euler's transform), which converges geometrically once the envelope
/// is smooth (checked against closed forms and the Sérsic cusp series to 1e-10).
/// </summary>
internal static class HankelTransform
{
    private const int Averaged = 32;
    private static readonly double[] Nodes, Weights;

    static HankelTransform() => (Nodes, Weights) = GaussLegendre(16);

    public static double Integrate<T>(in T f, double k, double tEnd, double maxSegment, int maxPanels = 48) where T : struct, IRadialIntegrand
    {
        Span<double> sums = stackalloc double[Averaged];
        double s = 0, tPrev = 0;
        for (var j = 1; ; j++)
        {
            var t = k > 0 ? f.T(Bessel.J0Zero(j) / k) : double.PositiveInfinity;
            var last = !(t < tEnd);
            if (last) t = tEnd;
            s += j == 1 ? FirstPanel(f, k, t, maxSegment) : Panel(f, k, tPrev, t, maxSegment);
            if (last) return s;
            sums[(j - 1) % Averaged] = s;
            tPrev = t;
            if (j >= Math.Max(maxPanels, Averaged))
            {
                // The ring buffer holds partial sums j − 31 … j; unroll it oldest first and average repeatedly.
                Span<double> v = stackalloc double[Averaged];
                for (var i = 0; i < Averaged; i++) v[i] = sums[(j + i) % Averaged];
                for (var level = 1; level < Averaged; level++)
                    for (var i = 0; i < Averaged - level; i++)
                        v[i] = 0.5 * (v[i] + v[i + 1]);
                return v[0];
            }
        }
    }

    private static double FirstPanel<T>(in T f, double k, double t, double maxSegment) where T : struct, IRadialIntegrand
    {
        if (!(f.GradeDownTo > 0)) return Panel(f, k, 0, t, maxSegment);
        // Geometric grading toward t = 0 integrates the t^α factors of non-integer α to full precision.
        var top = Math.Min(t, maxSegment);
        double s = 0, b = top;
        while (b > f.GradeDownTo)
        {
            var a = 0.15 * b;
            s += Gauss(f, k, a, b);
            b = a;
        }
        return t > top ? s + Panel(f, k, top, t, maxSegment) : s;
    }

    private static double Panel<T>(in T f, double k, double a, double b, double maxSegment) where T : struct, IRadialIntegrand
    {
        var m = Math.Max(1, (int)Math.Ceiling((b - a) / maxSegment));
        var d = (b - a) / m;
        double s = 0;
        for (var i = 0; i < m; i++) s += Gauss(f, k, a + i * d, i == m - 1 ? b : a + (i + 1) * d);
        return s;
    }

    private static double Gauss<T>(in T f, double k, double a, double b) where T : struct, IRadialIntegrand
    {
        double c = 0.5 * (a + b), h = 0.5 * (b - a), s = 0;
        for (var i = 0; i < Nodes.Length; i++)
        {
            var t = c + h * Nodes[i];
            s += Weights[i] * f.Weight(t) * Bessel.J0(k * f.R(t));
        }
        return s * h;
    }

    /// <summary>Gauss–Legendre nodes and weights on [−1, 1] (Newton on the Legendre recurrence).</summary>
    internal static (double[] Nodes, double[] Weights) GaussLegendre(int n)
    {
        var x = new double[n];
        var w = new double[n];
        for (var i = 0; i < n; i++)
        {
            var z = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 1;
            for (var iter = 0; iter < 100; iter++)
            {
                double p1 = 1, p2 = 0;
                for (var j = 1; j <= n; j++)
                {
                    var p3 = p2;
                    p2 = p1;
                    p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
                }
                dp = n * (z * p1 - p2) / (z * z - 1);
                var z1 = z;
                z = z1 - p1 / dp;
                if (Math.Abs(z - z1) < 1e-15) break;
            }
            x[i] = z;
            w[i] = 2 / ((1 - z * z) * dp * dp);
        }
        return (x, w);
    }
}
