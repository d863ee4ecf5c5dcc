namespace SimEmulator.Simulation.Galaxies;

/// <summary>How a table stores F before splining.</summary>
internal enum FourierScale
{
    /// <summary>F itself: for transforms that change sign (truncated profiles ring).</summary>
    Linear,

    /// <summary>ln(−ln F), for 0 &lt; F &lt; 1: a straight line in ln k for a Gaussian (−ln F ∝ k²) and for every
    /// profile as k → 0, so the spline is accurate where F falls fastest.</summary>
    LogMinusLog,
}

/// <summary>
/// A natural cubic spline through F(k) of a radial profile on a uniform grid in ln k (or in k), of F or of ln(−ln F).
/// Outside its range the owner supplies the small-k and tail forms.
/// </summary>
internal sealed class RadialFourierTable
{
    private readonly double x0, dx;
    private readonly double[] y, y2;
    private readonly bool logK;
    private readonly FourierScale scale;

    public RadialFourierTable(double x0, double dx, double[] values, bool logK, FourierScale scale)
    {
        this.x0 = x0;
        this.dx = dx;
        this.logK = logK;
        this.scale = scale;
        if (scale == FourierScale.LogMinusLog && values.Any(v => !(v > 0 && v < 1)))
            throw new ArgumentException("ln(−ln F) needs 0 < F < 1 at every node", nameof(values));
        y = scale == FourierScale.LogMinusLog ? values.Select(v => Math.Log(-Math.Log(v))).ToArray() : (double[])values.Clone();
        y2 = NaturalSplineSecondDerivatives(y, dx);
        KMin = logK ? Math.Exp(x0) : x0;
        KMax = logK ? Math.Exp(x0 + dx * (values.Length - 1)) : x0 + dx * (values.Length - 1);
        First = values[0];
        Last = values[^1];
    }

    public double KMin { get; }
    public double KMax { get; }
    public double First { get; }
    public double Last { get; }
    public int Count => y.Length;

    /// <summary>F at the i-th node.</summary>
    public double Node(int i) => Unscale(y[i]);
    public double NodeK(int i) => logK ? Math.Exp(x0 + i * dx) : x0 + i * dx;

    /// <summary>F(k) for KMin ≤ k ≤ KMax.</summary>
    public double Evaluate(double k)
    {
        var u = ((logK ? Math.Log(k) : k) - x0) / dx;
        var i = Math.Clamp((int)u, 0, y.Length - 2);
        var b = u - i;
        var a = 1 - b;
        var v = a * y[i] + b * y[i + 1] + ((a * a * a - a) * y2[i] + (b * b * b - b) * y2[i + 1]) * (dx * dx / 6);
        return Unscale(v);
    }

    private double Unscale(double v) => scale == FourierScale.LogMinusLog ? Math.Exp(-Math.Exp(v)) : v;

    private static double[] NaturalSplineSecondDerivatives(double[] y, double h)
    {
        var n = y.Length;
        var y2 = new double[n];
        if (n < 3) return y2;
        // Tridiagonal system (h/6, 2h/3, h/6)·y2 = second differences / h, with y2 = 0 at both ends (Thomas algorithm).
        var c = new double[n];
        var d = new double[n];
        for (var i = 1; i < n - 1; i++)
        {
            var rhs = (y[i + 1] - 2 * y[i] + y[i - 1]) / h;
            var diag = 2 * h / 3 - (i > 1 ? h / 6 * c[i - 1] : 0);
            c[i] = h / 6 / diag;
            d[i] = (rhs - (i > 1 ? h / 6 * d[i - 1] : 0)) / diag;
        }
        for (var i = n - 2; i >= 1; i--) y2[i] = d[i] - c[i] * y2[i + 1];
        return y2;
    }
}
