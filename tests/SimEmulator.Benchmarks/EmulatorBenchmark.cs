using System.Diagnostics;
using System.Globalization;
using SimEmulator.Emulator.Models;
using SimEmulator.Emulator.Transforms;
using SimEmulator.Emulator.Inference;
using SimEmulator.Simulation;
using SimEmulator.Simulation.Config;
using SimEmulator.Torch;
using SimEmulator.Torch.Modules;
using static SimEmulator.Torch.torch;

using static SimEmulator.Benchmarks.BenchArgs;

namespace SimEmulator.Benchmarks;

/// <summary>
/// Emulator versus simulator: cubes per second drawn by the generator (the shipped 32³ architecture and the 64³ config's,
/// batches of 16, inverse transform included) against the same cube made by `simemu simulate nbody` (2LPT ICs + PM,
/// configs/nbody-128mpc-32.yaml and nbody-128mpc-64.yaml), side by side in this process; prints the speed-up.
/// Throughput does not depend on the weights, so freshly initialised generators stand in for trained ones.
/// Options: --threads N, --device cuda, --count N (cubes per timing), --sims N (simulations per timing).
/// </summary>
public static class EmulatorBenchmark
{
    public static int Run(string[] args)
    {
        var threads = Arg(args, "--threads", Environment.ProcessorCount);
        var count = Arg(args, "--count", 64);
        var sims = Arg(args, "--sims", 2);
        var device = args.Contains("--device") ? torch.device(args[Array.IndexOf(args, "--device") + 1]) : CPU;
        if (threads > 0) set_num_threads(threads);
        var root = RepoRoot();
        Console.WriteLine($"emulator vs simulator: device {device}, torch threads {get_num_threads()}, libtorch {__version__}; {count} generated cubes, {sims} simulations per case");
        Console.WriteLine($"{"grid",5} {"generator",34} {"cubes/s",9} {"sim s/cube",11} {"sims/s",8} {"speed-up",9}");
        (string name, ModelConfig model, string simConfig)[] cases =
        [
            ("32³", Emulator.Training.EmulatorConfig.Load(Path.Combine(root, "configs", "cubes32.yaml")).Model, "nbody-128mpc-32.yaml"),
            ("64³", Emulator.Training.EmulatorConfig.Load(Path.Combine(root, "configs", "cubes64.yaml")).Model, "nbody-128mpc-64.yaml"),
        ];
        foreach (var (name, model, simConfig) in cases)
        {
            manual_seed(1);
            using var g = new CubeGenerator(model);
            g.to(device);
            var transform = DensityTransform.Create("rodriguez", new Dictionary<string, double> { ["a"] = 4 });
            CubeSampling.Generate(g, model, transform, 16, 0, 16, device, null, (_, _) => { }); // warm-up
            var clock = Stopwatch.StartNew();
            CubeSampling.Generate(g, model, transform, count, 1, 16, device, null, (_, _) => { });
            var genRate = count / clock.Elapsed.TotalSeconds;

            var path = Path.Combine(root, "configs", simConfig);
            var run = new NBodyRun(NBodyConfig.Load(path), path, device);
            run.Simulate(1, false, null, CancellationToken.None); // warm-up
            clock.Restart();
            for (var s = 0; s < sims; s++) run.Simulate(2 + s, false, null, CancellationToken.None);
            var simSeconds = clock.Elapsed.TotalSeconds / sims;
            var label = $"{model.Architecture} {model.GeneratorChannels}ch ({Parameters(g) / 1e6:F2} M par.)";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,5} {label,34} {genRate,9:F1} {simSeconds,11:F3} {1 / simSeconds,8:F2} {genRate * simSeconds,8:F0}×"));
        }
        return 0;
    }

    private static long Parameters(Module m) => m.parameters().Sum(p => p.numel());

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "SimEmulator.sln"))) return d.FullName;
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "SimEmulator.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("repository root (SimEmulator.sln) not found");
    }
}
