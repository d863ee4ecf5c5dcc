using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SimEmulator.Data;
using SimEmulator.Data.Layouts;
using SimEmulator.Validation.Reports;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Cli;

/// <summary>
/// `simemu stats power|xi|pdf|peaks FILE [--index i | --all] [--format json|csv] [--out PATH]`: one summary statistic of
/// one realization of a field set, or its mean (and standard deviation, 1/(N−1)) over all of them, for users' own plots.
/// JSON is the statistic's own {"columns", "attrs"} record; CSV has one row per bin (a column of bin edges becomes _low/_high).
/// </summary>
public static class StatsCommand
{
    /// <summary>Statistic name → (function of δ and the set's info giving its JSON, the column whose spread --all reports).</summary>
    private static readonly Dictionary<string, (Func<float[], FieldSetInfo, string> Json, string Main)> Statistics = new()
    {
        ["power"] = ((d, i) => PowerSpectrum.Compute(d, i.BoxSizeMpcH, FieldSetOverdensity.Window(i)).ToJson(), "P0"),
        ["xi"] = ((d, i) => CorrelationFunction.Compute(d, i.BoxSizeMpcH).ToJson(), "xi"),
        ["pdf"] = ((d, i) => DensityPdf.Compute(d, i.BoxSizeMpcH).ToJson(), "pdf"),
        ["peaks"] = ((d, i) => PeakCounts.Compute(d, i.BoxSizeMpcH).ToJson(), "number_density"),
    };

    public static Command Create()
    {
        var statistic = new Argument<string>("statistic") { Description = "power (P(k) with the set's MAS window divided out), xi (ξ(r)), pdf (dP/dln(1+δ)) or peaks (cumulative peak counts)" };
        statistic.AcceptOnlyFromAmong([.. Statistics.Keys]);
        var file = new Argument<string>("file") { Description = "Field set (HDF5)" };
        var index = new Option<int?>("--index") { Description = "Realization to measure (default 0)" };
        var all = new Option<bool>("--all") { Description = "Mean over all realizations, with the standard deviation of the main column" };
        var format = new Option<string>("--format") { Description = "json or csv", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv");
        var output = new Option<string?>("--out") { Description = "Output file (written atomically); default: standard output" };
        var cmd = new Command("stats", "Write one summary statistic of a field set (one realization or the mean of all) as JSON or CSV")
            { statistic, file, index, all, format, output };
        cmd.SetAction(parse =>
        {
            var text = Compute(parse.GetValue(statistic)!, parse.GetValue(file)!, parse.GetValue(index), parse.GetValue(all), parse.GetValue(format)!);
            if (parse.GetValue(output) is { } path) AtomicFile.Write(path, s => s.Write(Encoding.UTF8.GetBytes(text)));
            else Console.Out.Write(text);
            return 0;
        });
        return cmd;
    }

    /// <summary>The statistic as JSON or CSV text.</summary>
    public static string Compute(string statistic, string path, int? index, bool all, string format)
    {
        if (!Statistics.TryGetValue(statistic, out var stat))
            throw new ArgumentException($"unknown statistic '{statistic}'; choose {string.Join(", ", Statistics.Keys)}", nameof(statistic));
        if (all && index is not null) throw new ArgumentException("give either --index i or --all, not both");
        if (!File.Exists(path)) throw new FileNotFoundException($"field set not found: {path}", path);
        using var set = FieldSet.Open(path);
        JsonObject doc;
        if (!all)
        {
            var i = index ?? 0;
            if (i < 0 || i >= set.Count) throw new ArgumentException($"--index {i} is outside {path}, which holds {set.Count} realization(s) (0 … {set.Count - 1})");
            doc = JsonNode.Parse(stat.Json(FieldSetOverdensity.Read(set, i), set.Info))!.AsObject();
            doc["attrs"]!["file"] = Path.GetFullPath(path);
            doc["attrs"]!["index"] = i;
            doc["attrs"]!["seed"] = set.Seeds[i];
        }
        else doc = Mean(set, stat.Json, stat.Main, path);
        return format == "csv" ? ToCsv(doc["columns"]!.AsObject()) : doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Mean(FieldSet set, Func<float[], FieldSetInfo, string> json, string main, string path)
    {
        if (set.Count < 1) throw new ArgumentException($"{path} holds no realizations");
        JsonObject? first = null;
        var columns = new Dictionary<string, List<double[]>>();
        for (var i = 0; i < set.Count; i++)
        {
            var doc = JsonNode.Parse(json(FieldSetOverdensity.Read(set, i), set.Info))!.AsObject();
            first ??= doc;
            foreach (var (name, values) in doc["columns"]!.AsObject())
                (columns.TryGetValue(name, out var l) ? l : columns[name] = []).Add(values!.AsArray().Select(v => ToDouble(v!)).ToArray());
        }
        var result = new JsonObject();
        foreach (var (name, rows) in columns)
        {
            var mean = new double[rows[0].Length];
            foreach (var r in rows) for (var j = 0; j < mean.Length; j++) mean[j] += r[j] / rows.Count;
            result[name] = Array(mean);
            if (name != main) continue;
            var std = new double[mean.Length];
            if (rows.Count > 1)
            {
                foreach (var r in rows) for (var j = 0; j < std.Length; j++) std[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
                for (var j = 0; j < std.Length; j++) std[j] = Math.Sqrt(std[j] / (rows.Count - 1));
            }
            else System.Array.Fill(std, double.NaN);
            result[name + "_std"] = Array(std);
        }
        var attrs = first!["attrs"]!.DeepClone().AsObject();
        attrs["file"] = Path.GetFullPath(path);
        attrs["realizations"] = set.Count;
        attrs["mean_over_realizations"] = true;
        return new JsonObject { ["columns"] = result, ["attrs"] = attrs };
    }

    /// <summary>One row per bin; a column one longer than the rest (bin edges) is split into name_low and name_high.</summary>
    private static string ToCsv(JsonObject columns)
    {
        var cols = columns.Select(c => (c.Key, Values: c.Value!.AsArray().Select(v => ToDouble(v!)).ToArray())).ToList();
        var rows = cols.Min(c => c.Values.Length);
        var expanded = new List<(string Name, double[] Values)>();
        foreach (var (name, values) in cols)
        {
            if (values.Length == rows) expanded.Add((name, values));
            else if (values.Length == rows + 1)
            {
                expanded.Add((name + "_low", values[..^1]));
                expanded.Add((name + "_high", values[1..]));
            }
            else throw new InvalidOperationException($"column '{name}' has {values.Length} values for {rows} rows");
        }
        var sb = new StringBuilder(string.Join(",", expanded.Select(c => c.Name))).Append('\n');
        for (var r = 0; r < rows; r++)
            sb.Append(string.Join(",", expanded.Select(c => c.Values[r].ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
        return sb.ToString();
    }

    private static double ToDouble(JsonNode v) =>
        v.GetValueKind() == JsonValueKind.String
            ? double.Parse(v.GetValue<string>(), CultureInfo.InvariantCulture) // NaN and ±Infinity are named literals
            : v.GetValue<JsonElement>().GetDouble();

    private static JsonArray Array(double[] values) =>
        new(values.Select(v => double.IsFinite(v) ? JsonValue.Create(v) : (JsonNode)JsonValue.Create(v.ToString(CultureInfo.InvariantCulture))).ToArray());
}
