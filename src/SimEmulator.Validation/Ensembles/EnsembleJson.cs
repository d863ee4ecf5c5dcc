using System.Text.Json;
using System.Text.Json.Serialization;

namespace SimEmulator.Validation.Ensembles;

/// <summary>Shared JSON settings for ensemble results: matrices as nested arrays, NaN/∞ as named literals.</summary>
internal static class EnsembleJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Degenerate inputs (zero variance bins) give NaN ratios; they must still serialize.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new Array2DJsonConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}

/// <summary>Writes a double[,] as a JSON array of rows (System.Text.Json has no rectangular-array support).</summary>
internal sealed class Array2DJsonConverter : JsonConverter<double[,]>
{
    public override double[,] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var rows = JsonSerializer.Deserialize<double[][]>(ref reader, options)
                   ?? throw new JsonException("Expected a JSON array of rows for a matrix.");
        int cols = rows.Length == 0 ? 0 : rows[0].Length;
        var m = new double[rows.Length, cols];
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i].Length != cols)
                throw new JsonException($"Matrix row {i} has {rows[i].Length} entries, expected {cols}.");
            for (int j = 0; j < cols; j++) m[i, j] = rows[i][j];
        }
        return m;
    }

    public override void Write(Utf8JsonWriter writer, double[,] value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        for (int i = 0; i < value.GetLength(0); i++)
        {
            writer.WriteStartArray();
            for (int j = 0; j < value.GetLength(1); j++)
            {
                double v = value[i, j];
                if (double.IsFinite(v)) writer.WriteNumberValue(v);
                else writer.WriteStringValue(double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
            }
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }
}
