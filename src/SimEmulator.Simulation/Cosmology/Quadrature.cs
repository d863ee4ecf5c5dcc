namespace SimEmulator.Simulation.Cosmology;

/// <summary>Adaptive Gauss–Legendre quadrature: a panel is accepted when its 10- and 20-point rules agree.</summary>
internal static class Quadrature
{
    private static readonly (double[] X, double[] W) Rule10 = GaussLegendre(10);
    private static readonly (double[] X, double[] W) Rule20 = GaussLegendre(20);

    /// <summary>∫ f over the panels with the given edges, to about <paramref name="relTol"/> of ∫|f|.</summary>
    /// <param name="panels">Increasing panel edges; the integrand should be smooth (no kinks, at most one oscillation) inside each.</param>
    public static double Integrate(Func<double, double> f, ReadOnlySpan<double> panels, double relTol)
    {
        var count = panels.Length - 1;
        if (count < 1) return 0;
        // A first pass with the 20-point rule sets the scale against which each panel's error budget is measured.
        var first = new double[count];
        double total = 0, totalAbs = 0;
        for (var i = 0; i < count; i++)
        {
            first[i] = Apply(Rule20, f, panels[i], panels[i + 1]);
            total += first[i];
            totalAbs += Math.Abs(first[i]);
        }
        if (totalAbs == 0) return 0;
        var budget = relTol * totalAbs / count;
        double sum = 0;
        for (var i = 0; i < count; i++)
            sum += Refine(f, panels[i], panels[i + 1], first[i], budget, depth: 0);
        return sum;
    }

    /// <summary>Panel edges a = e_0 &lt; … &lt; e_n = b of equal width no larger than <paramref name="maxWidth"/>.</summary>
    public static double[] Uniform(double a, double b, double maxWidth)
    {
        var n = Math.Max(1, (int)Math.Ceiling((b - a) / maxWidth));
        var edges = new double[n + 1];
        for (var i = 0; i <= n; i++) edges[i] = a + (b - a) * i / n;
        edges[n] = b;
        return edges;
    }

    private static double Refine(Func<double, double> f, double a, double b, double fine, double tol, int depth)
    {
        var coarse = Apply(Rule10, f, a, b);
        if (Math.Abs(fine - coarse) <= tol || depth >= 40) return fine;
        var m = 0.5 * (a + b);
        return Refine(f, a, m, Apply(Rule20, f, a, m), 0.5 * tol, depth + 1)
             + Refine(f, m, b, Apply(Rule20, f, m, b), 0.5 * tol, depth + 1);
    }

    private static double Apply((double[] X, double[] W) rule, Func<double, double> f, double a, double b)
    {
        double half = 0.5 * (b - a), mid = 0.5 * (a + b), s = 0;
        for (var i = 0; i < rule.X.Length; i++) s += rule.W[i] * f(mid + half * rule.X[i]);
        return s * half;
    }

    /// <summary>Nodes and weights of the n-point Gauss–Legendre rule on [−1, 1] (Newton on P_n; exact to rounding).</summary>
    internal static (double[] X, double[] W) GaussLegendre(int n)
    {
        var x = new double[n];
        var w = new double[n];
        for (var i = 0; i < n; i++)
        {
            var z = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (var iter = 0; iter < 100; iter++)
            {
                double p0 = 1, p1 = z;
                for (var j = 2; j <= n; j++) (p0, p1) = (p1, ((2 * j - 1) * z * p1 - (j - 1) * p0) / j);
                dp = n * (z * p1 - p0) / (z * z - 1);
                var dz = p1 / dp;
                z -= dz;
                if (Math.Abs(dz) < 1e-16) break;
            }
            {
                double p0 = 1, p1 = z;
                for (var j = 2; j <= n; j++) (p0, p1) = (p1, ((2 * j - 1) * z * p1 - (j - 1) * p0) / j);
                dp = n * (z * p1 - p0) / (z * z - 1);
            }
            x[i] = z;
            w[i] = 2 / ((1 - z * z) * dp * dp);
        }
        return (x, w);
    }
}
