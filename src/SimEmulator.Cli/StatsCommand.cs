using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SimEmulator.Data;
using SimEmulator.Data.Hdf5;
using SimEmulator.Data.Layouts;
using SimEmulator.Validation.Images;
using SimEmulator.Validation.Reports;
using SimEmulator.Validation.Reports.Sections;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Cli;

/// <summary>
/// `simemu stats power|xi|pdf|peaks|bispectrum|minkowski|marked FILE [--index i | --all] [--k k1,k2,…] [--format json|csv] [--out PATH]`:
/// one summary statistic of one realization of a field set, or its mean (and standard deviation, 1/(N−1)) over all of
/// them, for users' own plots. JSON is the statistic's own {"columns", "attrs"} record; CSV has one row per bin (a column
/// of bin edges becomes _low/_high). `simemu stats morphology IMAGES.h5 [--index i] [--band b]` measures galaxy images
/// instead: one row per image (all images unless --index).
/// </summary>
public static class StatsCommand
{
    /// <summary>Statistic name → (function of δ, the set's info and --k giving its JSON, the column whose spread --all reports).</summary>
    private static readonly Dictionary<string, (Func<float[], FieldSetInfo, double[]?, string> Json, string Main)> Statistics = new()
    {
        ["power"] = ((d, i, _) => PowerSpectrum.Compute(d, i.BoxSizeMpcH, FieldSetOverdensity.Window(i)).ToJson(), "P0"),
        ["xi"] = ((d, i, _) => CorrelationFunction.Compute(d, i.BoxSizeMpcH).ToJson(), "xi"),
        ["pdf"] = ((d, i, _) => DensityPdf.Compute(d, i.BoxSizeMpcH).ToJson(), "pdf"),
        ["peaks"] = ((d, i, _) => PeakCounts.Compute(d, i.BoxSizeMpcH).ToJson(), "number_density"),
        ["bispectrum"] = ((d, i, k) => Bispectrum.Equilateral(d, i.BoxSizeMpcH, k ?? BispectrumSection.DefaultK(i.Grid, i.BoxSizeMpcH), FieldSetOverdensity.Window(i)).ToJson(), "B"),
        ["minkowski"] = ((d, i, _) => MinkowskiFunctionals.ForCubeSlices(d, i.BoxSizeMpcH).ToJson(), "V0"),
        ["marked"] = ((d, i, _) => MarkedCorrelation.Compute(d, i.BoxSizeMpcH).ToJson(), "M"),
    };

    /// <summary>The statistic of image sets.</summary>
    public const string Morphology = "morphology";

    public static Command Create()
    {
        var statistic = new Argument<string>("statistic")
        {
            Description = "power (P(k) with the set's MAS window divided out), xi (ξ(r)), pdf (dP/dln(1+δ)), peaks (cumulative peak counts), " +
                          "bispectrum (equilateral B(k), Q(k)), minkowski (V0, V1, V2 of the x slices), marked (M(r), White's mark p=1, δs=0.25, R=10 Mpc/h top hat); " +
                          "morphology for an image set",
        };
        statistic.AcceptOnlyFromAmong([.. Statistics.Keys, Morphology]);
        var file = new Argument<string>("file") { Description = "Field set (HDF5), or an image set for morphology" };
        var index = new Option<int?>("--index") { Description = "Realization (image) to measure (default 0; morphology: every image)" };
        var all = new Option<bool>("--all") { Description = "Mean over all realizations, with the standard deviation of the main column (morphology: every image, the default)" };
        var k = new Option<double[]?>("--k") { Description = "bispectrum: equilateral k values in h/Mpc (default: at most 6 multiples of k_F up to half the Nyquist wavenumber)", AllowMultipleArgumentsPerToken = true };
        var band = new Option<int>("--band") { Description = "morphology: channel to measure (default 0, the first band)" };
        var format = new Option<string>("--format") { Description = "json or csv", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv");
        var output = new Option<string?>("--out") { Description = "Output file (written atomically); default: standard output" };
        var cmd = new Command("stats", "Write one summary statistic of a field set (one realization or the mean of all), or the morphology of an image set, as JSON or CSV")
            { statistic, file, index, all, k, band, format, output };
        cmd.SetAction(parse =>
        {
            var text = Compute(parse.GetValue(statistic)!, parse.GetValue(file)!, parse.GetValue(index), parse.GetValue(all), parse.GetValue(format)!,
                parse.GetValue(k) is { Length: > 0 } ks ? ks : null, parse.GetValue(band));
            if (parse.GetValue(output) is { } path) AtomicFile.Write(path, s => s.Write(Encoding.UTF8.GetBytes(text)));
            else Console.Out.Write(text);
            return 0;
        });
        return cmd;
    }

    /// <summary>The statistic as JSON or CSV text.</summary>
    /// <param name="k">Equilateral k of the bispectrum, h/Mpc (null: the validation's default set); only for bispectrum.</param>
    /// <param name="band">Channel measured by morphology.</param>
    public static string Compute(string statistic, string path, int? index, bool all, string format, double[]? k = null, int band = 0)
    {
        if (statistic != Morphology && !Statistics.ContainsKey(statistic))
            throw new ArgumentException($"unknown statistic '{statistic}'; choose {string.Join(", ", Statistics.Keys)} or {Morphology}", nameof(statistic));
        if (all && index is not null) throw new ArgumentException("give either --index i or --all, not both");
        if (k is not null && statistic != "bispectrum") throw new ArgumentException($"--k applies to bispectrum only, not to {statistic}");
        if (!File.Exists(path)) throw new FileNotFoundException($"{(statistic == Morphology ? "image set" : "field set")} not found: {path}", path);
        bool images;
        using (var h5 = H5File.Open(path)) images = !h5.Exists("fields") && h5.Exists("images");
        if (images != (statistic == Morphology))
            throw new ArgumentException(images
                ? $"{path} is an image set (/images): the statistic for image sets is {Morphology}"
                : $"{path} is not an image set (/images [N, C, H, W]): {Morphology} measures galaxy images; for field sets choose {string.Join(", ", Statistics.Keys)}");
        if (images)
        {
            var table = MorphologyTable(path, index, band);
            return format == "csv" ? ToCsv(table["columns"]!.AsObject()) : table.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        }
        var stat = Statistics[statistic];
        var json = (Func<float[], FieldSetInfo, string>)((d, info) => stat.Json(d, info, k));
        using var set = FieldSet.Open(path);
        JsonObject doc;
        if (!all)
        {
            var i = index ?? 0;
            if (i < 0 || i >= set.Count) throw new ArgumentException($"--index {i} is outside {path}, which holds {set.Count} realization(s) (0 … {set.Count - 1})");
            doc = JsonNode.Parse(json(FieldSetOverdensity.Read(set, i), set.Info))!.AsObject();
            doc["attrs"]!["file"] = Path.GetFullPath(path);
            doc["attrs"]!["index"] = i;
            doc["attrs"]!["seed"] = set.Seeds[i];
        }
        else doc = Mean(set, json, stat.Main, path);
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

    /// <summary>
    /// Morphology of every image (or image <paramref name="index"/>) of an image set in one band: {"columns": {index, seed?,
    /// flux, centroid_x, …, m20}, "attrs": {file, band, pixel_scale, height, width, conventions, failed}}; an image the
    /// measurement refuses (e.g. no positive flux) gets NaN in every column and its reason in attrs.failed.
    /// </summary>
    private static JsonObject MorphologyTable(string path, int? index, int band)
    {
        var set = ImageSet.Load(path);
        int h = (int)set.Shape[2], w = (int)set.Shape[3], channels = (int)set.Shape[1];
        if (band < 0 || band >= channels) throw new ArgumentException($"--band {band} is outside {path}, which has {channels} band(s) ({string.Join(",", set.Info.Bands)})");
        if (index is { } ix && (ix < 0 || ix >= set.Count)) throw new ArgumentException($"--index {ix} is outside {path}, which holds {set.Count} image(s) (0 … {set.Count - 1})");
        var rows = index is { } one ? [one] : Enumerable.Range(0, (int)set.Count).ToArray();
        var plane = h * w;
        var measured = new MorphologyMeasurement?[rows.Length];
        var failed = new string?[rows.Length];
        Parallel.For(0, rows.Length, r =>
        {
            var image = set.Images.AsSpan((int)(((long)rows[r] * channels + band) * plane), plane).ToArray();
            try { measured[r] = Validation.Images.Morphology.Measure(image, h, w, set.Info.PixelScaleArcsec); }
            catch (ArgumentException e) { failed[r] = $"image {rows[r]}: {e.Message}"; }
        });
        (string Name, Func<MorphologyMeasurement, double> Value)[] columns =
        [
            ("flux", m => m.Flux), ("centroid_x", m => m.CentroidXPixel), ("centroid_y", m => m.CentroidYPixel),
            ("e1", m => m.E1), ("e2", m => m.E2), ("e", m => m.EMagnitude), ("axis_ratio", m => m.AxisRatio), ("position_angle_deg", m => m.PositionAngleDeg),
            ("half_light_radius_arcsec", m => m.HalfLightRadiusArcsec), ("r20_arcsec", m => m.R20Arcsec), ("r80_arcsec", m => m.R80Arcsec),
            ("petrosian_radius_arcsec", m => m.PetrosianRadiusArcsec), ("concentration", m => m.Concentration), ("asymmetry", m => m.Asymmetry),
            ("smoothness", m => m.Smoothness), ("gini", m => m.Gini), ("m20", m => m.M20),
        ];
        var result = new JsonObject { ["index"] = Array(rows.Select(i => (double)i).ToArray()) };
        if (set.Parameters.TryGetValue("seed", out var seeds)) result["seed"] = Array(rows.Select(i => seeds[i]).ToArray());
        foreach (var (name, value) in columns)
            result[name] = Array(measured.Select(m => m is null ? double.NaN : value(m)).ToArray());
        var attrs = new JsonObject
        {
            ["file"] = Path.GetFullPath(path),
            ["band"] = band,
            ["band_name"] = set.Info.Bands[band],
            ["pixel_scale"] = set.Info.PixelScaleArcsec,
            ["height"] = h,
            ["width"] = w,
            ["images"] = rows.Length,
            ["conventions"] = Validation.Images.Morphology.Conventions,
            ["failed"] = new JsonArray(failed.Where(f => f is not null).Select(f => (JsonNode)f!).ToArray()),
        };
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
            : v.AsValue().TryGetValue<double>(out var d) ? d : v.GetValue<JsonElement>().GetDouble(); // built (double) or parsed (JsonElement)

    private static JsonArray Array(double[] values) =>
        new(values.Select(v => double.IsFinite(v) ? JsonValue.Create(v) : (JsonNode)JsonValue.Create(v.ToString(CultureInfo.InvariantCulture))).ToArray());
}
