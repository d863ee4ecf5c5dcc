using System.Text.Json.Nodes;
using SimEmulator.Emulator.Datasets;
using SimEmulator.Torch;

namespace SimEmulator.Emulator.Transforms;

/// <summary>Builds density transforms by name (from a config or the CLI) and reads them back from model.json.</summary>
public static class DensityTransform
{
    /// <summary>The names <see cref="Create"/> and <see cref="FromJson"/> accept.</summary>
    public static readonly IReadOnlyList<string> Names = ["rodriguez", "log", "log_tail"];

    private static readonly Dictionary<string, string[]> OptionNames = new()
    {
        ["rodriguez"] = ["a"],
        ["log"] = ["epsilon", "mu", "sigma"],
        ["log_tail"] = ["pivot", "scale"],
    };

    /// <summary>
    /// A transform by name with the given options (missing options take their defaults):
    /// "rodriguez" {a = 4}; "log" {epsilon = 1e-3, mu, sigma — fitted on <paramref name="fitOn"/>'s cubes unless both
    /// are given}; "log_tail" {pivot = 1, scale = 1}. Unknown names or options throw ArgumentException listing the valid ones.
    /// </summary>
    public static IDensityTransform Create(string name, IReadOnlyDictionary<string, double>? options = null, CubeDataset? fitOn = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        options ??= new Dictionary<string, double>();
        if (!OptionNames.TryGetValue(name, out var valid))
            throw new ArgumentException($"unknown density transform '{name}'; valid: {string.Join(", ", Names)}", nameof(name));
        foreach (var key in options.Keys)
            if (!valid.Contains(key))
                throw new ArgumentException($"unknown option '{key}' for density transform '{name}'; valid: {string.Join(", ", valid)}", nameof(options));
        double Opt(string key, double fallback) => options.TryGetValue(key, out var v) ? v : fallback;
        switch (name)
        {
            case "rodriguez":
                return new RodriguezTransform(Opt("a", RodriguezTransform.DefaultA));
            case "log_tail":
                return new LogTailTransform(Opt("pivot", LogTailTransform.DefaultPivot), Opt("scale", LogTailTransform.DefaultScale));
            default:
                var eps = Opt("epsilon", LogTransform.DefaultEpsilon);
                var hasMu = options.TryGetValue("mu", out var mu);
                var hasSigma = options.TryGetValue("sigma", out var sigma);
                if (hasMu && hasSigma) return new LogTransform(eps, mu, sigma);
                if (hasMu || hasSigma)
                    throw new ArgumentException("density transform 'log' needs both 'mu' and 'sigma', or neither (then they are fitted)", nameof(options));
                if (fitOn is null)
                    throw new ArgumentException("density transform 'log' needs 'mu' and 'sigma' options or a dataset to fit them on", nameof(fitOn));
                if (fitOn.Transform is not null)
                    throw new ArgumentException($"fit the log transform on overdensity cubes, not on cubes already mapped by '{fitOn.Transform.Name}'", nameof(fitOn));
                return LogTransform.Fit(Enumerable.Range(0, fitOn.Count).Select(fitOn.FieldArray), eps);
        }
    }

    /// <summary>Reads what <see cref="IDensityTransform.ToJson"/> wrote; FormatException names an unknown name or missing field.</summary>
    public static IDensityTransform FromJson(JsonObject o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var name = o["name"] is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw new FormatException("density transform JSON lacks a string \"name\"");
        if (!OptionNames.TryGetValue(name, out var fields))
            throw new FormatException($"density transform JSON has unknown name '{name}'; valid: {string.Join(", ", Names)}");
        var values = new Dictionary<string, double>();
        foreach (var f in fields)
            values[f] = o[f] is JsonValue fv && fv.TryGetValue<double>(out var d)
                ? d
                : throw new FormatException($"density transform '{name}' JSON lacks the number \"{f}\"");
        return Create(name, values);
    }

    internal static void CheckLengths(int input, int output)
    {
        if (input != output) throw new ArgumentException($"input holds {input} values but output holds {output}; they must match");
    }

    internal static ArgumentException OutOfDomain(string name, int index, float delta, string domain) =>
        new($"density transform '{name}' needs {domain}, got δ = {delta} at element {index}", "delta");

    /// <summary>Applies f in float64 (so float32 inputs round once, at the end) and returns y's dtype.</summary>
    internal static Tensor InDouble(Tensor y, Func<Tensor, Tensor> f)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (!y.dtype.IsFloatingPoint())
            throw new ArgumentException($"density transform inverse needs a floating-point tensor, got {y.dtype.TorchName()}", nameof(y));
        using var d = y.to(ScalarType.Float64);
        var r = f(d);
        if (y.dtype == ScalarType.Float64) return r;
        using (r) return r.to(y.dtype);
    }
}
