using MathNet.Numerics;

namespace SimEmulator.Validation.Ensembles;

/// <summary>
/// Nonparametric comparisons of two 1D samples (e.g. ln L of simulations vs observations, or one P(k) bin of two
/// ensembles) that reproduce scipy.stats: <c>ks_2samp</c>, <c>anderson_ksamp</c> and <c>wasserstein_distance</c>.
/// </summary>
public static class TwoSampleTests
{
    /// <summary>
    /// Two-sided two-sample KS test, as scipy.stats.ks_2samp(x, y, method='exact') (scipy 1.10): D = max |F_x − F_y| over
    /// the pooled values (right-continuous ECDFs, so ties are handled), rounded to h/lcm(n_x, n_y), with the exact null
    /// probability P(D ≥ d) (Hodges 1958; the 1 − p recursion of Viehmann 2021 for n_x ≠ n_y). When lcm is too large or
    /// the exact recursion fails numerically, scipy switches to 'asymp' (Kolmogorov distribution with n = n_x n_y/(n_x + n_y));
    /// here that fallback uses the asymptotic Q_KS(λ) with Stephens' correction instead of scipy's kstwo, and the result's
    /// <see cref="TwoSampleKolmogorovSmirnovResult.Method"/> says "asymp".
    /// </summary>
    public static TwoSampleKolmogorovSmirnovResult KolmogorovSmirnov(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var a = SortedFinite(x, nameof(x), "the KS test");
        var b = SortedFinite(y, nameof(y), "the KS test");
        int n1 = a.Length, n2 = b.Length;

        // Walk the pooled sorted values; after consuming all copies of a value both ECDFs are right-continuous there.
        double d = 0;
        int i = 0, j = 0;
        while (i < n1 && j < n2)
        {
            double v = Math.Min(a[i], b[j]);
            while (i < n1 && a[i] == v) i++;
            while (j < n2 && b[j] == v) j++;
            d = Math.Max(d, Math.Abs((double)i / n1 - (double)j / n2));
        }

        long g = Gcd(n1, n2);
        long n1g = n1 / g, n2g = n2 / g;
        if (n1g < int.MaxValue / n2g)
        {
            long lcm = n1g * n2;
            long h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
            double dExact = (double)h / lcm;
            double? p = h == 0 ? 1.0 : ExactTwoSidedProbability(n1, n2, g, h);
            if (p is double prob && prob >= 0 && prob <= 1)
                return new TwoSampleKolmogorovSmirnovResult(dExact, prob, "exact", n1, n2);
        }
        double en = (double)n1 * n2 / (n1 + n2);
        double sqrtEn = Math.Sqrt(en);
        double pAsymp = Ensembles.KolmogorovSmirnov.KolmogorovQ((sqrtEn + 0.12 + 0.11 / sqrtEn) * d);
        return new TwoSampleKolmogorovSmirnovResult(d, Math.Clamp(pAsymp, 0, 1), "asymp", n1, n2);
    }

    /// <summary>
    /// k-sample Anderson–Darling test of Scholz &amp; Stephens (1987), as scipy.stats.anderson_ksamp(samples, midrank=True)
    /// (scipy 1.10): the midrank statistic A²_akN (their eq. 7, valid with ties), standardised as (A² − (k−1))/σ_N, the
    /// critical values at 25, 10, 5, 2.5, 1, 0.5, 0.1 % from their Table 2 interpolation, and the p-value from a quadratic
    /// least-squares fit of ln(significance) against the critical values. Like scipy, the p-value is capped at 0.25 and
    /// floored at 0.001 outside the tabulated range (<see cref="AndersonDarlingResult.PValueCapped"/> says so).
    /// </summary>
    public static AndersonDarlingResult AndersonDarling(IReadOnlyList<double[]> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        int k = samples.Count;
        if (k < 2)
            throw new ArgumentException($"The k-sample Anderson–Darling test needs at least 2 samples; got {k}.", nameof(samples));
        var sorted = new double[k][];
        for (int s = 0; s < k; s++)
            sorted[s] = SortedFinite(samples[s] ?? throw new ArgumentNullException(nameof(samples), $"Sample {s} is null."),
                $"{nameof(samples)}[{s}]", "the Anderson–Darling test");
        var z = sorted.SelectMany(s => s).ToArray();
        Array.Sort(z);
        int bigN = z.Length;
        var zStar = z.Distinct().ToArray(); // z is sorted, so the distinct values stay sorted
        if (zStar.Length < 2)
            throw new ArgumentException("The Anderson–Darling test needs more than one distinct value among all samples.", nameof(samples));

        // A²_akN, eq. 7 of Scholz & Stephens (1987), with midranks for ties.
        double a2 = 0;
        var lj = new double[zStar.Length];
        var bj = new double[zStar.Length];
        for (int t = 0; t < zStar.Length; t++)
        {
            int left = LowerBound(z, zStar[t]);
            lj[t] = UpperBound(z, zStar[t]) - left;
            bj[t] = left + lj[t] / 2.0;
        }
        for (int s = 0; s < k; s++)
        {
            var smp = sorted[s];
            double ni = smp.Length, inner = 0;
            for (int t = 0; t < zStar.Length; t++)
            {
                int right = UpperBound(smp, zStar[t]);
                double mij = right - (right - LowerBound(smp, zStar[t])) / 2.0;
                double num = bigN * mij - bj[t] * ni;
                inner += lj[t] / bigN * num * num / (bj[t] * (bigN - bj[t]) - bigN * lj[t] / 4.0);
            }
            a2 += inner / ni;
        }
        a2 *= (bigN - 1.0) / bigN;

        // Variance of A²_kN under H0 (Scholz & Stephens eq. 4), exactly as scipy evaluates it.
        double hSum = sorted.Sum(s => 1.0 / s.Length);
        double hsCs = 0, gSum = 0;
        for (int m = bigN - 1, idx = 0; m > 1; m--, idx++)
        {
            hsCs += 1.0 / m;
            gSum += hsCs / (idx + 2);
        }
        double h = hsCs + 1, gg = gSum;
        double kk = k;
        double ca = (4 * gg - 6) * (kk - 1) + (10 - 6 * gg) * hSum;
        double cb = (2 * gg - 4) * kk * kk + 8 * h * kk + (2 * gg - 14 * h - 4) * hSum - 8 * h + 4 * gg - 6;
        double cc = (6 * h + 2 * gg - 2) * kk * kk + (4 * h - 4 * gg + 6) * kk + (2 * h - 6) * hSum + 4 * h;
        double cd = (2 * h + 6) * kk * kk - 4 * h * kk;
        double n = bigN;
        double sigmaSq = (ca * n * n * n + cb * n * n + cc * n + cd) / ((n - 1) * (n - 2) * (n - 3));
        double mDof = k - 1;
        double statistic = (a2 - mDof) / Math.Sqrt(sigmaSq);

        var critical = new double[Significance.Length];
        for (int c = 0; c < critical.Length; c++)
            critical[c] = B0[c] + B1[c] / Math.Sqrt(mDof) + B2[c] / mDof;

        double p;
        string capped;
        if (statistic < critical.Min()) { p = Significance.Max(); capped = "capped"; }
        else if (statistic > critical.Max()) { p = Significance.Min(); capped = "floored"; }
        else
        {
            var coef = Fit.Polynomial(critical, Significance.Select(s => Math.Log(s)).ToArray(), 2);
            p = Math.Exp(coef[0] + coef[1] * statistic + coef[2] * statistic * statistic);
            capped = "interpolated";
        }
        return new AndersonDarlingResult(statistic, critical, (double[])Significance.Clone(), p, capped,
            sorted.Select(s => s.Length).ToArray());
    }

    /// <summary>Two-sample convenience overload of <see cref="AndersonDarling(IReadOnlyList{double[]})"/>.</summary>
    public static AndersonDarlingResult AndersonDarling(ReadOnlySpan<double> x, ReadOnlySpan<double> y) =>
        AndersonDarling(new[] { x.ToArray(), y.ToArray() });

    /// <summary>
    /// First Wasserstein (earth mover's) distance between the empirical distributions of two unweighted 1D samples,
    /// ∫ |F_u − F_v| dx, as scipy.stats.wasserstein_distance(u, v); in the units of the values.
    /// </summary>
    public static double Wasserstein1(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        var a = SortedFinite(u, nameof(u), "the Wasserstein distance");
        var b = SortedFinite(v, nameof(v), "the Wasserstein distance");
        var all = new double[a.Length + b.Length];
        a.CopyTo(all, 0);
        b.CopyTo(all, a.Length);
        Array.Sort(all);
        double sum = 0;
        int i = 0, j = 0;
        for (int t = 0; t < all.Length - 1; t++)
        {
            while (i < a.Length && a[i] <= all[t]) i++;
            while (j < b.Length && b[j] <= all[t]) j++;
            sum += Math.Abs((double)i / a.Length - (double)j / b.Length) * (all[t + 1] - all[t]);
        }
        return sum;
    }

    // Scholz & Stephens (1987) Table 2 interpolation coefficients, as in scipy.
    private static readonly double[] B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
    private static readonly double[] B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
    private static readonly double[] B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];
    private static readonly double[] Significance = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];

    /// <summary>P(D ≥ h/lcm) under H0, or null where the floating-point recursion breaks down (scipy then goes asymptotic).</summary>
    private static double? ExactTwoSidedProbability(int n1, int n2, long g, long h)
    {
        double p = n1 == n2 ? ProbabilityOutsideSquare(n1, h) : OuterProbabilityInside(n1, n2, g, h);
        return double.IsFinite(p) ? p : null;
    }

    // scipy _compute_prob_outside_square: 2 Σ_k (−1)^{k−1} C(2n, n−kh)/C(2n, n), evaluated Horner-like to avoid cancellation.
    private static double ProbabilityOutsideSquare(long n, long h)
    {
        double p = 0;
        for (long k = n / h; k >= 0; k--)
        {
            double p1 = 1.0;
            for (long j = 0; j < h; j++)
                p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
            p = p1 * (1.0 - p);
        }
        return 2 * p;
    }

    // scipy _compute_outer_prob_inside_method: fraction of lattice paths (0,0)→(m,n) leaving |x/m − y/n| < h/lcm,
    // computed directly as 1 − p with a sliding window of one column (Viehmann 2021, arXiv:2102.08037).
    private static double OuterProbabilityInside(long m, long n, long g, long h)
    {
        if (m < n) (m, n) = (n, m);
        long mg = m / g, ng = n / g;
        long minj = 0, maxj = Math.Min(CeilDiv(h, mg), n + 1);
        long curlen = maxj - minj;
        long lenA = Math.Min(2 * maxj + 2, n + 1);
        var a = new double[lenA];
        Array.Fill(a, 1.0);
        for (long t = minj; t < maxj; t++) a[t] = 0.0;
        for (long i = 1; i <= m; i++)
        {
            long lastminj = minj, lastlen = curlen;
            minj = Math.Max(FloorDiv(ng * i - h, mg) + 1, 0);
            minj = Math.Min(minj, n);
            maxj = Math.Min(CeilDiv(ng * i + h, mg), n + 1);
            if (maxj <= minj) return 1.0;
            double val = minj == 0 ? 0.0 : 1.0;
            for (long jj = 0; jj < maxj - minj; jj++)
            {
                long j = jj + minj;
                val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
                a[jj] = val;
            }
            curlen = maxj - minj;
            if (lastlen > curlen)
                for (long t = maxj - minj; t < maxj - minj + (lastlen - curlen) && t < lenA; t++) a[t] = 1;
        }
        return a[maxj - minj - 1];
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    private static int LowerBound(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static int UpperBound(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static double[] SortedFinite(ReadOnlySpan<double> values, string argument, string what)
    {
        if (values.Length == 0)
            throw new ArgumentException($"{char.ToUpperInvariant(what[0])}{what[1..]} needs a non-empty sample; '{argument}' is empty.", argument);
        var s = values.ToArray();
        foreach (var v in s)
            if (!double.IsFinite(v))
                throw new ArgumentException($"'{argument}' contains {v}; {what} needs finite values.", argument);
        Array.Sort(s);
        return s;
    }
}

/// <summary>Two-sample KS statistic D, the p-value P(D ≥ d | H0), how it was computed ("exact" or "asymp") and the sizes.</summary>
public sealed record TwoSampleKolmogorovSmirnovResult(double Statistic, double PValue, string Method, int NX, int NY)
{
    public string ToJson() => EnsembleJson.Serialize(this);
}

/// <summary>
/// Standardised k-sample Anderson–Darling statistic, critical values at the listed significance levels, and the
/// interpolated p-value; <see cref="PValueCapped"/> is "interpolated", "capped" (p ≥ 0.25) or "floored" (p ≤ 0.001).
/// </summary>
public sealed record AndersonDarlingResult(
    double Statistic,
    double[] CriticalValues,
    double[] SignificanceLevels,
    double PValue,
    string PValueCapped,
    int[] SampleSizes)
{
    public string ToJson() => EnsembleJson.Serialize(this);
}
