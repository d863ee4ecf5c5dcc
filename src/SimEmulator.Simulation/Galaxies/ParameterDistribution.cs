using SimEmulator.Data.Randomness;
namespace SimEmulator.Simulation.Galaxies;

/// <summary>
/// A distribution of one per-object parameter, sampled by its quantile function from exactly one uniform draw, so that
/// changing one parameter's distribution in a config never shifts the values drawn for the others.
/// </summary>
public abstract record ParameterDistribution
{
    /// <summary>The value at cumulative probability u ∈ [0, 1).</summary>
    public abstract double Quantile(double u);

    /// <summary>Smallest and largest values it can produce.</summary>
    public abstract (double Min, double Max) Support { get; }

    public double Sample(Xoshiro256StarStar rng) => Quantile(rng.NextDouble());

    public sealed record Fixed(double Value) : ParameterDistribution
    {
        public override double Quantile(double u) => Value;
        public override (double Min, double Max) Support => (Value, Value);
        public override string ToString() => Value.ToString("G6");
    }

    public sealed record Uniform(double Min, double Max) : ParameterDistribution
    {
        public override double Quantile(double u) => Min + u * (Max - Min);
        public override (double Min, double Max) Support => (Min, Max);
        public override string ToString() => $"uniform({Min:G6}, {Max:G6})";
    }

    /// <summary>Uniform in ln x between Min and Max (both positive).</summary>
    public sealed record LogUniform(double Min, double Max) : ParameterDistribution
    {
        public override double Quantile(double u) => Min * Math.Pow(Max / Min, u);
        public override (double Min, double Max) Support => (Min, Max);
        public override string ToString() => $"loguniform({Min:G6}, {Max:G6})";
    }

    /// <summary>Normal of the given mean and σ, truncated to [Min, Max].</summary>
    public sealed record Normal(double Mean, double Sigma, double Min = double.NegativeInfinity, double Max = double.PositiveInfinity) : ParameterDistribution
    {
        public override double Quantile(double u) =>
            Math.Clamp(Mean + Sigma * TruncatedStandardQuantile(u, (Min - Mean) / Sigma, (Max - Mean) / Sigma), Min, Max);
        public override (double Min, double Max) Support => (Min, Max);
        public override string ToString() => $"normal({Mean:G6}, {Sigma:G6}) in [{Min:G6}, {Max:G6}]";
    }

    /// <summary>ln x normal about ln Median with σ = SigmaLn, truncated to [Min, Max].</summary>
    public sealed record LogNormal(double Median, double SigmaLn, double Min = 0, double Max = double.PositiveInfinity) : ParameterDistribution
    {
        public override double Quantile(double u)
        {
            var lnMin = Min > 0 ? Math.Log(Min) : double.NegativeInfinity;
            var mu = Math.Log(Median);
            var z = TruncatedStandardQuantile(u, (lnMin - mu) / SigmaLn, (Math.Log(Max) - mu) / SigmaLn);
            return Math.Clamp(Math.Exp(mu + SigmaLn * z), Min, Max);
        }
        public override (double Min, double Max) Support => (Min, Max);
        public override string ToString() => $"lognormal(median {Median:G6}, σ_ln {SigmaLn:G6}) in [{Min:G6}, {Max:G6}]";
    }

    /// <summary>One of the values, equally likely.</summary>
    public sealed record Choice(IReadOnlyList<double> Values) : ParameterDistribution
    {
        public override double Quantile(double u) => Values[Math.Min(Values.Count - 1, (int)(u * Values.Count))];
        public override (double Min, double Max) Support => (Values.Min(), Values.Max());
        public override string ToString() => $"choice({string.Join(", ", Values.Select(v => v.ToString("G6")))})";
    }

    /// <summary>Φ⁻¹ of u mapped into [Φ(a), Φ(b)].</summary>
    private static double TruncatedStandardQuantile(double u, double a, double b)
    {
        var pa = double.IsNegativeInfinity(a) ? 0 : MathNet.Numerics.Distributions.Normal.CDF(0, 1, a);
        var pb = double.IsPositiveInfinity(b) ? 1 : MathNet.Numerics.Distributions.Normal.CDF(0, 1, b);
        var p = pa + u * (pb - pa);
        if (p <= 0) return a;
        if (p >= 1) return b;
        return MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, p);
    }
}
