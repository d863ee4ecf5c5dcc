using System.Text.Json.Nodes;
using SimEmulator.Torch;

namespace SimEmulator.Emulator.Transforms;

/// <summary>
/// y = (ln(1 + δ + ε) − μ)/σ: the log density, standardized (μ, σ are the mean and standard deviation of
/// ln(1 + δ + ε) over the training cubes). ε keeps empty cells (δ = −1) finite at ln ε. Inverse δ = exp(σy + μ) − 1 − ε.
/// </summary>
/// <param name="Epsilon">Floor ε added to 1 + δ; default 1e-3, below the smallest nonzero CIC density of a few particles per cell.</param>
/// <param name="Mu">Mean of ln(1 + δ + ε) over the fitted cubes.</param>
/// <param name="Sigma">Standard deviation (1/N) of ln(1 + δ + ε) over the fitted cubes.</param>
public sealed record LogTransform(double Epsilon, double Mu, double Sigma) : IDensityTransform
{
    public const double DefaultEpsilon = 1e-3;

    public double Epsilon { get; } = Epsilon > 0 && double.IsFinite(Epsilon) ? Epsilon : throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "log 'epsilon' must be positive and finite");
    public double Mu { get; } = double.IsFinite(Mu) ? Mu : throw new ArgumentOutOfRangeException(nameof(Mu), Mu, "log 'mu' must be finite");
    public double Sigma { get; } = Sigma > 0 && double.IsFinite(Sigma) ? Sigma : throw new ArgumentOutOfRangeException(nameof(Sigma), Sigma, "log 'sigma' must be positive and finite");

    public string Name => "log";

    /// <summary>Fits μ and σ (two passes, in double) over every cell of the given δ cubes.</summary>
    public static LogTransform Fit(IEnumerable<float[]> cubes, double epsilon = DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(cubes);
        var list = cubes as IReadOnlyList<float[]> ?? cubes.ToList();
        double sum = 0;
        long count = 0;
        foreach (var c in list)
            for (var i = 0; i < c.Length; i++)
            {
                var v = 1.0 + c[i] + epsilon;
                if (!(v > 0)) throw DensityTransform.OutOfDomain("log", i, c[i], $"δ > −1 − ε (ε = {epsilon})");
                sum += Math.Log(v);
                count++;
            }
        if (count == 0) throw new ArgumentException("no cells to fit the log transform on", nameof(cubes));
        var mu = sum / count;
        double ss = 0;
        foreach (var c in list)
            for (var i = 0; i < c.Length; i++)
            {
                var d = Math.Log(1.0 + c[i] + epsilon) - mu;
                ss += d * d;
            }
        var sigma = Math.Sqrt(ss / count);
        if (!(sigma > 0)) throw new ArgumentException("the fitted cubes are constant (σ = 0); pass 'sigma' explicitly", nameof(cubes));
        return new LogTransform(epsilon, mu, sigma);
    }

    public void Forward(ReadOnlySpan<float> delta, Span<float> y)
    {
        DensityTransform.CheckLengths(delta.Length, y.Length);
        var inv = 1.0 / Sigma;
        for (var i = 0; i < delta.Length; i++)
        {
            var v = 1.0 + delta[i] + Epsilon;
            if (!(v > 0)) throw DensityTransform.OutOfDomain(Name, i, delta[i], $"δ > −1 − ε (ε = {Epsilon})");
            y[i] = (float)((Math.Log(v) - Mu) * inv);
        }
    }

    public void Inverse(ReadOnlySpan<float> y, Span<float> delta)
    {
        DensityTransform.CheckLengths(y.Length, delta.Length);
        for (var i = 0; i < y.Length; i++)
            delta[i] = (float)(Math.Exp(Sigma * y[i] + Mu) - 1 - Epsilon);
    }

    public Tensor Inverse(Tensor y) => DensityTransform.InDouble(y, s =>
    {
        using var scaled = s * Sigma;
        using var shifted = scaled + Mu;
        using var e = shifted.exp();
        return e - (1.0 + Epsilon);
    });

    public JsonObject ToJson() => new() { ["name"] = Name, ["epsilon"] = Epsilon, ["mu"] = Mu, ["sigma"] = Sigma };
}
