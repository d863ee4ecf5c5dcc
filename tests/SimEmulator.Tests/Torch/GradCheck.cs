using SimEmulator.Torch;
using Xunit.Abstractions;

namespace SimEmulator.Tests.Torch;

/// <summary>
/// Checks autograd against central finite differences, (f(θ + h eᵢ) − f(θ − h eᵢ)) / 2h, of a scalar f in float64.
/// </summary>
/// <remarks>
/// With h = 1e-6 the truncation error is O(h² f''') ≈ 1e-12 and the rounding error about ε|f|/h ≈ 1e-10·|f|,
/// so a correct gradient agrees to ~1e-9 relative. The relative error of a coordinate is
/// |analytic − numeric| / max(|analytic|, |numeric|, floor) where floor = 1e-3 · (largest |analytic| of that input):
/// a coordinate whose true derivative is (nearly) zero is judged against the gradient's scale, not against 0.
/// </remarks>
internal static class GradCheck
{
    public sealed record Worst(string Input, long Index, double Analytic, double Numeric, double RelativeError)
    {
        public override string ToString() =>
            $"{Input}[{Index}]: analytic {Analytic:R}, finite difference {Numeric:R}, relative error {RelativeError:E2}";
    }

    /// <summary>
    /// Differentiates f (which must rebuild its scalar from the current values of the inputs on every call) by backward(),
    /// then by central differences at up to <paramref name="coordinates"/> random elements of each input (all if fewer);
    /// returns the worst coordinate of each input.
    /// </summary>
    public static Worst[] Compare(Func<Tensor> f, IReadOnlyList<(string name, Tensor tensor)> inputs,
        int coordinates = 20, double h = 1e-6, int seed = 0)
    {
        foreach (var (name, t) in inputs)
        {
            if (t.dtype != ScalarType.Float64) throw new ArgumentException($"input '{name}' is {t.dtype.TorchName()}; finite differences need float64");
            if (!t.is_leaf || !t.requires_grad) throw new ArgumentException($"input '{name}' must be a leaf that requires grad");
            t.zero_grad();
        }

        var analytic = new double[inputs.Count][];
        using (torch.NewDisposeScope())
        {
            f().backward();
            for (var i = 0; i < inputs.Count; i++)
            {
                var g = inputs[i].tensor.grad;
                analytic[i] = g is null ? new double[inputs[i].tensor.numel()] : g.data<double>();
            }
        }

        var rng = new Random(seed);
        var result = new Worst[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var (name, t) = inputs[i];
            var values = t.data<double>();
            var n = values.Length;
            var picks = n <= coordinates ? Enumerable.Range(0, n).ToArray() : Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Take(coordinates).ToArray();
            var floor = 1e-3 * analytic[i].Max(Math.Abs);
            Worst? worst = null;
            foreach (var c in picks)
            {
                var original = values[c];
                values[c] = original + h;
                t.CopyFrom<double>(values);
                var plus = Evaluate(f);
                values[c] = original - h;
                t.CopyFrom<double>(values);
                var minus = Evaluate(f);
                values[c] = original;
                t.CopyFrom<double>(values);

                var numeric = (plus - minus) / (2 * h);
                var a = analytic[i][c];
                var denominator = Math.Max(Math.Max(Math.Abs(a), Math.Abs(numeric)), floor);
                var rel = denominator == 0 ? 0 : Math.Abs(a - numeric) / denominator;
                if (worst is null || rel > worst.RelativeError) worst = new Worst(name, c, a, numeric, rel);
            }
            result[i] = worst ?? new Worst(name, -1, 0, 0, 0);
        }
        return result;
    }

    /// <summary>Asserts that every input's worst coordinate is within the relative tolerance.</summary>
    public static void AssertGradientsMatch(Func<Tensor> f, IReadOnlyList<(string name, Tensor tensor)> inputs,
        double tolerance = 1e-6, int coordinates = 20, double h = 1e-6, int seed = 0, ITestOutputHelper? log = null)
    {
        var worst = Compare(f, inputs, coordinates, h, seed);
        foreach (var w in worst) log?.WriteLine(w.ToString());
        foreach (var w in worst)
            Assert.True(w.RelativeError < tolerance, $"gradient mismatch beyond {tolerance:E0}: {w}");
    }

    private static double Evaluate(Func<Tensor> f)
    {
        using var scope = torch.NewDisposeScope();
        return f().item<double>();
    }
}
