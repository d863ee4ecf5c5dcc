using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SimEmulator.Data.Config;

/// <summary>
/// Strict YAML configs: keys in snake_case map to properties; an unknown key, a value of the wrong type or a failed
/// validation is one clear error naming the file, the line and the key (with a suggestion for misspellings).
/// </summary>
public static class YamlConfig
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static T Load<T>(string path) where T : new()
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: config file not found");
        var text = File.ReadAllText(path);
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e) { throw new ConfigException($"{path} (line {e.Start.Line}): not valid YAML: {e.Message}"); }
        if (stream.Documents.Count == 0) return new T();
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ConfigException($"{path}: expected a mapping of keys to values at the top level");
        CheckKeys(path, root, typeof(T), "");
        try
        {
            return Deserializer.Deserialize<T>(text) ?? new T();
        }
        catch (YamlException e)
        {
            var inner = e.InnerException?.Message ?? e.Message;
            throw new ConfigException($"{path} (line {e.Start.Line}): {inner}");
        }
    }

    /// <summary>Snake_case names of the settable properties, as they appear in the YAML.</summary>
    public static IReadOnlyDictionary<string, PropertyInfo> Keys(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => p.GetCustomAttribute<YamlMemberAttribute>()?.Alias ?? UnderscoredNamingConvention.Instance.Apply(p.Name), p => p);

    private static void CheckKeys(string path, YamlMappingNode node, Type type, string prefix)
    {
        var keys = Keys(type);
        foreach (var (keyNode, value) in node.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            if (!keys.TryGetValue(key, out var prop))
            {
                var near = Suggest(keys.Keys, key);
                var hint = near is not null ? $" (did you mean '{prefix}{near}'?)" : "";
                throw new ConfigException($"{path} (line {keyNode.Start.Line}): unknown key '{prefix}{key}'{hint}; known keys: {string.Join(", ", keys.Keys.Select(k => prefix + k))}");
            }
            var pt = prop.PropertyType;
            if (value is YamlMappingNode child && pt.IsClass && pt != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(pt))
                CheckKeys(path, child, pt, $"{prefix}{key}.");
        }
    }

    /// <summary>A property name as it is spelt in the YAML (LatentDim → latent_dim).</summary>
    public static string SnakeCase(string propertyName) => UnderscoredNamingConvention.Instance.Apply(propertyName);

    /// <summary>The candidate closest to a misspelt key (Levenshtein), if it is close enough to be a likely typo.</summary>
    public static string? Suggest(IEnumerable<string> candidates, string key)
    {
        var near = candidates.OrderBy(k => Distance(k, key)).ThenBy(k => k, StringComparer.Ordinal).FirstOrDefault();
        return near is not null && Distance(near, key) <= Math.Max(2, key.Length / 3) ? near : null;
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }

    /// <summary>Throws a ConfigException naming the file and key unless the condition holds.</summary>
    public static void Require(bool ok, string path, string key, string expectation)
    {
        if (!ok) throw new ConfigException($"{path}: '{key}' {expectation}");
    }
}
