using System.Text.Json;

namespace SimEmulator.Tests.Data.Gadget;

/// <summary>
/// Paths of the snapshots written by Fixtures/gadget/make_gadget_fixtures.py (numpy only) and the values it recorded
/// in expected.json, plus a scratch folder for deliberately broken copies.
/// </summary>
internal static class GadgetFixtures
{
    public static string Dir => Path.Combine(AppContext.BaseDirectory, "Fixtures", "gadget");

    public static string File(string name) => Path.Combine(Dir, name);

    private static readonly Lazy<JsonElement> ExpectedJson = new(() =>
        JsonDocument.Parse(System.IO.File.ReadAllText(File("expected.json"))).RootElement);

    /// <summary>expected.json → fixture → key.</summary>
    public static JsonElement Expected(string fixture) => ExpectedJson.Value.GetProperty(fixture);

    public static float[] Floats(JsonElement e) => e.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static long[] Longs(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt64()).ToArray();

    public static ulong[] ULongs(JsonElement e) => e.EnumerateArray().Select(v => v.GetUInt64()).ToArray();

    /// <summary>A fresh temporary folder, removed by the returned handle.</summary>
    public static GadgetTempDir TempDir() => new();
}

internal sealed class GadgetTempDir : IDisposable
{
    public GadgetTempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gadget-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Copies a fixture file into the folder under <paramref name="name"/> and returns the new path.</summary>
    public string Copy(string fixture, string name)
    {
        var dest = System.IO.Path.Combine(Path, name);
        File.Copy(GadgetFixtures.File(fixture), dest);
        return dest;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a passing test.
        }
    }
}
