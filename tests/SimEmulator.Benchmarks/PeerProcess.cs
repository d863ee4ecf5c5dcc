using System.Diagnostics;
using System.Text.Json;

namespace SimEmulator.Benchmarks;

/// <summary>Runs a peer-tool script (PyTorch, h5py) that prints its timings as one JSON line last, and parses that line.</summary>
internal static class PeerProcess
{
    /// <summary>The last stdout line as JSON, or null (with the reason on stderr) when the peer cannot run or fails.</summary>
    public static JsonElement? RunJson(string python, string name, IEnumerable<string> args)
    {
        if (!File.Exists(python)) return null;
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            Console.Error.WriteLine($"{name} peer failed (exit {p.ExitCode}): {stderr.Result.Trim()}");
            return null;
        }
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        using var doc = JsonDocument.Parse(line);
        return doc.RootElement.Clone();
    }
}
