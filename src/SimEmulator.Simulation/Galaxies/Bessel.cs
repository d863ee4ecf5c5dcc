namespace SimEmulator.Simulation.Galaxies;

/// <summary>J0 for the radial Fourier transforms: Moshier's Cephes rational approximations (|error| ≲ 1e-16 absolute).</summary>
internal static class Bessel
{
    private static readonly double[] PP =
        [7.96936729297347051624E-4, 8.28352392107440799803E-2, 1.23953371646414299388E0, 5.44725003058768775090E0, 8.74716500199817011941E0, 5.30324038235394892183E0, 9.99999999999999997821E-1];
    private static readonly double[] PQ =
        [9.24408810558863637013E-4, 8.56288474354474431428E-2, 1.25352743901058953537E0, 5.47097740330417105182E0, 8.76190883237069594232E0, 5.30605288235394617618E0, 1.00000000000000000218E0];
    private static readonly double[] QP =
        [-1.13663838898469149931E-2, -1.28252718670509318512E0, -1.95539544257735972385E1, -9.32060152123768231369E1, -1.77681167980488050595E2, -1.47077505154951170175E2, -5.14105326766599330220E1, -6.05014350600728481186E0];
    private static readonly double[] QQ =
        [6.43178256118178023184E1, 8.56430025976980587198E2, 3.88240183605401609683E3, 7.24046774195652478189E3, 5.93072701187316984827E3, 2.06209331660327847417E3, 2.42005740240291393179E2];
    private static readonly double[] RP = [-4.79443220978201773821E9, 1.95617491946556577543E12, -2.49248344360967716204E14, 9.70862251047306323952E15];
    private static readonly double[] RQ =
        [4.99563147152651017219E2, 1.73785401676374683123E5, 4.84409658339962045305E7, 1.11855537045356834862E10, 2.11277520115489217587E12, 3.10518229857422583814E14, 3.18121955943204943306E16, 1.71086294081043136091E18];

    private const double FirstZeroSquared = 5.78318596294678452118E0, SecondZeroSquared = 3.04712623436620863991E1;
    private const double SqrtTwoOverPi = 0.79788456080286535588;

    public static double J0(double x)
    {
        x = Math.Abs(x);
        if (x <= 5)
        {
            var z = x * x;
            if (x < 1e-5) return 1 - z / 4;
            return (z - FirstZeroSquared) * (z - SecondZeroSquared) * Poly(z, RP) / Poly1(z, RQ);
        }
        var w = 5 / x;
        var q = 25 / (x * x);
        var p = Poly(q, PP) / Poly(q, PQ);
        q = Poly(q, QP) / Poly1(q, QQ);
        var xn = x - Math.PI / 4;
        var (s, c) = Math.SinCos(xn);
        return (p * c - w * q * s) * SqrtTwoOverPi / Math.Sqrt(x);
    }

    /// <summary>The s-th positive zero of J0 (s ≥ 1): tabulated for s ≤ 5, McMahon's expansion (error &lt; 1e-9) beyond.</summary>
    public static double J0Zero(int s)
    {
        if (s <= Zeros.Length) return Zeros[s - 1];
        var b = (s - 0.25) * Math.PI;
        var b2 = b * b;
        return b + 1 / (8 * b) - 31 / (384 * b * b2) + 3779 / (15360 * b * b2 * b2);
    }

    private static readonly double[] Zeros = [2.404825557695773, 5.520078110286311, 8.653727912911013, 11.79153443901428, 14.93091770848779];

    private static double Poly(double x, double[] c)
    {
        var r = c[0];
        for (var i = 1; i < c.Length; i++) r = r * x + c[i];
        return r;
    }

    /// <summary>Polynomial with an implicit leading coefficient of 1.</summary>
    private static double Poly1(double x, double[] c)
    {
        var r = x + c[0];
        for (var i = 1; i < c.Length; i++) r = r * x + c[i];
        return r;
    }
}
