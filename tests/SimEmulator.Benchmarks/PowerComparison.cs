using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using SimEmulator.Data.Mesh;
using SimEmulator.Simulation.Cosmology;
using SimEmulator.Simulation.InitialConditions;
using SimEmulator.Torch;
using SimEmulator.Validation.Statistics;

using static SimEmulator.Benchmarks.BenchArgs;

namespace SimEmulator.Benchmarks;

/// <summary>
/// P(k) of a seeded 256³ Gaussian field (P ∝ k⁻², box 1000 Mpc/h) with <see cref="PowerSpectrum.Compute(float[], double, MassAssignment?, int, long?)"/>
/// (CIC window divided out) against the same estimator in numpy (peers/power_numpy.py: np.fft.rfftn, np.bincount) on
/// the same float32 cube, best of N rounds each; checks k, P0 and mode counts agree per bin (P0 and k to 1e-4
/// relative, modes exactly), prints the worst bin, both times and the speed ratio numpy/simemu (target ≥ 2).
/// </summary>
public static class PowerComparison
{
    private sealed class PowerLaw : ILinearPower
    {
        public double P(double kHMpc) => 1e3 * Math.Pow(kHMpc, -2);
    }

    public static int Run(string[] args)
    {
        var n = Arg(args, "--n", 256);
        var rounds = Math.Max(1, Arg(args, "--rounds", 3));
        var python = ArgS(args, "--python", "/usr/bin/python3");
        const double box = 1000;
        var dir = Directory.CreateTempSubdirectory("simemu-power-bench-").FullName;
        try
        {
            float[] delta;
            using (var field = GaussianField.Generate(n, box, new PowerLaw(), seed: 12345))
            using (var f32 = field.to(ScalarType.Float32))
                delta = f32.data<float>();
            var input = Path.Combine(dir, "field.f32");
            File.WriteAllBytes(input, MemoryMarshal.AsBytes(delta.AsSpan()).ToArray());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"power: {n}^3 float32 Gaussian field (seed 12345, P ∝ k^-2), box {box} Mpc/h, CIC window; best of {rounds}; {Environment.ProcessorCount} logical cores"));

            PowerSpectrum.Compute(delta.AsSpan(0, 32 * 32 * 32).ToArray(), box, MassAssignment.CIC); // JIT
            var best = double.MaxValue;
            PowerSpectrum? ours = null;
            for (var r = 0; r < rounds; r++)
            {
                var sw = Stopwatch.StartNew();
                ours = PowerSpectrum.Compute(delta, box, MassAssignment.CIC);
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"simemu: {best:F3} s ({ours!.Count} bins)"));

            var script = FindScript();
            if (script is null || PeerProcess.RunJson(python, "numpy", [script, "--input", input, "--n", n.ToString(CultureInfo.InvariantCulture),
                    "--box", box.ToString(CultureInfo.InvariantCulture), "--rounds", rounds.ToString(CultureInfo.InvariantCulture)]) is not { } peer)
            {
                Console.WriteLine("numpy: not measured (/usr/bin/python3 with numpy not available)");
                return 0;
            }
            var k = peer.GetProperty("k").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var p0 = peer.GetProperty("P0").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var modes = peer.GetProperty("modes").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var seconds = peer.GetProperty("seconds").GetDouble();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"numpy {peer.GetProperty("numpy_version").GetString()}: {seconds:F3} s"));
            if (k.Length != ours.Count)
            {
                Console.WriteLine($"MISMATCH: numpy has {k.Length} bins, simemu {ours.Count}");
                return 1;
            }
            double worstP = 0, worstK = 0;
            int worstBin = 0, modeMismatches = 0;
            for (var b = 0; b < k.Length; b++)
            {
                var dp = Math.Abs(ours.P0[b] - p0[b]) / Math.Abs(p0[b]);
                var dk = Math.Abs(ours.K[b] - k[b]) / k[b];
                if (dp > worstP) { worstP = dp; worstBin = b; }
                worstK = Math.Max(worstK, dk);
                if (ours.Modes[b] != modes[b]) modeMismatches++;
            }
            var ok = worstP <= 1e-4 && worstK <= 1e-4 && modeMismatches == 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"agreement: worst P0 relative difference {worstP:E2} (bin {worstBin}, k = {ours.K[worstBin]:F4} h/Mpc), worst k {worstK:E2}, mode-count mismatches {modeMismatches} -> {(ok ? "OK" : "FAIL")} (tolerance 1e-4)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"speed: numpy/simemu = {seconds / best:F2}x (target >= 2x)"));
            return ok ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>peers/power_numpy.py next to the binary (the csproj copies peers/**), else in the source tree.</summary>
    private static string? FindScript()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "peers", "power_numpy.py");
        if (File.Exists(beside)) return beside;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var c = Path.Combine(d.FullName, "tests", "SimEmulator.Benchmarks", "peers", "power_numpy.py");
            if (File.Exists(c)) return c;
        }
        return null;
    }
}
