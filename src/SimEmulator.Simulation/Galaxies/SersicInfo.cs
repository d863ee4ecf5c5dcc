using System.Collections.Concurrent;
using MathNet.Numerics;

namespace SimEmulator.Simulation.Galaxies;

/// <summary>
/// What a Sérsic profile of index n needs, in units of its half-light radius: the exact b_n, the folding radius, and
/// its Fourier transform F(q), q = k·r_e, normalised to F(0) = 1 — tabulated once per n (cached) from the Hankel
/// integral in t = (r/r0)^(1/n), where the cusp is smooth, and for n &gt; 1 from the convergent series of the Hankel
/// transforms of the cusp expansion exp(−t) = Σ (−t)^m/m! wherever that series is well conditioned (large q).
/// </summary>
internal sealed class SersicInfo
{
    private const double QMin = 1e-4, QMax = 1e6, NodesPerDecade = 16, SmallestTabulated = 1e-12;
    private static readonly ConcurrentDictionary<double, SersicInfo> Cache = new();

    private readonly RadialFourierTable table;
    private readonly double tailSlope, meanRho2;

    public static SersicInfo For(double n)
    {
        if (Cache.TryGetValue(n, out var info)) return info;
        // Continuous n draws would grow the cache without bound; tables are cheap enough to rebuild.
        if (Cache.Count > 256) Cache.Clear();
        return Cache.GetOrAdd(n, static n => new SersicInfo(n));
    }

    private SersicInfo(double n)
    {
        N = n;
        B = SpecialFunctions.GammaLowerRegularizedInv(2 * n, 0.5);
        ReOverR0 = Math.Pow(B, n);
        LnGamma2n = SpecialFunctions.GammaLn(2 * n);
        // ⟨ρ²⟩ = Γ(4n)/(Γ(2n)·b^(2n)) in units of r_e: F ≈ 1 − q²⟨ρ²⟩/4 below the table.
        meanRho2 = Math.Exp(SpecialFunctions.GammaLn(4 * n) - LnGamma2n - 2 * n * Math.Log(B));
        tailSlope = -(2 + 1 / n);
        var series = n > 1 ? new CuspSeries(n) : null;
        var integrand = new Integrand(n, LnGamma2n);
        var tEnd = integrand.End();
        var maxSegment = 3.0;
        var dx = Math.Log(10) / NodesPerDecade;
        var count = (int)Math.Round(Math.Log(QMax / QMin) / dx) + 1;
        var values = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var k = QMin * Math.Exp(i * dx) / ReOverR0;
            var f = series is not null && series.TryEvaluate(k, out var s) ? s : HankelTransform.Integrate(integrand, k, tEnd, maxSegment);
            if (!(f >= SmallestTabulated) && i > 2) break;
            values.Add(f);
        }
        table = new RadialFourierTable(Math.Log(QMin), dx, values.ToArray(), logK: true, FourierScale.LogMinusLog);
    }

    public double N { get; }
    /// <summary>b_n with γ(2n, b_n) = Γ(2n)/2, so that r_e holds half the light.</summary>
    public double B { get; }
    public double ReOverR0 { get; }
    public double LnGamma2n { get; }

    /// <summary>F(q) with q = k·r_e, F(0) = 1.</summary>
    public double Fourier(double q)
    {
        if (q < table.KMin) return 1 - 0.25 * q * q * meanRho2;
        if (q <= table.KMax) return table.Evaluate(q);
        return table.Last * Math.Pow(q / table.KMax, tailSlope);
    }

    /// <summary>The q beyond which F stays below the threshold.</summary>
    public double MaxQ(double threshold)
    {
        if (table.Last >= threshold) return table.KMax * Math.Pow(threshold / table.Last, 1 / tailSlope);
        for (var i = table.Count - 1; i >= 0; i--)
            if (table.Node(i) >= threshold)
                return table.NodeK(Math.Min(i + 1, table.Count - 1));
        return table.KMin;
    }

    /// <summary>Radius (units of r_e) enclosing the fraction 1 − foldingThreshold of the light.</summary>
    public double FoldingRadius(double foldingThreshold) =>
        Math.Pow(SpecialFunctions.GammaLowerRegularizedInv(2 * N, 1 - foldingThreshold) / B, N);

    /// <summary>The gamma(2n) density in t = (r/r0)^(1/n) against J0(k·t^n), k in units of 1/r0.</summary>
    private readonly struct Integrand(double n, double lnGamma2n) : IRadialIntegrand
    {
        public double Weight(double t) => t > 0 ? Math.Exp((2 * n - 1) * Math.Log(t) - t - lnGamma2n) : (n == 0.5 ? 1 : 0);
        public double R(double t) => Math.Pow(t, n);
        public double T(double r) => Math.Pow(r, 1 / n);
        public double GradeDownTo => Math.Pow(1e-17, 1 / (2 * n));

        /// <summary>A t beyond the mode where the density has fallen below 1e-19.</summary>
        public double End()
        {
            var t = Math.Max(2 * n - 1, 1);
            while ((2 * n - 1) * Math.Log(t) - t - lnGamma2n > Math.Log(1e-19)) t += 1;
            return t;
        }
    }

    /// <summary>
    /// F(k) = Σ_m (−1)^m/m! · H[r^(m/n)](k) / (n·Γ(2n)) with H[r^a](k) = 2^(a+1) Γ(1 + a/2) / Γ(−a/2) · k^(−a−2):
    /// the Hankel transform term by term of the cusp expansion; it converges for n &gt; 1 but cancels badly at small k.
    /// </summary>
    private sealed class CuspSeries
    {
        private readonly double[] lnMagnitude, sign, power;

        public CuspSeries(double n)
        {
            var ln = new List<double>();
            var sg = new List<double>();
            var pw = new List<double>();
            var lnNorm = Math.Log(n) + SpecialFunctions.GammaLn(2 * n);
            for (var m = 1; m <= 600; m++)
            {
                var x = m / (2 * n);
                var s = Math.Sin(Math.PI * x);
                if (Math.Abs(s) < 1e-13) continue; // 1/Γ(−x) vanishes at integer x
                // 1/Γ(−x) = −sin(πx)·Γ(1 + x)/π
                ln.Add(Math.Log(Math.Abs(s)) + (2 * x + 1) * Math.Log(2) + 2 * SpecialFunctions.GammaLn(1 + x)
                       - SpecialFunctions.GammaLn(m + 1) - Math.Log(Math.PI) - lnNorm);
                sg.Add((m % 2 == 1 ? 1 : -1) * Math.Sign(s));
                pw.Add(2 * x + 2);
            }
            lnMagnitude = ln.ToArray();
            sign = sg.ToArray();
            power = pw.ToArray();
        }

        /// <summary>False when the terms cancel so much that fewer than ~12 digits would survive.</summary>
        public bool TryEvaluate(double k, out double value)
        {
            var lnK = Math.Log(k);
            double sum = 0, largest = 0;
            value = 0;
            for (var i = 0; i < lnMagnitude.Length; i++)
            {
                var lnTerm = lnMagnitude[i] - power[i] * lnK;
                if (lnTerm > 700) return false;
                var term = sign[i] * Math.Exp(lnTerm);
                sum += term;
                largest = Math.Max(largest, Math.Abs(term));
                if (i > 4 && Math.Abs(term) < 1e-17 * Math.Abs(sum)) break;
                if (i == lnMagnitude.Length - 1) return false;
            }
            if (!(largest < 1e4 * Math.Abs(sum))) return false;
            value = sum;
            return true;
        }
    }
}
