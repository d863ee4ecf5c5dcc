using System.Text.Json.Nodes;
using SimEmulator.Emulator.Datasets;
using SimEmulator.Emulator.Transforms;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Emulator;

public class DensityTransformTests
{
    /// <summary>A lognormal 16³ cube (empty cells at δ = −1 included) plus a sweep of 1 + δ from 1e-4 to 150, log-spaced, and δ = 0.</summary>
    private static readonly float[] Delta =
    [
        .. EmulatorTestData.LognormalDelta(16, 5),
        .. Enumerable.Range(0, 201).Select(i => (float)(Math.Pow(10, -4 + 6.176 * i / 200) - 1)),
        0f,
    ];

    public static TheoryData<string> Names => ["rodriguez", "log", "log_tail"];

    private static IDensityTransform Make(string name) => name switch
    {
        "log" => new LogTransform(LogTransform.DefaultEpsilon, -0.4, 1.3),
        "log_tail" => new LogTailTransform(2.0, 1.5),
        _ => new RodriguezTransform(),
    };

    /// <summary>
    /// Round-trip error relative to the density 1 + δ: δ itself is 1 + δ − 1 in float32, so near δ = 0 its own
    /// relative error is meaningless; 1e-6 is a few float32 ulps of the stored y amplified by |d ln x / d y|.
    /// </summary>
    private static void AssertRoundTrip(float[] back, string what)
    {
        Assert.True(Delta.Min() == -1f && Delta.Max() > 100, $"test data should span −1 … ~100, got {Delta.Min()} … {Delta.Max()}");
        var worst = 0.0;
        for (var i = 0; i < Delta.Length; i++)
            worst = Math.Max(worst, Math.Abs((double)back[i] - Delta[i]) / (1.0 + Math.Abs(Delta[i])));
        Assert.True(worst <= 1e-6, $"{what}: worst relative round-trip error {worst:E2}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Inverse_of_forward_returns_delta_to_float_precision_on_spans(string name)
    {
        var t = Make(name);
        var y = new float[Delta.Length];
        var back = new float[Delta.Length];
        t.Forward(Delta, y);
        t.Inverse(y, back);
        AssertRoundTrip(back, name);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Inverse_of_forward_returns_delta_to_float_precision_on_tensors(string name)
    {
        var t = Make(name);
        var y = new float[Delta.Length];
        t.Forward(Delta, y);
        using var yt = tensor(y, [1, y.Length]);
        using var back = t.Inverse(yt);
        Assert.Equal(float32, back.dtype);
        Assert.Equal([1L, Delta.Length], back.shape);
        AssertRoundTrip(back.data<float>(), name + " (tensor)");
    }

    [Fact]
    public void Rodriguez_maps_zero_to_minus_one_a_to_zero_and_all_densities_below_one()
    {
        var t = new RodriguezTransform(4);
        // x = 1 + δ: 0 → 2·0/4 − 1 = −1 exactly; a = 4 → 0; huge x approach 1 from below but never reach it in float32.
        float[] delta = [-1f, -0.999f, 0f, 3f, 100f, 1e6f, 1e12f, float.MaxValue];
        var y = new float[delta.Length];
        t.Forward(delta, y);
        Assert.Equal(-1f, y[0]);
        Assert.Equal(0f, y[3]);
        Assert.Equal(2.0 * 101 / 105 - 1, y[4], 1e-7);
        Assert.All(y, v => Assert.InRange(v, -1f, MathF.BitDecrement(1f)));
        for (var i = 1; i < y.Length; i++) Assert.True(y[i] >= y[i - 1], "monotone");
        Assert.All(y, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Log_transform_fitted_on_a_dataset_is_standardized_over_it()
    {
        var data = CubeDataset.FromCubes(EmulatorTestData.Info(8), [1L, 2, 3],
            [EmulatorTestData.LognormalDelta(8, 1), EmulatorTestData.LognormalDelta(8, 2), EmulatorTestData.LognormalDelta(8, 3)]);
        var t = (LogTransform)DensityTransform.Create("log", new Dictionary<string, double>(), data);
        var mapped = data.Map(t);
        var all = Enumerable.Range(0, mapped.Count).SelectMany(i => mapped.Field(i).ToArray()).Select(v => (double)v).ToArray();
        var mean = all.Average();
        var std = Math.Sqrt(all.Sum(v => (v - mean) * (v - mean)) / all.Length);
        // The fit is the population mean/std of ln(1+δ+ε); only float32 rounding of y (≈ 6e-8 relative) remains.
        Assert.Equal(0.0, mean, 1e-6);
        Assert.Equal(1.0, std, 1e-6);
        Assert.Equal(LogTransform.DefaultEpsilon, t.Epsilon);
        Assert.Same(t, mapped.Transform);
    }

    [Fact]
    public void Log_tail_is_continuous_with_continuous_slope_at_the_pivot_and_follows_its_formula()
    {
        var t = new LogTailTransform(Pivot: 2.0, Scale: 1.5);
        const double h = 1e-3;
        // x = 1 + δ: the pivot x = 2, just below and just above, then x = 0 and x = 2e (f = −1 and f = 1 analytically).
        float[] delta = [1f, (float)(2 * (1 - h) - 1), (float)(2 * (1 + h) - 1), -1f, (float)(2 * Math.E - 1)];
        var y = new float[delta.Length];
        t.Forward(delta, y);
        Assert.Equal(0f, y[0]);
        var slopeLeft = (y[0] - y[1]) / (2 * h);
        var slopeRight = (y[2] - y[0]) / (2 * h);
        // Both one-sided slopes → k/p = 0.75; the log side's secant is k/p·(1 − h/2 + …), so they agree to ~h/2.
        Assert.Equal(0.75, slopeLeft, 1e-3);
        Assert.Equal(0.75, slopeRight, 1e-3);
        Assert.Equal(-1.5, y[3], 1e-7);
        Assert.Equal(1.5, y[4], 1e-6);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Json_round_trip_restores_the_same_transform(string name)
    {
        var t = name == "log" ? new LogTransform(2.5e-4, 0.123456789012345, 1.98765432109876) : Make(name);
        var text = t.ToJson().ToJsonString();
        var back = DensityTransform.FromJson((JsonObject)JsonNode.Parse(text)!);
        Assert.Equal(t, back);
        Assert.Equal(name, back.Name);
    }

    [Fact]
    public void Create_reads_options_and_defaults()
    {
        Assert.Equal(new RodriguezTransform(4), DensityTransform.Create("rodriguez", new Dictionary<string, double>()));
        Assert.Equal(new RodriguezTransform(10), DensityTransform.Create("rodriguez", new Dictionary<string, double> { ["a"] = 10 }));
        Assert.Equal(new LogTailTransform(3, 1), DensityTransform.Create("log_tail", new Dictionary<string, double> { ["pivot"] = 3 }));
        Assert.Equal(new LogTransform(1e-3, 0.5, 2), DensityTransform.Create("log", new Dictionary<string, double> { ["mu"] = 0.5, ["sigma"] = 2 }));
    }

    [Fact]
    public void Unknown_names_options_and_missing_fields_are_reported_with_the_valid_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => DensityTransform.Create("sqrt", new Dictionary<string, double>()));
        Assert.Contains("'sqrt'", e.Message);
        Assert.Contains("rodriguez, log, log_tail", e.Message);
        e = Assert.Throws<ArgumentException>(() => DensityTransform.Create("rodriguez", new Dictionary<string, double> { ["b"] = 1 }));
        Assert.Contains("'b'", e.Message);
        Assert.Contains("valid: a", e.Message);
        e = Assert.Throws<ArgumentException>(() => DensityTransform.Create("log", new Dictionary<string, double>()));
        Assert.Contains("'mu' and 'sigma'", e.Message);
        var f = Assert.Throws<FormatException>(() => DensityTransform.FromJson(new JsonObject { ["name"] = "log", ["mu"] = 0.0, ["sigma"] = 1.0 }));
        Assert.Contains("\"epsilon\"", f.Message);
        f = Assert.Throws<FormatException>(() => DensityTransform.FromJson(new JsonObject { ["name"] = "tanh" }));
        Assert.Contains("rodriguez, log, log_tail", f.Message);
    }

    [Fact]
    public void Densities_outside_the_domain_are_rejected_with_their_position()
    {
        var y = new float[3];
        var e = Assert.Throws<ArgumentException>(() => new RodriguezTransform().Forward([0f, -1.5f, 0f], y));
        Assert.Contains("element 1", e.Message);
        Assert.Contains("-1.5", e.Message);
    }
}
