using System.Text.Json.Nodes;
using SimEmulator.Validation.Reports.Svg;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Validation.Reports.Sections;

/// <summary>
/// Mean equilateral B(k) and Q(k), and B(θ), Q(θ) for k1, k2 = 2k1, of both sets (the first bispectrum.max_realizations
/// of each) with ratio panels; Q is checked bin by bin: the bispectrum sees the non-Gaussianity that P(k) cannot.
/// </summary>
public sealed class BispectrumSection(ValidationContext context) : ValidationSection(context)
{
    private readonly List<double[]> refEqB = [], refEqQ = [], candEqB = [], candEqQ = [];
    private readonly List<double[]> refAngB = [], refAngQ = [], candAngB = [], candAngQ = [];
    private long[] equilateralTriangles = [], angleTriangles = [];
    private readonly double[] k = EquilateralK(context);
    private readonly (double K1, double K2, double[] Theta) angles = AngleTriangles(context);

    public override string Id => "bispectrum";
    public override string Title => "Bispectrum B(k1, k2, k3)";

    /// <summary>At most 6 multiples m·k_F of the fundamental, 2 ≤ m ≤ max(2, N/4) (half the Nyquist wavenumber), evenly spread; h/Mpc.</summary>
    public static double[] DefaultK(int grid, double boxSizeMpcH)
    {
        var kF = 2 * Math.PI / boxSizeMpcH;
        var top = Math.Max(2, grid / 4);
        var count = Math.Min(6, top - 1);
        return Enumerable.Range(0, count)
            .Select(i => count == 1 ? 2 : (int)Math.Round(2 + (top - 2) * (double)i / (count - 1)))
            .Distinct().Select(m => m * kF).ToArray();
    }

    /// <summary>Default k1 of B(θ): max(2, round(N/16))·k_F, so that k3 ≤ 3k1 stays below ≈ 0.4 k_Nyquist; h/Mpc.</summary>
    public static double DefaultK1(int grid, double boxSizeMpcH) => Math.Max(2, Math.Round(grid / 16.0)) * 2 * Math.PI / boxSizeMpcH;

    private static double[] EquilateralK(ValidationContext c) =>
        c.Config.Bispectrum.KEquilateralHMpc.Count > 0 ? [.. c.Config.Bispectrum.KEquilateralHMpc] : DefaultK(c.Grid, c.BoxSizeMpcH);

    private static (double, double, double[]) AngleTriangles(ValidationContext c)
    {
        var o = c.Config.Bispectrum;
        var k1 = o.K1HMpc > 0 ? o.K1HMpc : DefaultK1(c.Grid, c.BoxSizeMpcH);
        var k2 = o.K2HMpc > 0 ? o.K2HMpc : 2 * k1;
        // θ = π closes k1 = k2 onto k3 = 0: stop just short of it then.
        var last = Math.Abs(k1 - k2) < 1e-12 * k1 ? Math.PI * (1 - 1.0 / Math.Max(2, o.Angles)) : Math.PI;
        var theta = Enumerable.Range(0, o.Angles).Select(i => o.Angles == 1 ? 0 : last * i / (o.Angles - 1)).ToArray();
        return (k1, k2, theta);
    }

    private int Limit(SetRole role)
    {
        var max = Context.Config.Bispectrum.MaxRealizations;
        var n = Context.CountOf(role);
        return max > 0 ? Math.Min(max, n) : n;
    }

    public override void Add(Realization r)
    {
        if (r.Index >= Limit(r.Role)) return;
        var reference = r.Role == SetRole.Reference;
        var window = Context.WindowOf(r.Role);
        var eq = Bispectrum.Equilateral(r.Delta, Context.BoxSizeMpcH, k, window);
        if (equilateralTriangles.Length == 0) equilateralTriangles = eq.Triangles;
        (reference ? refEqB : candEqB).Add(eq.B);
        (reference ? refEqQ : candEqQ).Add(eq.Q);
        if (angles.Theta.Length == 0) return;
        var ang = Bispectrum.Angles(r.Delta, Context.BoxSizeMpcH, angles.K1, angles.K2, angles.Theta, window);
        if (angleTriangles.Length == 0) angleTriangles = ang.Triangles;
        (reference ? refAngB : candAngB).Add(ang.B);
        (reference ? refAngQ : candAngQ).Add(ang.Q);
    }

    public override SectionResult Finish()
    {
        var o = Context.Config.Bispectrum;
        var sigmas = Context.Config.NoiseSigmas;
        var numbers = new JsonObject { ["estimator"] = Bispectrum.ShellEstimator, ["k_f"] = 2 * Math.PI / Context.BoxSizeMpcH };
        if (refEqB.Count < 2 || candEqB.Count < 2)
        {
            var why = $"bispectrum skipped: it needs at least 2 realizations of each set (bispectrum.max_realizations = {o.MaxRealizations})";
            return new SectionResult(Id, Title, [], numbers, [why], Html.Note(why));
        }
        var checks = new List<ValidationCheck>();
        var html = new System.Text.StringBuilder();
        var allowance = $"|ΔQ| ≤ max({Fmt.Percent(o.RelativeTolerance)}·|Q_ref|, {Fmt.G(sigmas, 3)}σ of the ensemble noise)";

        bool Closed(long[] triangles, int i) => triangles[i] > 0;
        var eqB = BinwiseComparison.Compute(k, refEqB, candEqB, o.RelativeTolerance, sigmas, i => Closed(equilateralTriangles, i));
        var eqQ = BinwiseComparison.Compute(k, refEqQ, candEqQ, o.RelativeTolerance, sigmas, i => Closed(equilateralTriangles, i));
        checks.Add(eqQ.ToCheck(Id, "Q(k) equilateral", "k", "h/Mpc", relative: false));
        numbers["equilateral"] = new JsonObject
        {
            ["k"] = ResultJson.Node(k),
            ["triangles"] = ResultJson.Node(equilateralTriangles),
            ["B"] = eqB.ToJsonNode(),
            ["Q"] = eqQ.ToJsonNode(),
        };
        html.Append(Html.Figure(ComparisonPlot.Render(eqB, "Equilateral B(k): mean of each set", "k [h/Mpc]", "B(k) [(Mpc/h)⁶]", AxisScale.Log, AxisScale.Linear),
            $"Equilateral bispectrum (k1 = k2 = k3 = k, shells k ± k_F, Pylians' estimator) with ±1σ bands of the realizations; lower panel: candidate/reference. " +
            $"{eqB.ReferenceCount} reference and {eqB.CandidateCount} candidate realizations (bispectrum.max_realizations = {o.MaxRealizations})."));
        html.Append(Html.Figure(ComparisonPlot.Render(eqQ, "Equilateral Q(k): mean of each set", "k [h/Mpc]", "Q = B/(P1P2+P2P3+P3P1)", AxisScale.Log, AxisScale.Linear),
            $"Reduced bispectrum Q(k); checked: {allowance}. Q ≈ 0 for a Gaussian field, so there the noise allowance decides."));

        if (angles.Theta.Length > 0)
        {
            var angB = BinwiseComparison.Compute(angles.Theta, refAngB, candAngB, o.RelativeTolerance, sigmas, i => Closed(angleTriangles, i));
            var angQ = BinwiseComparison.Compute(angles.Theta, refAngQ, candAngQ, o.RelativeTolerance, sigmas, i => Closed(angleTriangles, i));
            checks.Add(angQ.ToCheck(Id, "Q(θ)", "θ", "rad", relative: false));
            numbers["angles"] = new JsonObject
            {
                ["k1"] = angles.K1,
                ["k2"] = angles.K2,
                ["theta"] = ResultJson.Node(angles.Theta),
                ["triangles"] = ResultJson.Node(angleTriangles),
                ["B"] = angB.ToJsonNode(),
                ["Q"] = angQ.ToJsonNode(),
            };
            var sides = $"k1 = {Fmt.G(angles.K1)}, k2 = {Fmt.G(angles.K2)} h/Mpc";
            html.Append(Html.Figure(ComparisonPlot.Render(angB, $"B(θ) for {sides}", "θ between k⃗1 and k⃗2 [rad]", "B [(Mpc/h)⁶]", AxisScale.Linear, AxisScale.Linear),
                $"Bispectrum against the angle θ between k⃗1 and k⃗2 (k3² = k1² + k2² + 2k1k2 cos θ); lower panel: candidate/reference."));
            html.Append(Html.Figure(ComparisonPlot.Render(angQ, $"Q(θ) for {sides}", "θ between k⃗1 and k⃗2 [rad]", "Q", AxisScale.Linear, AxisScale.Linear),
                $"Reduced bispectrum against θ; checked: {allowance}."));
        }
        return new SectionResult(Id, Title, checks, numbers, [], html.ToString());
    }
}
