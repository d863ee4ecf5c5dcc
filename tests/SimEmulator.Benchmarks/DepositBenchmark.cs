using System.Diagnostics;
using System.Globalization;
using SimEmulator.Data.Mesh;

using static SimEmulator.Benchmarks.BenchArgs;

namespace SimEmulator.Benchmarks;

/// <summary>
/// Mass-assignment throughput: 10⁷ uniformly random particles (seeded) deposited onto a 256³ mesh with NGP, CIC and TSC,
/// on all cores and on one thread, best of 3; prints particles/s in total and per core. For scale: abacusutils' CIC
/// reaches ~10⁷ particles/s on one thread.
/// </summary>
public static class DepositBenchmark
{
    private const double Box = 1000.0; // Mpc/h

    public static int Run(string[] args)
    {
        var particles = Arg(args, "--particles", 10_000_000);
        var grid = Arg(args, "--grid", 256);
        var rounds = Math.Max(1, Arg(args, "--rounds", 3));
        var seed = Arg(args, "--seed", 12345);
        var threads = Math.Max(1, Arg(args, "--threads", Environment.ProcessorCount));

        var xyz = new float[3 * particles];
        var rng = new Random(seed);
        for (var i = 0; i < xyz.Length; i++) xyz[i] = (float)(rng.NextDouble() * Box);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"deposit: {particles:N0} uniform random particles (seed {seed}) onto {grid}^3 float32, box {Box} Mpc/h, best of {rounds}; {Environment.ProcessorCount} logical cores, .NET {Environment.Version}"));
        Console.WriteLine($"{"scheme",-6} {"threads",7} {"seconds",9} {"Mparticles/s",13} {"per core",10} {"mass check",12}");

        var threadCounts = threads == 1 ? new[] { 1 } : new[] { threads, 1 };
        foreach (var mas in new[] { MassAssignment.CIC, MassAssignment.NGP, MassAssignment.TSC })
        {
            foreach (var t in threadCounts)
            {
                var mesh = new DensityMesh(grid, Box, mas) { MaxDegreeOfParallelism = t };
                mesh.Deposit(xyz.AsSpan(0, 3 * Math.Min(particles, 200_000))); // JIT and buffers
                var best = double.MaxValue;
                for (var r = 0; r < rounds; r++)
                {
                    mesh.Clear();
                    var sw = Stopwatch.StartNew();
                    mesh.Deposit(xyz);
                    mesh.Flush(); // the last staged particles
                    best = Math.Min(best, sw.Elapsed.TotalSeconds);
                }
                var rate = particles / best;
                var relativeMassError = Math.Abs(mesh.Sum() - particles) / particles;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{mas.ToName(),-6} {t,7} {best,9:F3} {rate / 1e6,13:F1} {rate / t / 1e6,10:F1} {relativeMassError,12:E1}"));
            }
        }
        return 0;
    }
}
