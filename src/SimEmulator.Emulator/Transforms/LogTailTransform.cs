using System.Text.Json.Nodes;
using SimEmulator.Torch;

namespace SimEmulator.Emulator.Transforms;

/// <summary>
/// Heavy-tail transform in the spirit of Feder, Berger &amp; Stein 2020 (Phys. Rev. D 102, 103504): linear in x = 1 + δ below a pivot p,
/// logarithmic above, so voids keep their linear contrast while halos are compressed without a hard ceiling.
/// With f(x) = x/p − 1 for x ≤ p and f(x) = ln(x/p) for x &gt; p, y = k·f(x). f and f′ = 1/p are continuous at
/// x = p (both branches give 0 and slope 1/p). Range: y ∈ [−k, ∞) for δ ≥ −1. Inverse: f = y/k,
/// x = p(1 + f) for f ≤ 0, x = p·e^f for f &gt; 0.
/// </summary>
/// <param name="Pivot">p, the density (in units of the mean) where the linear part hands over to the log; default 1 (δ = 0).</param>
/// <param name="Scale">k, an overall factor on y; default 1.</param>
public sealed record LogTailTransform(double Pivot = LogTailTransform.DefaultPivot, double Scale = LogTailTransform.DefaultScale) : IDensityTransform
{
    public const double DefaultPivot = 1.0;
    public const double DefaultScale = 1.0;

    public double Pivot { get; } = Pivot > 0 && double.IsFinite(Pivot) ? Pivot : throw new ArgumentOutOfRangeException(nameof(Pivot), Pivot, "log_tail 'pivot' must be positive and finite");
    public double Scale { get; } = Scale > 0 && double.IsFinite(Scale) ? Scale : throw new ArgumentOutOfRangeException(nameof(Scale), Scale, "log_tail 'scale' must be positive and finite");

    public string Name => "log_tail";

    public void Forward(ReadOnlySpan<float> delta, Span<float> y)
    {
        DensityTransform.CheckLengths(delta.Length, y.Length);
        for (var i = 0; i < delta.Length; i++)
        {
            var u = (1.0 + delta[i]) / Pivot;
            if (!(u >= 0)) throw DensityTransform.OutOfDomain(Name, i, delta[i], "δ ≥ −1");
            y[i] = (float)(Scale * (u <= 1 ? u - 1 : Math.Log(u)));
        }
    }

    public void Inverse(ReadOnlySpan<float> y, Span<float> delta)
    {
        DensityTransform.CheckLengths(y.Length, delta.Length);
        for (var i = 0; i < y.Length; i++)
        {
            var f = y[i] / Scale;
            delta[i] = (float)(Pivot * (f <= 0 ? 1 + f : Math.Exp(f)) - 1);
        }
    }

    public Tensor Inverse(Tensor y) => DensityTransform.InDouble(y, s =>
    {
        using var f = s / Scale;
        using var linear = f + 1.0;
        using var tail = f.exp();
        using var below = f <= 0.0;
        using var u = torch.where(below, linear, tail);
        using var x = u * Pivot;
        return x - 1.0;
    });

    public JsonObject ToJson() => new() { ["name"] = Name, ["pivot"] = Pivot, ["scale"] = Scale };
}
