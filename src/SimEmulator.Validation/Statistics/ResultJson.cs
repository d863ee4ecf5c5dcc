using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SimEmulator.Validation.Statistics;

/// <summary>
/// The nbodykit-style JSON every statistic writes — {"columns": {...}, "attrs": {...}} with NaN and ±∞ as named
/// literals so values round-trip exactly — and its reading, with messages that name the statistic and the key.
/// </summary>
internal static class ResultJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    public static JsonNode? Node<T>(T value) => JsonSerializer.SerializeToNode(value, Options);

    /// <summary>Reads key from a JSON object, naming the statistic and the key when it is missing.</summary>
    public static T Read<T>(JsonObject o, string key, string what) =>
        JsonSerializer.Deserialize<T>(o[key] ?? throw new FormatException($"{what} JSON lacks \"{key}\""), Options)!;

    /// <summary>Splits nbodykit-style JSON text into its "columns" and "attrs" objects.</summary>
    public static (JsonObject columns, JsonObject attrs) ParseColumnsAttrs(string json, string what)
    {
        ArgumentNullException.ThrowIfNull(json);
        var node = JsonNode.Parse(json) as JsonObject
            ?? throw new FormatException($"{what} JSON must be an object with \"columns\" and \"attrs\"");
        return ColumnsAttrs(node, what);
    }

    /// <summary>The "columns" and "attrs" objects of an already parsed document (or of one part of a larger one).</summary>
    public static (JsonObject columns, JsonObject attrs) ColumnsAttrs(JsonObject node, string what)
    {
        var columns = node["columns"] as JsonObject ?? throw new FormatException($"{what} JSON has no \"columns\" object");
        var attrs = node["attrs"] as JsonObject ?? throw new FormatException($"{what} JSON has no \"attrs\" object");
        return (columns, attrs);
    }
}
