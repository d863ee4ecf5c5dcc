using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SimEmulator.Tests.Data.Fits;

/// <summary>
/// Runs the independent Python checkers in tests/interop (astropy for FITS, zlib + struct for PNG) with the system
/// Python, which has astropy here and in CI, and returns their JSON.
/// </summary>
internal static class InteropScript
{
    public static JsonElement Run(string scriptName, string file)
    {
        var script = Locate(scriptName);
        var (exitCode, stdout, stderr) = PythonPeer.Run(script, file);
        Assert.True(exitCode == 0, $"{scriptName} rejected {file}: {stderr.Trim()}");
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.Clone();
    }

    // tests/interop sits at the repository root; look upward from the test binaries, then from this source file.
    private static string Locate(string scriptName, [CallerFilePath] string sourceFile = "")
    {
        var relative = Path.Combine("tests", "interop", scriptName);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        for (var dir = new FileInfo(sourceFile).Directory; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"cannot find {relative} above {AppContext.BaseDirectory} or {sourceFile}");
    }

    /// <summary>A JSON number or one of the strings "nan", "inf", "-inf" that check_fits.py writes for non-finite floats.</summary>
    public static double AsDouble(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => e.GetString() switch
        {
            "nan" => double.NaN,
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            var s => throw new FormatException($"not a number: {s}"),
        },
        _ => throw new FormatException($"not a number: {e}"),
    };
}
