using System.Globalization;

namespace SimEmulator.Benchmarks;

/// <summary>The benchmarks' `--name value` options.</summary>
internal static class BenchArgs
{
    public static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        if (i < 0) return fallback;
        if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            throw new ArgumentException($"{name} needs an integer value");
        return v;
    }

    public static string ArgS(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
