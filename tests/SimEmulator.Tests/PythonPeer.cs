using System.Diagnostics;

namespace SimEmulator.Tests;

/// <summary>
/// Runs the system Python (/usr/bin/python3, which has numpy, h5py and astropy; ./simemu test installs them) so tests can
/// check our files with the tools users know. The PATH python3 may be another installation without them.
/// </summary>
internal static class PythonPeer
{
    public const string Python = "/usr/bin/python3";

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        Assert.True(File.Exists(Python), $"{Python} (with numpy, h5py, astropy) is required for the interop tests; ./simemu test installs them");
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"python {string.Join(' ', args.Take(1))} did not finish within 2 minutes");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
