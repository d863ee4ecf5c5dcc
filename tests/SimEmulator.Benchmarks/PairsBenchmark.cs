using System.Diagnostics;
using System.Globalization;
using SimEmulator.Validation.Statistics;

using static SimEmulator.Benchmarks.BenchArgs;

namespace SimEmulator.Benchmarks;

/// <summary>
/// Pair-counting throughput of <see cref="PairCounts"/>: 10⁶ uniform points (seeded) in a periodic 500 Mpc/h box,
/// r_max = 20 Mpc/h in 20 linear bins, best of N rounds, with and without the per-bin mean separation; prints unique
/// pairs within r_max per second in total, per core (total / logical cores) and per CPU-second of this process (the
/// per-core figure that stays honest on a shared machine); target ≥ 10⁸ pairs/s/core.
/// </summary>
public static class PairsBenchmark
{
    public static int Run(string[] args)
    {
        var points = Arg(args, "--points", 1_000_000);
        var box = Arg(args, "--box", 500);
        var rMax = Arg(args, "--rmax", 20);
        var bins = Arg(args, "--bins", 20);
        var rounds = Math.Max(1, Arg(args, "--rounds", 3));
        var seed = Arg(args, "--seed", 12345);
        var threads = Environment.ProcessorCount;

        var xyz = new float[3 * points];
        var rng = new Random(seed);
        for (var i = 0; i < xyz.Length; i++) xyz[i] = (float)(rng.NextDouble() * box);
        var edges = RadialEdges.Linear(0, rMax, bins);
        // Expected unique pairs of a uniform sample within r_max: N(N−1)/2 · (4π/3) r_max³ / L³.
        var expected = 0.5 * points * (points - 1.0) * 4.0 / 3 * Math.PI * Math.Pow(rMax, 3) / Math.Pow(box, 3);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pairs: {points:N0} uniform points (seed {seed}), periodic box {box} Mpc/h, r_max {rMax} Mpc/h, {bins} linear bins, best of {rounds}; {threads} logical cores, Vector<float> {System.Numerics.Vector<float>.Count} lanes, .NET {Environment.Version}"));
        PairCounts.Auto(xyz.AsSpan(0, 3 * Math.Min(points, 20_000)).ToArray(), edges, box); // JIT
        Console.WriteLine($"{"mean r",-7} {"seconds",9} {"cpu s",9} {"unique pairs",14} {"Mpairs/s",10} {"per core",10} {"per cpu-s",10}");
        foreach (var meanR in new[] { false, true })
        {
            var best = double.MaxValue;
            var bestCpu = double.MaxValue;
            PairCounts? counts = null;
            using var self = Process.GetCurrentProcess();
            for (var r = 0; r < rounds; r++)
            {
                self.Refresh();
                var cpu0 = self.TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                counts = PairCounts.Auto(xyz, edges, box, meanSeparation: meanR);
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
                self.Refresh();
                bestCpu = Math.Min(bestCpu, (self.TotalProcessorTime - cpu0).TotalSeconds);
            }
            var unique = counts!.Pairs.Sum() / 2;
            var rate = unique / best;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(meanR ? "yes" : "no"),-7} {best,9:F3} {bestCpu,9:F3} {unique,14:N0} {rate / 1e6,10:F0} {rate / threads / 1e6,10:F0} {unique / bestCpu / 1e6,10:F0}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"expected unique pairs for a uniform sample: {expected:N0}"));
        return 0;
    }
}
