using System.Text.Json.Nodes;
using SimEmulator.Data.Mesh;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Validation.Statistics;

/// <summary>
/// Bispectrum B(k1, k2, k3) and reduced bispectrum Q of a periodic overdensity cube, by the shell (FFT) estimator of
/// Pylians3 <c>Bk_library</c>; one row per triangle, B in (Mpc/h)⁶, P in (Mpc/h)³.
/// </summary>
/// <remarks>
/// <para>Shell i holds the modes with k_i − k_F ≤ |k| &lt; k_i + k_F (k_F = 2π/L, |k| = k_F·|n| on integer n, as Pylians;
/// the DC mode is never included). δ_i(x) = irFFT[δ_k·1_i] and I_i(x) = irFFT[1_i] with the 1/N³ of the inverse
/// transform, δ_k the unnormalised rFFT divided once by the mass-assignment window when one is given.</para>
/// <para>Σ_x δ1δ2δ3 = N⁻⁶ Σ δ_k1δ_k2δ_k3 over the ordered full-space triples with k1 + k2 + k3 ≡ 0 (mod N) and
/// Σ_x I1I2I3 = N⁻⁶·(number of those triples), so their ratio is the mean triple product. With P = |δ_k|²·L³/N⁶
/// (ARCHITECTURE.md), the continuum-normalised modes are (L/N)³·δ_k and ⟨δ(k1)δ(k2)δ(k3)⟩ = L³·B, hence
/// B = (L⁶/N⁹)·Σ_x δ1δ2δ3 / Σ_x I1I2I3 — Pylians' factor (L²/N³)³. P(k_i) = (L³/N⁶)·Σ_x δ_i² / Σ_x I_i² in the same
/// shell, Q = B/(P1P2 + P2P3 + P3P1), and <see cref="Triangles"/> = N⁶·Σ_x I1I2I3, the number of ordered triples.</para>
/// <para>Triangles are given by k1, k2 and the angle θ between k⃗1 and k⃗2: k3² = k1² + k2² + 2k1k2 cos θ (as Pylians),
/// so θ = 2π/3 is equilateral when k1 = k2.</para>
/// </remarks>
/// <param name="K1">|k⃗1| of each triangle, h/Mpc (the shell centre).</param>
/// <param name="K2">|k⃗2|, h/Mpc.</param>
/// <param name="K3">|k⃗1 + k⃗2|, h/Mpc.</param>
/// <param name="Theta">Angle between k⃗1 and k⃗2, radians.</param>
/// <param name="B">Bispectrum, (Mpc/h)⁶; NaN where no triangle closes on the grid.</param>
/// <param name="Q">Reduced bispectrum B/(P1P2 + P2P3 + P3P1), dimensionless.</param>
/// <param name="P1">Power spectrum in shell 1, (Mpc/h)³.</param>
/// <param name="P2">Power spectrum in shell 2, (Mpc/h)³.</param>
/// <param name="P3">Power spectrum in shell 3, (Mpc/h)³.</param>
/// <param name="Triangles">Ordered full-space triples (k⃗1, k⃗2, k⃗3) in the three shells that close.</param>
/// <param name="BoxSize">L, Mpc/h.</param>
/// <param name="Nmesh">N, cells per side.</param>
/// <param name="Window">The mass-assignment window divided out, or null for none.</param>
/// <param name="Estimator">How B was measured, in words.</param>
public sealed record Bispectrum(
    double[] K1, double[] K2, double[] K3, double[] Theta,
    double[] B, double[] Q, double[] P1, double[] P2, double[] P3, long[] Triangles,
    double BoxSize, int Nmesh, MassAssignment? Window, string Estimator)
{
    public const string ShellEstimator =
        "Pylians3 Bk_library shells k-kF <= |k| < k+kF (DC excluded): B = (L^6/N^9) sum_x d1 d2 d3 / sum_x I1 I2 I3, irfft with 1/N^3";

    /// <summary>Fundamental wavenumber k_F = 2π/L, h/Mpc: the half width of every shell.</summary>
    public double Kf => 2 * Math.PI / BoxSize;

    /// <summary>Number of triangles (rows).</summary>
    public int Count => K1.Length;

    /// <summary>Equilateral triangles k1 = k2 = k3 = k for each k (h/Mpc) of a host cube of n³ values (C order, x slowest).</summary>
    public static Bispectrum Equilateral(float[] field, double boxSizeMpcH, double[] k, MassAssignment? window = null)
    {
        var n = PowerSpectrumEstimator.CheckCube(field, nameof(field));
        using var cube = tensor(field, [n, n, n]);
        return Equilateral(cube, boxSizeMpcH, k, window);
    }

    /// <summary>Equilateral triangles k1 = k2 = k3 = k for each k (h/Mpc) of a cube tensor [n, n, n]; the FFTs run on its device in float64.</summary>
    public static Bispectrum Equilateral(Tensor field, double boxSizeMpcH, double[] k, MassAssignment? window = null)
    {
        var n = PowerSpectrumEstimator.CheckCube(field, nameof(field));
        PowerSpectrumEstimator.CheckArguments(boxSizeMpcH, window, axis: 0);
        ArgumentNullException.ThrowIfNull(k);
        if (k.Length == 0) throw new ArgumentException("give at least one wavenumber k in h/Mpc", nameof(k));
        foreach (var ki in k) CheckWavenumber(ki, nameof(k));
        var triangles = k.Select(ki => (ki, ki, ki, 2 * Math.PI / 3)).ToArray();
        return Measure(field, n, boxSizeMpcH, window, triangles);
    }

    /// <summary>Triangles of sides k1, k2 (h/Mpc) at each angle θ (radians) between k⃗1 and k⃗2, of a host cube of n³ values.</summary>
    public static Bispectrum Angles(float[] field, double boxSizeMpcH, double k1, double k2, double[] thetas, MassAssignment? window = null)
    {
        var n = PowerSpectrumEstimator.CheckCube(field, nameof(field));
        using var cube = tensor(field, [n, n, n]);
        return Angles(cube, boxSizeMpcH, k1, k2, thetas, window);
    }

    /// <summary>Triangles of sides k1, k2 (h/Mpc) at each angle θ (radians) between k⃗1 and k⃗2, of a cube tensor [n, n, n].</summary>
    public static Bispectrum Angles(Tensor field, double boxSizeMpcH, double k1, double k2, double[] thetas, MassAssignment? window = null)
    {
        var n = PowerSpectrumEstimator.CheckCube(field, nameof(field));
        PowerSpectrumEstimator.CheckArguments(boxSizeMpcH, window, axis: 0);
        CheckWavenumber(k1, nameof(k1));
        CheckWavenumber(k2, nameof(k2));
        ArgumentNullException.ThrowIfNull(thetas);
        if (thetas.Length == 0) throw new ArgumentException("give at least one angle θ between k1 and k2, in radians", nameof(thetas));
        var triangles = new (double, double, double, double)[thetas.Length];
        for (var t = 0; t < thetas.Length; t++)
        {
            var theta = thetas[t];
            if (!double.IsFinite(theta))
                throw new ArgumentException($"every angle θ must be finite (radians), got {theta} at index {t}", nameof(thetas));
            var k3 = Math.Sqrt(Math.Max(0, k1 * k1 + k2 * k2 + 2 * k1 * k2 * Math.Cos(theta)));
            if (!(k3 > 0))
                throw new ArgumentException($"θ = {theta} rad closes k1 = k2 = {k1} h/Mpc onto k3 = 0, which has no shell; use θ < π", nameof(thetas));
            triangles[t] = (k1, k2, k3, theta);
        }
        return Measure(field, n, boxSizeMpcH, window, triangles);
    }

    private static void CheckWavenumber(double k, string name)
    {
        if (!(k > 0) || double.IsInfinity(k))
            throw new ArgumentOutOfRangeException(name, k, $"'{name}' must be a positive, finite wavenumber in h/Mpc");
    }

    /// <summary>One shell: its δ_i and I_i fields, Σ_x δ_i², and the number of full-space modes in it.</summary>
    private sealed record Shell(Tensor Delta, Tensor Count, double SumDelta2, long Modes);

    private static Bispectrum Measure(Tensor field, int n, double boxSize, MassAssignment? window, (double k1, double k2, double k3, double theta)[] triangles)
    {
        var kF = 2 * Math.PI / boxSize;
        var nz = n / 2 + 1;
        var cubeShape = new long[] { n, n, n };
        var halfShape = new long[] { n, n, nz };
        var modulus = ModeModulus(n);
        var rows = triangles.Length;
        var (bk, q, p1, p2, p3) = (new double[rows], new double[rows], new double[rows], new double[rows], new double[rows]);
        var counts = new long[rows];

        using var scope = NewDisposeScope();
        var modes = fft.rfftn(field.to(ScalarType.Float64));
        if (window is { } w)
        {
            using var correction = tensor(WindowCorrection(w, n), halfShape, device: field.device);
            modes.mul_(correction);
        }

        var shells = new Dictionary<double, Shell>();
        Shell ShellOf(double k)
        {
            var centre = SnapToInteger(k / kF);
            if (shells.TryGetValue(centre, out var cached)) return cached;
            var (mask, fullModes) = ShellMask(modulus, n, centre);
            if (fullModes == 0)
                throw new ArgumentOutOfRangeException(nameof(k), k,
                    $"the shell k = {k} h/Mpc ± k_F = {kF} h/Mpc holds no modes on this {n}³ grid of L = {boxSize} Mpc/h (|k| reaches √3·k_N = {Math.Sqrt(3) * Math.PI * n / boxSize} h/Mpc)");
            var m = tensor(mask, halfShape, device: field.device);
            var delta = fft.irfftn(modes * m, s: cubeShape);
            var count = fft.irfftn(m.to(ScalarType.ComplexFloat64), s: cubeShape);
            var shell = new Shell(delta, count, (delta * delta).sum().item<double>(), fullModes);
            shells[centre] = shell;
            return shell;
        }

        var n3 = (double)n * n * n;
        var powerNorm = Math.Pow(boxSize / ((double)n * n), 3); // L³/N⁶
        var bispectrumNorm = Math.Pow(boxSize * boxSize / (n3), 3); // L⁶/N⁹
        for (var t = 0; t < rows; t++)
        {
            var (k1, k2, k3, _) = triangles[t];
            var s1 = ShellOf(k1);
            var s2 = ShellOf(k2);
            var s3 = ShellOf(k3);
            // Σ_x I_i² = modes_i/N³ (Parseval), so P = (Σ_x δ_i²)/(modes_i/N³)·L³/N⁶.
            double Power(Shell s) => s.SumDelta2 / (s.Modes / n3) * powerNorm;
            p1[t] = Power(s1); p2[t] = Power(s2); p3[t] = Power(s3);
            double tripleSum, countSum;
            using (var inner = NewDisposeScope())
            {
                tripleSum = (s1.Delta * s2.Delta * s3.Delta).sum().item<double>();
                countSum = (s1.Count * s2.Count * s3.Count).sum().item<double>();
            }
            counts[t] = (long)Math.Round(countSum * n3 * n3);
            bk[t] = counts[t] == 0 ? double.NaN : tripleSum / countSum * bispectrumNorm;
            q[t] = bk[t] / (p1[t] * p2[t] + p2[t] * p3[t] + p3[t] * p1[t]);
        }

        return new Bispectrum(
            triangles.Select(x => x.k1).ToArray(), triangles.Select(x => x.k2).ToArray(),
            triangles.Select(x => x.k3).ToArray(), triangles.Select(x => x.theta).ToArray(),
            bk, q, p1, p2, p3, counts, boxSize, n, window, ShellEstimator);
    }

    /// <summary>
    /// k/k_F rounded to the nearest integer when within 1e-9 of it, so that k = m·k_F computed in floating point puts
    /// the shell edges exactly on the integer |n| = m ± 1 (upper edge excluded) rather than a rounding error either side.
    /// </summary>
    private static double SnapToInteger(double x)
    {
        var r = Math.Round(x);
        return Math.Abs(x - r) < 1e-9 ? r : x;
    }

    /// <summary>|n| of every rFFT mode [n, n, n/2+1] (C order), n_i signed as Pylians: index i → i, or i − N above N/2.</summary>
    private static double[] ModeModulus(int n)
    {
        var nz = n / 2 + 1;
        var modulus = new double[(long)n * n * nz];
        for (var i = 0; i < n; i++)
        {
            var kx = i > n / 2 ? i - n : i;
            for (var j = 0; j < n; j++)
            {
                var ky = j > n / 2 ? j - n : j;
                var row = ((long)i * n + j) * nz;
                for (var kz = 0; kz < nz; kz++)
                    modulus[row + kz] = Math.Sqrt((double)kx * kx + (double)ky * ky + (double)kz * kz);
            }
        }
        return modulus;
    }

    /// <summary>The 0/1 shell mask c − 1 ≤ |n| &lt; c + 1 (|n| &gt; 0) on the rFFT half grid and its number of full-space modes.</summary>
    private static (double[] mask, long fullModes) ShellMask(double[] modulus, int n, double centre)
    {
        var nz = n / 2 + 1;
        var mask = new double[modulus.Length];
        long full = 0;
        for (long index = 0; index < modulus.Length; index++)
        {
            var m = modulus[index];
            if (m > 0 && m >= centre - 1 && m < centre + 1)
            {
                mask[index] = 1;
                var kz = (int)(index % nz);
                // Columns 0 and N/2 (even N) of the half grid hold their own mirror images; the others stand for ±k.
                full += kz == 0 || (n % 2 == 0 && kz == n / 2) ? 1 : 2;
            }
        }
        return (mask, full);
    }

    /// <summary>Π_i 1/sinc^p(π n_i/N) on the rFFT half grid, from <see cref="MassAssignmentWindow.Correction1D"/>.</summary>
    private static double[] WindowCorrection(MassAssignment window, int n)
    {
        var c = MassAssignmentWindow.Correction1D(window, n);
        var nz = n / 2 + 1;
        var grid = new double[(long)n * n * nz];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var row = ((long)i * n + j) * nz;
                for (var kz = 0; kz < nz; kz++) grid[row + kz] = c[i] * c[j] * c[kz];
            }
        return grid;
    }

    // ------------------------------------------------------------------ JSON

    /// <summary>nbodykit-style JSON: {"columns": {k1, k2, k3, theta, B, Q, P1, P2, P3, triangles}, "attrs": {BoxSize, Nmesh, window, estimator, Kf}}.</summary>
    public string ToJson() => new JsonObject
    {
        ["columns"] = new JsonObject
        {
            ["k1"] = ResultJson.Node(K1),
            ["k2"] = ResultJson.Node(K2),
            ["k3"] = ResultJson.Node(K3),
            ["theta"] = ResultJson.Node(Theta),
            ["B"] = ResultJson.Node(B),
            ["Q"] = ResultJson.Node(Q),
            ["P1"] = ResultJson.Node(P1),
            ["P2"] = ResultJson.Node(P2),
            ["P3"] = ResultJson.Node(P3),
            ["triangles"] = ResultJson.Node(Triangles),
        },
        ["attrs"] = new JsonObject
        {
            ["BoxSize"] = BoxSize,
            ["Nmesh"] = Nmesh,
            ["window"] = Window is { } w ? w.ToName() : "None",
            ["estimator"] = Estimator,
            ["Kf"] = Kf,
        },
    }.ToJsonString(ResultJson.Options);

    /// <summary>Reads what <see cref="ToJson"/> wrote (the values round-trip exactly).</summary>
    public static Bispectrum FromJson(string json)
    {
        const string what = "bispectrum";
        var (c, a) = ResultJson.ParseColumnsAttrs(json, what);
        double[] Column(string key) => ResultJson.Read<double[]>(c, key, what);
        var k1 = Column("k1");
        var columns = new[] { Column("k2"), Column("k3"), Column("theta"), Column("B"), Column("Q"), Column("P1"), Column("P2"), Column("P3") };
        var triangles = ResultJson.Read<long[]>(c, "triangles", what);
        if (columns.Any(col => col.Length != k1.Length) || triangles.Length != k1.Length)
            throw new FormatException($"{what} JSON columns differ in length (k1 has {k1.Length} rows; k2, k3, theta, B, Q, P1, P2, P3, triangles must match)");
        var window = ResultJson.Read<string>(a, "window", what);
        return new Bispectrum(k1, columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], columns[6], columns[7], triangles,
            ResultJson.Read<double>(a, "BoxSize", what), ResultJson.Read<int>(a, "Nmesh", what),
            window == "None" ? null : MassAssignmentExtensions.Parse(window), ResultJson.Read<string>(a, "estimator", what));
    }
}
