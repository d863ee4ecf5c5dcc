using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SimEmulator.Data.Config;
using SimEmulator.Simulation.Galaxies;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static SimEmulator.Simulation.Config.GalaxyConfig;

namespace SimEmulator.Simulation.Config;

/// <summary>
/// Strict reading of galaxy configs from the YAML node tree: every key is looked up by name, every value checked
/// against its unit and range, and any key left over is an error with the nearest known key as a suggestion.
/// </summary>
internal static class GalaxyConfigReader
{
    public static GalaxyConfig Load(string path)
    {
        if (!File.Exists(path)) throw new GalaxyConfigException(path, "", $"{path}: config file not found");
        return Parse(File.ReadAllText(path), path);
    }

    public static GalaxyConfig Parse(string yaml, string file)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException e) { throw new GalaxyConfigException(file, "", $"{file}: not valid YAML (line {e.Start.Line}): {e.Message}"); }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode rootNode)
            throw new GalaxyConfigException(file, "", $"{file}: expected a mapping of keys (stamp, galaxy, psf, noise, ...) at the top level");

        var root = new Section(file, "", rootNode);
        root.AllowOnly(["seed", "stamp", "galaxy", "psf", "noise", "degrade", "output"]);
        var seed = root.Integer("seed", 0, long.MinValue, long.MaxValue);
        var stamp = ReadStamp(root.Child("stamp", required: true)!);
        var galaxy = ReadGalaxy(root.Child("galaxy", required: true)!);
        var psf = ReadPsf(root.Child("psf", required: false));
        var noise = ReadNoise(root.Child("noise", required: false));
        var degradeSection = root.Child("degrade", required: false);
        var degrade = degradeSection is null ? null : ReadDegrade(degradeSection);
        var channels = ReadChannels(root.Child("output", required: false), degrade is not null, file);

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)));
        return new GalaxyConfig(seed, stamp, galaxy, psf, noise, degrade, channels, file, hash);
    }

    private static StampSection ReadStamp(Section s)
    {
        s.AllowOnly(["size", "nx", "ny", "pixel_scale"]);
        int nx, ny;
        if (s.Has("size"))
        {
            if (s.Has("nx") || s.Has("ny")) throw s.Error("size", "give either 'size' or 'nx' and 'ny', not both");
            nx = ny = (int)s.Integer("size", null, 4, 8192);
        }
        else
        {
            nx = (int)s.Integer("nx", null, 4, 8192);
            ny = (int)s.Integer("ny", null, 4, 8192);
        }
        var scale = s.Number("pixel_scale", null, Range.Positive, "arcsec per pixel");
        return new StampSection(nx, ny, scale);
    }

    private static GalaxySection ReadGalaxy(Section s)
    {
        var modelText = s.Text("profile", "sersic");
        var model = modelText switch
        {
            "sersic" => GalaxyModel.Sersic,
            "bulge_disk" => GalaxyModel.BulgeDisk,
            _ => throw s.Error("profile", $"must be 'sersic' or 'bulge_disk', got '{modelText}'"),
        };
        List<string> keys = ["profile", "flux", "magnitude", "zeropoint", "half_light_radius", "ellipticity", "position_angle", "centroid_offset"];
        string[] sersicKeys = ["sersic_n"], bulgeKeys = ["bulge_fraction", "bulge_half_light_radius", "bulge_ellipticity"];
        keys.AddRange(model == GalaxyModel.Sersic ? sersicKeys : bulgeKeys);
        s.AllowOnly(keys, model == GalaxyModel.Sersic ? ("bulge_disk", bulgeKeys) : ("sersic", sersicKeys), "profile");
        ParameterDistribution? flux = null, magnitude = null;
        double zeropoint = 0;
        if (s.Has("flux") == s.Has("magnitude")) throw s.Error("", "give exactly one of 'flux' (ADU) or 'magnitude' (with 'zeropoint')");
        if (s.Has("flux")) flux = s.Distribution("flux", Range.Positive, "ADU");
        else
        {
            magnitude = s.Distribution("magnitude", Range.Finite, "mag");
            zeropoint = s.Number("zeropoint", null, Range.Finite, "magnitude of a 1 ADU source");
        }
        var hlr = s.Distribution("half_light_radius", Range.Positive, "arcsec");
        var ellipticity = s.Distribution("ellipticity", Range.Ellipticity, "|g| = (1 − q)/(1 + q)", new ParameterDistribution.Fixed(0));
        var pa = s.Distribution("position_angle", Range.Finite, "degrees", new ParameterDistribution.Fixed(0));
        var offset = s.Distribution("centroid_offset", Range.Finite, "arcsec", new ParameterDistribution.Fixed(0));
        ParameterDistribution? n = null, bf = null, bhlr = null, be = null;
        if (model == GalaxyModel.Sersic)
        {
            n = s.Distribution("sersic_n", new Range(Sersic.MinN, Sersic.MaxN, false, false), "Sérsic index");
        }
        else
        {
            bf = s.Distribution("bulge_fraction", new Range(0, 1, false, false), "fraction of the flux in the bulge");
            bhlr = s.Distribution("bulge_half_light_radius", Range.Positive, "arcsec");
            be = s.Distribution("bulge_ellipticity", Range.Ellipticity, "|g|", new ParameterDistribution.Fixed(0));
        }
        return new GalaxySection(model, flux, magnitude, zeropoint, hlr, n, ellipticity, pa, offset, bf, bhlr, be);
    }

    private static PsfSection ReadPsf(Section? s)
    {
        if (s is null) return new PsfSection(PsfType.None, null, null, 0);
        var typeText = s.Text("type", null);
        switch (typeText)
        {
            case "none":
                s.AllowOnly(["type"], ("gaussian or moffat", ["fwhm", "beta", "trunc"]), "type");
                return new PsfSection(PsfType.None, null, null, 0);
            case "gaussian":
            {
                s.AllowOnly(["type", "fwhm"], ("moffat", ["beta", "trunc"]), "type");
                var fwhm = s.Distribution("fwhm", Range.Positive, "arcsec");
                return new PsfSection(PsfType.Gaussian, fwhm, null, 0);
            }
            case "moffat":
            {
                s.AllowOnly(["type", "fwhm", "beta", "trunc"]);
                var fwhm = s.Distribution("fwhm", Range.Positive, "arcsec");
                var trunc = s.Number("trunc", 0, Range.NonNegative, "arcsec, 0 = untruncated");
                var beta = s.Distribution("beta", trunc > 0 ? new Range(0, 100, true, true) : new Range(1, 100, true, true),
                    trunc > 0 ? "Moffat β" : "Moffat β (an untruncated Moffat needs β > 1)");
                if (trunc > 0 && fwhm.Support.Max >= 2 * trunc) throw s.Error("trunc", $"must exceed FWHM/2 (FWHM reaches {fwhm.Support.Max:G4} arcsec), got {trunc:G4}");
                return new PsfSection(PsfType.Moffat, fwhm, beta, trunc);
            }
            default:
                throw s.Error("type", $"must be 'gaussian', 'moffat' or 'none', got '{typeText}'");
        }
    }

    private static NoiseSection ReadNoise(Section? s)
    {
        if (s is null) return new NoiseSection(NoiseType.None, null, null, null, null, null);
        var typeText = s.Text("type", null);
        (string, string[]) gaussianKeys = ("gaussian", ["sigma"]), ccdKeys = ("ccd", ["sky_level", "gain", "read_noise"]), snrKeys = ("snr", ["snr"]);
        switch (typeText)
        {
            case "none":
                s.AllowOnly(["type"], ("gaussian, ccd or snr", ["sigma", "sky_level", "gain", "read_noise", "snr"]), "type");
                return new NoiseSection(NoiseType.None, null, null, null, null, null);
            case "gaussian":
            {
                s.AllowOnly(["type", "sigma"], ccdKeys, "type", snrKeys);
                var sigma = s.Distribution("sigma", Range.NonNegative, "ADU per pixel");
                return new NoiseSection(NoiseType.Gaussian, sigma, null, null, null, null);
            }
            case "ccd":
            {
                s.AllowOnly(["type", "sky_level", "gain", "read_noise"], gaussianKeys, "type", snrKeys);
                var sky = s.Distribution("sky_level", Range.NonNegative, "ADU per pixel");
                var gain = s.Distribution("gain", Range.Positive, "e⁻ per ADU");
                var read = s.Distribution("read_noise", Range.NonNegative, "e⁻", new ParameterDistribution.Fixed(0));
                return new NoiseSection(NoiseType.Ccd, null, sky, gain, read, null);
            }
            case "snr":
            {
                s.AllowOnly(["type", "snr"], gaussianKeys, "type", ccdKeys);
                var snr = s.Distribution("snr", Range.Positive, "matched-filter S/N");
                return new NoiseSection(NoiseType.Snr, null, null, null, null, snr);
            }
            default:
                throw s.Error("type", $"must be 'gaussian', 'ccd', 'snr' or 'none', got '{typeText}'");
        }
    }

    private static DegradeSection ReadDegrade(Section s)
    {
        s.AllowOnly(["fwhm", "sig", "border"]);
        var fwhm = s.Distribution("fwhm", Range.NonNegative, "arcsec");
        var sig = s.Distribution("sig", Range.Positive, "final / original background σ");
        var border = (int)s.Integer("border", 0, 0, 4096);
        return new DegradeSection(fwhm, sig, border);
    }

    private static IReadOnlyList<string> ReadChannels(Section? s, bool hasDegrade, string file)
    {
        IReadOnlyList<string> channels = hasDegrade ? ["clean", "degraded"] : ["clean"];
        if (s is null) return channels;
        s.AllowOnly(["channels"]);
        if (s.Has("channels"))
        {
            var list = s.TextList("channels");
            if (list.Count == 0) throw s.Error("channels", "must name at least one channel");
            foreach (var c in list)
            {
                if (!KnownChannels.Contains(c))
                    throw s.Error("channels", $"'{c}' is not a channel; choose from {string.Join(", ", KnownChannels)}");
                if (c == "degraded" && !hasDegrade) throw s.Error("channels", "'degraded' needs a 'degrade' section");
            }
            if (list.Distinct().Count() != list.Count) throw s.Error("channels", "lists a channel twice");
            channels = list;
        }
        return channels;
    }

    /// <summary>An allowed interval for a value; open ends exclude the bound.</summary>
    private readonly record struct Range(double Min, double Max, bool MinOpen, bool MaxOpen)
    {
        public static readonly Range Finite = new(double.NegativeInfinity, double.PositiveInfinity, true, true);
        public static readonly Range Positive = new(0, double.PositiveInfinity, true, true);
        public static readonly Range NonNegative = new(0, double.PositiveInfinity, false, true);
        public static readonly Range Ellipticity = new(0, 0.99, false, false);

        public bool Contains(double v) =>
            (MinOpen ? v > Min : v >= Min) && (MaxOpen ? v < Max : v <= Max) && !double.IsNaN(v);

        public override string ToString() =>
            (MinOpen ? "(" : "[") + Fmt(Min) + ", " + Fmt(Max) + (MaxOpen ? ")" : "]");

        private static string Fmt(double v) => double.IsInfinity(v) ? (v > 0 ? "∞" : "−∞") : v.ToString("G6", CultureInfo.InvariantCulture);
    }

    /// <summary>One mapping of the YAML tree, with its dotted path and the keys read so far.</summary>
    private sealed class Section(string file, string path, YamlMappingNode node)
    {
        private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> entries = Entries(file, path, node);

        private static Dictionary<string, (YamlNode, YamlNode)> Entries(string file, string path, YamlMappingNode node)
        {
            var d = new Dictionary<string, (YamlNode, YamlNode)>();
            foreach (var (k, v) in node.Children)
            {
                var name = (k as YamlScalarNode)?.Value ?? "";
                if (!d.TryAdd(name, (k, v))) throw new GalaxyConfigException(file, Join(path, name), $"{file}: key '{Join(path, name)}' appears twice");
            }
            return d;
        }

        public string File => file;

        private static string Join(string path, string key) => path.Length == 0 ? key : key.Length == 0 ? path : $"{path}.{key}";

        public string Dotted(string key) => Join(path, key);

        public GalaxyConfigException Error(string key, string problem) =>
            new(file, Dotted(key), Dotted(key).Length == 0 ? $"{file}: {problem}" : $"{file}: '{Dotted(key)}' {problem}");

        public bool Has(string key) => entries.ContainsKey(key);

        private YamlNode? Get(string key) => entries.TryGetValue(key, out var e) ? e.Value : null;

        public Section? Child(string key, bool required)
        {
            var v = Get(key);
            if (v is null)
            {
                if (required) throw new GalaxyConfigException(file, Dotted(key), $"{file}: missing section '{Dotted(key)}'");
                return null;
            }
            if (v is YamlScalarNode { Value: null or "" or "~" or "null" } && !required) return null;
            if (v is not YamlMappingNode m) throw Error(key, "must be a mapping of keys to values");
            return new Section(file, Dotted(key), m);
        }

        private string? Scalar(string key)
        {
            var v = Get(key);
            if (v is null) return null;
            if (v is not YamlScalarNode s) throw Error(key, "must be a single value");
            return s.Value;
        }

        public string Text(string key, string? fallback)
        {
            var t = Scalar(key);
            if (t is null)
            {
                if (fallback is null) throw new GalaxyConfigException(file, Dotted(key), $"{file}: missing key '{Dotted(key)}'");
                return fallback;
            }
            return t;
        }

        public IReadOnlyList<string> TextList(string key)
        {
            var v = Get(key);
            if (v is YamlSequenceNode seq)
                return seq.Children.Select(c => (c as YamlScalarNode)?.Value ?? throw Error(key, "must be a list of names")).ToList();
            if (v is YamlScalarNode s && s.Value is not null)
                return s.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            throw Error(key, "must be a list of names");
        }

        public long Integer(string key, long? fallback, long min, long max)
        {
            var t = Scalar(key);
            if (t is null)
            {
                if (fallback is null) throw new GalaxyConfigException(file, Dotted(key), $"{file}: missing key '{Dotted(key)}'");
                return fallback.Value;
            }
            if (!long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
                throw Error(key, $"must be an integer, got '{t}'");
            if (v < min || v > max) throw Error(key, $"must be in [{min}, {max}], got {v}");
            return v;
        }

        public double Number(string key, double? fallback, Range range, string unit)
        {
            var t = Scalar(key);
            if (t is null)
            {
                if (fallback is null) throw new GalaxyConfigException(file, Dotted(key), $"{file}: missing key '{Dotted(key)}' ({unit})");
                return fallback.Value;
            }
            var v = ParseNumber(key, t, unit);
            if (!range.Contains(v)) throw Error(key, $"must be in {range} ({unit}), got {t}");
            return v;
        }

        private double ParseNumber(string key, string text, string unit)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                throw Error(key, $"must be a number ({unit}), got '{text}'");
            return v;
        }

        /// <summary>A number, or a mapping {dist: uniform|loguniform|normal|lognormal|choice, ...} whose values all lie in range.</summary>
        public ParameterDistribution Distribution(string key, Range range, string unit, ParameterDistribution? fallback = null)
        {
            var v = Get(key);
            if (v is null)
                return fallback ?? throw new GalaxyConfigException(file, Dotted(key), $"{file}: missing key '{Dotted(key)}' ({unit})");
            ParameterDistribution d;
            if (v is YamlScalarNode s)
                d = new ParameterDistribution.Fixed(ParseNumber(key, s.Value ?? "", unit));
            else if (v is YamlMappingNode m)
                d = ReadDistribution(new Section(file, Dotted(key), m), unit);
            else
                throw Error(key, $"must be a number ({unit}) or a distribution such as {{dist: uniform, min: 1, max: 2}}");
            var (lo, hi) = d.Support;
            if (!range.Contains(lo) || !range.Contains(hi))
                throw Error(key, $"must stay in {range} ({unit}), but {d} reaches {(range.Contains(lo) ? hi : lo).ToString("G6", CultureInfo.InvariantCulture)}" +
                                 (d is ParameterDistribution.Normal or ParameterDistribution.LogNormal ? "; bound it with 'min'/'max'" : ""));
            return d;
        }

        private static ParameterDistribution ReadDistribution(Section s, string unit)
        {
            var kind = s.Text("dist", null);
            ParameterDistribution d;
            switch (kind)
            {
                case "uniform":
                case "loguniform":
                {
                    s.AllowOnly(["dist", "min", "max"]);
                    var min = s.Number("min", null, Range.Finite, unit);
                    var max = s.Number("max", null, Range.Finite, unit);
                    if (!(max > min)) throw s.Error("max", $"must exceed min ({min:G6}), got {max:G6}");
                    if (kind == "loguniform" && !(min > 0)) throw s.Error("min", $"must be positive for a log-uniform distribution, got {min:G6}");
                    d = kind == "uniform" ? new ParameterDistribution.Uniform(min, max) : new ParameterDistribution.LogUniform(min, max);
                    break;
                }
                case "normal":
                {
                    s.AllowOnly(["dist", "mean", "sigma", "min", "max"]);
                    var mean = s.Number("mean", null, Range.Finite, unit);
                    var sigma = s.Number("sigma", null, Range.Positive, unit);
                    var min = s.Number("min", double.NegativeInfinity, Range.Finite, unit);
                    var max = s.Number("max", double.PositiveInfinity, Range.Finite, unit);
                    CheckWindow(s, min, max);
                    d = new ParameterDistribution.Normal(mean, sigma, min, max);
                    break;
                }
                case "lognormal":
                {
                    s.AllowOnly(["dist", "median", "sigma", "min", "max"]);
                    var median = s.Number("median", null, Range.Positive, unit);
                    var sigma = s.Number("sigma", null, Range.Positive, "σ of ln x");
                    var min = s.Number("min", 0, Range.NonNegative, unit);
                    var max = s.Number("max", double.PositiveInfinity, Range.Positive, unit);
                    CheckWindow(s, min, max);
                    d = new ParameterDistribution.LogNormal(median, sigma, min, max);
                    break;
                }
                case "choice":
                {
                    s.AllowOnly(["dist", "values"]);
                    var v = s.Get("values");
                    if (v is not YamlSequenceNode seq || seq.Children.Count == 0) throw s.Error("values", $"must be a non-empty list of numbers ({unit})");
                    var values = seq.Children.Select(c => s.ParseNumber("values", (c as YamlScalarNode)?.Value ?? "", unit)).ToArray();
                    d = new ParameterDistribution.Choice(values);
                    break;
                }
                default:
                    throw s.Error("dist", $"must be uniform, loguniform, normal, lognormal or choice, got '{kind}'");
            }
            return d;
        }

        private static void CheckWindow(Section s, double min, double max)
        {
            if (!(max > min)) throw s.Error("max", $"must exceed min ({min:G6}), got {max:G6}");
        }

        /// <summary>
        /// Every key not in known is an error: keys of another type (otherType) are named as such, others get the nearest
        /// known key as a suggestion.
        /// </summary>
        public void AllowOnly(IEnumerable<string> known, (string Type, string[] Keys)? otherType = null, string typeKey = "type",
            (string Type, string[] Keys)? thirdType = null)
        {
            var knownSet = known.ToHashSet();
            foreach (var (name, (keyNode, _)) in entries)
            {
                if (knownSet.Contains(name)) continue;
                foreach (var other in new[] { otherType, thirdType })
                    if (other is { } o && o.Keys.Contains(name))
                        throw new GalaxyConfigException(file, Dotted(name),
                            $"{file}: key '{Dotted(name)}' does not apply here; it belongs to {Dotted(typeKey)}: {o.Type}");
                var candidates = knownSet.Concat(otherType?.Keys ?? []).Concat(thirdType?.Keys ?? []);
                var near = YamlConfig.Suggest(candidates, name);
                var hint = near is not null ? $" (did you mean '{Dotted(near)}'?)" : "";
                throw new GalaxyConfigException(file, Dotted(name), $"{file}: unknown key '{Dotted(name)}'{hint}");
            }
        }
    }
}
