using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SimEmulator.Emulator.Models;
using SimEmulator.Emulator.Training;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

using static SimEmulator.Benchmarks.BenchArgs;

namespace SimEmulator.Benchmarks;

/// <summary>
/// One WGAN-GP iteration (critic step with gradient penalty + generator step) of the 3D DCGAN pair on batch 16
/// of 32³ cubes, Adam(1e-4, β = (0.5, 0.9)), timed in SimEmulator and in PyTorch (peers/wgan_gp_pytorch.py,
/// same libtorch, same thread count) in one run; prints the ratio PyTorch/SimEmulator (≥ 1 means no overhead).
/// </summary>
public static class WganGpComparison
{
    private const int Latent = 64;

    // The layers of peers/wgan_gp_pytorch.py: DCGAN with 256 channels at 4³, zero padding, flattened critic head.
    private static readonly ModelConfig PeerArchitecture = new()
    {
        LatentDim = Latent, Grid = 32, GeneratorChannels = 256, CriticChannels = 256, Padding = "zeros", CriticHead = "flatten",
    };

    public static int Run(string[] args)
    {
        var threads = Arg(args, "--threads", Environment.ProcessorCount);
        var steps = Arg(args, "--steps", 5);
        var warmup = Arg(args, "--warmup", 1);
        var batch = Arg(args, "--batch", 16);
        var python = ArgS(args, "--python", "/usr/bin/python3");
        var rounds = Math.Max(1, Arg(args, "--rounds", 2));

        set_num_threads(threads);
        Console.WriteLine($"libtorch {__version__}, BLAS {TorchRuntime.BlasName()}, {threads} threads, batch {batch} of 32^3, {steps} timed steps after {warmup} warm-up");

        // Rounds alternate the two sides so drift in machine speed (other load, clocks) hits both alike;
        // each side reports its best round.
        double simStep = double.MaxValue, simInfer = 0, pyStep = double.MaxValue, pyInfer = 0;
        var pyVersion = "";
        for (var r = 1; r <= rounds; r++)
        {
            var (s, i) = MeasureSimemu(steps, warmup, batch);
            Console.WriteLine($"round {r} simemu : wgan-gp step {s:F3} s (median of {steps}), generator {i:F1} cubes/s");
            (simStep, simInfer) = (Math.Min(simStep, s), Math.Max(simInfer, i));
            var peer = MeasurePytorch(python, threads, steps, warmup, batch);
            if (peer is null)
            {
                Console.WriteLine("pytorch: not measured (python3 with torch not available); install python3-torch for the comparison");
                return 0;
            }
            Console.WriteLine($"round {r} pytorch: wgan-gp step {peer.Value.step:F3} s (median of {steps}), generator {peer.Value.infer:F1} cubes/s (torch {peer.Value.version})");
            (pyStep, pyInfer, pyVersion) = (Math.Min(pyStep, peer.Value.step), Math.Max(pyInfer, peer.Value.infer), peer.Value.version);
        }
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wgan-gp step: simemu {simStep:F3} s, pytorch {pyStep:F3} s, ratio Y/X {pyStep / simStep:F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generator inference: simemu {simInfer:F1} cubes/s, pytorch {pyInfer:F1} cubes/s, ratio {simInfer / pyInfer:F3}"));
        return 0;
    }

    private static (double stepSeconds, double cubesPerSecond) MeasureSimemu(int steps, int warmup, int batch)
    {
        manual_seed(0);
        using var gen = new CubeGenerator(PeerArchitecture);
        using var critic = new CubeCritic(PeerArchitecture);
        using var optG = optim.Adam(gen.parameters(), 1e-4, (0.5, 0.9));
        using var optD = optim.Adam(critic.parameters(), 1e-4, (0.5, 0.9));
        using var real = randn(batch, 1, 32, 32, 32);
        var gan = new WganGp(gen, critic, optG, optD, Latent);

        for (var i = 0; i < warmup; i++) gan.Step(real);
        var times = new List<double>();
        for (var i = 0; i < steps; i++)
        {
            var sw = Stopwatch.StartNew();
            gan.Step(real);
            times.Add(sw.Elapsed.TotalSeconds);
        }
        times.Sort();
        var median = times.Count % 2 == 1 ? times[times.Count / 2] : 0.5 * (times[times.Count / 2 - 1] + times[times.Count / 2]);

        gen.eval();
        using (no_grad())
        {
            for (var i = 0; i < warmup; i++)
            {
                using var s = NewDisposeScope();
                gen.call(randn(batch, Latent));
            }
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < steps; i++)
            {
                using var s = NewDisposeScope();
                gen.call(randn(batch, Latent));
            }
            return (median, batch * steps / sw.Elapsed.TotalSeconds);
        }
    }

    private static (double step, double infer, string version)? MeasurePytorch(string python, int threads, int steps, int warmup, int batch)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "peers", "wgan_gp_pytorch.py");
        if (!File.Exists(script)) return null;
        if (PeerProcess.RunJson(python, "pytorch", [script, "--threads", threads.ToString(), "--steps", steps.ToString(),
                "--warmup", warmup.ToString(), "--batch", batch.ToString(), "--json"]) is not { } r)
            return null;
        return (r.GetProperty("wgan_gp_step_s").GetDouble(), r.GetProperty("gen_cubes_per_s").GetDouble(), r.GetProperty("torch_version").GetString() ?? "?");
    }
}
