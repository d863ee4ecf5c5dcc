using System.Collections.Concurrent;
using MathNet.Numerics;

namespace SimEmulator.Simulation.Galaxies;

/// <summary>
/// The Fourier transform of a Moffat profile (1 + (r/r_d)²)^(−β), optionally truncated at r_t, in units of the scale
/// radius r_d and normalised to F(0) = 1: the closed form 2·(K/2)^(β−1)·K_(β−1)(K)/Γ(β−1) when untruncated, the Hankel
/// integral over [0, r_t] when truncated; tabulated once per (β, r_t/r_d).
/// </summary>
internal sealed class MoffatInfo
{
    private const double KMinTable = 1e-4, SmallestTabulated = 1e-12, TruncatedKMax = 40;
    private static readonly ConcurrentDictionary<(double, double), MoffatInfo> Cache = new();

    private readonly RadialFourierTable table;
    private readonly double meanR2;

    public static MoffatInfo For(double beta, double truncOverRd)
    {
        var key = (beta, truncOverRd);
        if (Cache.TryGetValue(key, out var info)) return info;
        if (Cache.Count > 64) Cache.Clear();
        return Cache.GetOrAdd(key, static k => new MoffatInfo(k.Item1, k.Item2));
    }

    private MoffatInfo(double beta, double truncOverRd)
    {
        Beta = beta;
        Trunc = truncOverRd;
        // ∫_0^R r (1 + r²)^(−β) dr, the light within R in units of 2π·I0·r_d².
        Norm = Trunc > 0 ? Enclosed(Trunc) : 1 / (2 * (beta - 1));
        meanR2 = Trunc > 0 ? SecondMomentTruncated() : beta > 2 ? 1 / (beta - 2) : double.NaN;
        if (Trunc > 0)
        {
            // Linear k grid. The truncation edge rings with period 2π/r_t in k and amplitude ~ r_t^½(1 + r_t²)^(−β)/norm at
            // K ~ 1: resolve the ringing where it is above the table's accuracy. The smooth part falls as e^(−K); beyond
            // K = 40 only the ringing is left. Every panel up to the edge is summed: nothing is extrapolated past it.
            var ringing = Math.Sqrt(Trunc) * Math.Pow(1 + Trunc * Trunc, -beta) / Norm;
            var dk = ringing > 1e-8 ? Math.Min(0.05, Math.PI / (8 * Trunc)) : 0.05;
            var integrand = new Integrand(beta, Norm);
            var count = (int)Math.Ceiling(TruncatedKMax / dk) + 1;
            var values = new double[count];
            var panels = (int)Math.Ceiling(TruncatedKMax * Trunc / Math.PI) + 2;
            for (var i = 0; i < count; i++) values[i] = HankelTransform.Integrate(integrand, i * dk, Trunc, 0.5, panels);
            table = new RadialFourierTable(0, dk, values, logK: false, FourierScale.Linear);
        }
        else
        {
            var dx = Math.Log(10) / 16;
            var values = new List<double>();
            for (var i = 0; ; i++)
            {
                var f = Untruncated(KMinTable * Math.Exp(i * dx));
                if (!(f >= SmallestTabulated) && i > 2) break;
                values.Add(f);
            }
            table = new RadialFourierTable(Math.Log(KMinTable), dx, values.ToArray(), logK: true, FourierScale.LogMinusLog);
        }
    }

    public double Beta { get; }
    /// <summary>Truncation radius in units of r_d; 0 when untruncated.</summary>
    public double Trunc { get; }
    /// <summary>∫_0^R r(1 + r²)^(−β) dr (R = r_t/r_d, or ∞).</summary>
    public double Norm { get; }

    /// <summary>F(K) with K = k·r_d, F(0) = 1.</summary>
    public double Fourier(double k)
    {
        if (Trunc > 0) return k <= table.KMax ? table.Evaluate(k) : 0;
        if (k < table.KMin) return double.IsNaN(meanR2) ? Untruncated(k) : 1 - 0.25 * k * k * meanR2;
        return k <= table.KMax ? table.Evaluate(k) : 0;
    }

    /// <summary>The K beyond which |F| stays below the threshold.</summary>
    public double MaxK(double threshold)
    {
        for (var i = table.Count - 1; i >= 0; i--)
            if (Math.Abs(table.Node(i)) >= threshold)
                return table.NodeK(Math.Min(i + 1, table.Count - 1));
        return table.KMin;
    }

    /// <summary>Radius (units of r_d) holding the fraction 1 − foldingThreshold of the (truncated) light.</summary>
    public double FoldingRadius(double foldingThreshold)
    {
        var target = (1 - foldingThreshold) * Norm;
        if (Math.Abs(Beta - 1) < 1e-12) return Math.Sqrt(Math.Exp(2 * target) - 1);
        // (1 − (1 + R²)^(1−β)) / (2(β − 1)) = target
        var x = 1 - 2 * (Beta - 1) * target;
        var r = Math.Sqrt(Math.Pow(x, 1 / (1 - Beta)) - 1);
        return Trunc > 0 ? Math.Min(r, Trunc) : r;
    }

    /// <summary>Half-light radius in units of r_d.</summary>
    public double HalfLightRadius() => FoldingRadius(0.5);

    private double Enclosed(double r) =>
        Math.Abs(Beta - 1) < 1e-12 ? 0.5 * Math.Log(1 + r * r) : (1 - Math.Pow(1 + r * r, 1 - Beta)) / (2 * (Beta - 1));

    private double Untruncated(double k) =>
        k == 0 ? 1 : 2 * Math.Pow(0.5 * k, Beta - 1) * SpecialFunctions.BesselK(Beta - 1, k) / SpecialFunctions.Gamma(Beta - 1);

    /// <summary>⟨r²⟩ of the truncated profile by Gauss–Legendre panels (it is smooth on [0, r_t]).</summary>
    private double SecondMomentTruncated()
    {
        var (x, w) = HankelTransform.GaussLegendre(16);
        var m = Math.Max(1, (int)Math.Ceiling(Trunc / 0.25));
        var h = Trunc / m;
        double s = 0;
        for (var j = 0; j < m; j++)
            for (var i = 0; i < x.Length; i++)
            {
                var r = (j + 0.5 * (x[i] + 1)) * h;
                s += w[i] * 0.5 * h * r * r * r * Math.Pow(1 + r * r, -Beta);
            }
        return s / Norm;
    }

    private readonly struct Integrand(double beta, double norm) : IRadialIntegrand
    {
        public double Weight(double t) => t * Math.Pow(1 + t * t, -beta) / norm;
        public double R(double t) => t;
        public double T(double r) => r;
        public double GradeDownTo => 0;
    }
}
