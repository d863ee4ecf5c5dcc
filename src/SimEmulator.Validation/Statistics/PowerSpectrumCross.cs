using System.Text.Json.Nodes;

namespace SimEmulator.Validation.Statistics;

/// <summary>A cross power spectrum with the two autos it came with, and the cross-correlation coefficient r(k).</summary>
/// <param name="Cross">Re(δ_a δ_b*) in the same bins and conventions as an auto spectrum (ShotNoise NaN).</param>
/// <param name="AutoA">Auto spectrum of a.</param>
/// <param name="AutoB">Auto spectrum of b.</param>
public sealed record PowerSpectrumCross(PowerSpectrum Cross, PowerSpectrum AutoA, PowerSpectrum AutoB)
{
    /// <summary>r(k) = P_ab/√(P_aa·P_bb) of the monopoles, per bin.</summary>
    public double[] R
    {
        get
        {
            var r = new double[Cross.Count];
            for (var i = 0; i < r.Length; i++) r[i] = Cross.P0[i] / Math.Sqrt(AutoA.P0[i] * AutoB.P0[i]);
            return r;
        }
    }

    /// <summary>JSON {"cross": …, "a": …, "b": …}, each a <see cref="PowerSpectrum.ToJson"/> document; "cross" also has column "r".</summary>
    public string ToJson()
    {
        var cross = Cross.ToJsonNode();
        ((JsonObject)cross["columns"]!)["r"] = ResultJson.Node(R);
        return new JsonObject { ["cross"] = cross, ["a"] = AutoA.ToJsonNode(), ["b"] = AutoB.ToJsonNode() }
            .ToJsonString(ResultJson.Options);
    }

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    public static PowerSpectrumCross FromJson(string json)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("cross power spectrum JSON must be an object");
        JsonObject Part(string key) => node[key] as JsonObject ?? throw new FormatException($"cross power spectrum JSON has no \"{key}\" object");
        return new PowerSpectrumCross(PowerSpectrum.FromJsonNode(Part("cross")), PowerSpectrum.FromJsonNode(Part("a")), PowerSpectrum.FromJsonNode(Part("b")));
    }
}
