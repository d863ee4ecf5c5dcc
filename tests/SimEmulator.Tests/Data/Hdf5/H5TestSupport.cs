using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace SimEmulator.Tests.Data.Hdf5;

/// <summary>A fresh temporary directory, deleted with everything in it on Dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "simemu-h5-" + Guid.NewGuid().ToString("N")[..12]);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static class H5TestSupport
{
    /// <summary>A fixture written by Fixtures/hdf5/make_hdf5_fixtures.py (copied next to the test assembly).</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "hdf5", name);

    /// <summary>The python with h5py and numpy on this machine and on CI (the python3 on PATH may lack them).</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>
    /// The 2×3 pattern both the h5py fixture and the interop check use for every numeric type:
    /// [[min, -1 (1 when unsigned), 0], [1, 2, max]].
    /// </summary>
    public static T[] Extremes<T>() where T : INumber<T>, IMinMaxValue<T>
    {
        var minusOne = T.IsNegative(T.MinValue) ? -T.One : T.One;
        return [T.MinValue, minusOne, T.Zero, T.One, T.One + T.One, T.MaxValue];
    }

    /// <summary>tests/interop/check_hdf5.py, found by walking up from the test assembly, else next to this source file.</summary>
    public static string InteropScript([CallerFilePath] string sourceFile = "")
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "interop", "check_hdf5.py");
            if (File.Exists(candidate)) return candidate;
        }
        // tests/SimEmulator.Tests/Data/Hdf5/<this file> -> tests/interop/check_hdf5.py
        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(sourceFile)!, "..", "..", "..", "interop", "check_hdf5.py"));
    }

    /// <summary>Runs python with arguments; returns exit code and combined output.</summary>
    public static (int exitCode, string output) RunPython(params string[] args)
    {
        var r = PythonPeer.Run(args);
        return (r.ExitCode, r.Stdout + r.Stderr);
    }
}
