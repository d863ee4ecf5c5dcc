using System.Text.Json.Nodes;
using SimEmulator.Torch;

namespace SimEmulator.Emulator.Transforms;

/// <summary>
/// s = 2x/(x + a) − 1 with x = 1 + δ (Rodríguez et al. 2018, "Fast cosmic web simulations with GANs"): maps
/// x ∈ [0, ∞) onto [−1, 1), matching a tanh output layer; x = a is sent to 0. Inverse x = a(1 + s)/(1 − s).
/// In float32, s is capped at the largest float below 1 (x beyond ~7·10⁷·a would round to 1), both ways, so a
/// saturated tanh output inverts to a huge but finite density instead of +∞.
/// </summary>
/// <param name="A">The density a (in units of the mean, x = 1 + δ) sent to s = 0; Rodríguez et al. use 4.</param>
public sealed record RodriguezTransform(double A = RodriguezTransform.DefaultA) : IDensityTransform
{
    public const double DefaultA = 4.0;

    /// <summary>The largest float32 below 1, 1 − 2⁻²⁴.</summary>
    private const float MaxS = 0.99999994f;

    public double A { get; } = A > 0 && double.IsFinite(A) ? A : throw new ArgumentOutOfRangeException(nameof(A), A, "rodriguez 'a' must be positive and finite");

    public string Name => "rodriguez";

    public void Forward(ReadOnlySpan<float> delta, Span<float> y)
    {
        DensityTransform.CheckLengths(delta.Length, y.Length);
        for (var i = 0; i < delta.Length; i++)
        {
            double x = 1.0 + delta[i];
            if (!(x >= 0)) throw DensityTransform.OutOfDomain(Name, i, delta[i], "δ ≥ −1");
            y[i] = Math.Min((float)(2 * x / (x + A) - 1), MaxS);
        }
    }

    public void Inverse(ReadOnlySpan<float> y, Span<float> delta)
    {
        DensityTransform.CheckLengths(y.Length, delta.Length);
        for (var i = 0; i < y.Length; i++)
        {
            double s = Math.Min(y[i], MaxS);
            delta[i] = (float)(A * (1 + s) / (1 - s) - 1);
        }
    }

    public Tensor Inverse(Tensor y) => DensityTransform.InDouble(y, s =>
    {
        using var capped = s.clamp(max: MaxS);
        using var num = (capped + 1.0) * A;
        using var den = 1.0 - capped;
        using var x = num / den;
        return x - 1.0;
    });

    public JsonObject ToJson() => new() { ["name"] = Name, ["a"] = A };
}
