using System.Diagnostics;
using System.Globalization;
using SimEmulator.Simulation.Cosmology;
using SimEmulator.Simulation.InitialConditions;
using SimEmulator.Simulation.NBody;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;
using DataCosmology = SimEmulator.Data.Layouts.Cosmology;

using static SimEmulator.Benchmarks.BenchArgs;

namespace SimEmulator.Benchmarks;

/// <summary>
/// PM N-body throughput: whole simulations (2LPT ICs at z = 19 → z = 0, Quijote ΛCDM, Eisenstein–Hu P(k), B = 2 force
/// mesh, fd4 gradient) at 64³ particles / 128³ mesh / 10 steps and 128³ / 256³ / 20 steps, on all cores (or a device);
/// prints seconds per simulation (ICs excluded, best of --rounds), particle-steps per second, and the split of one force
/// evaluation. Options: --rounds N, --threads N, --device cuda, --float64 (mesh), --particles 64|128 (one case only).
/// </summary>
public static class NBodyBenchmark
{
    public static int Run(string[] args)
    {
        var rounds = Math.Max(1, Arg(args, "--rounds", 2));
        var threads = Arg(args, "--threads", Environment.ProcessorCount);
        var device = args.Contains("--device") ? torch.device(args[Array.IndexOf(args, "--device") + 1]) : CPU;
        var dtype = args.Contains("--float64") ? ScalarType.Float64 : ScalarType.Float32;
        var only = Arg(args, "--particles", 0);
        if (threads > 0) set_num_threads(threads);

        var cosmology = DataCosmology.Quijote;
        var growth = new LcdmGrowth(cosmology);
        var power = new EisensteinHuPower(cosmology);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"nbody: FastPM-style KDK, B = 2, fd4, {dtype.TorchName()} mesh, device {device}; torch threads {get_num_threads()} of {Environment.ProcessorCount} logical cores; libtorch {__version__}; best of {rounds}"));
        Console.WriteLine($"{"particles",9} {"mesh",6} {"steps",5} {"box",6} {"s/sim",8} {"Mpart-steps/s",14} {"force s",8} {"stencil",8} {"paint",8} {"4 FFTs",8} {"readout",8}");

        (int n, int steps, double box)[] cases = [(64, 10, 256.0), (128, 20, 512.0)];
        foreach (var (n, steps, box) in cases)
        {
            if (only > 0 && n != only) continue;
            using var deltaL = GaussianField.Generate(n, box, power, seed: 1234, device: device);
            using var ics = Lpt.SecondOrder(deltaL, box, growth, TimeSteps.ScaleFactor(19));
            var options = new PmOptions(MeshDtype: dtype);
            var best = double.MaxValue;
            double sigma = 0;
            for (var r = 0; r < rounds; r++)
            {
                using var sim = new PmSimulation(growth, ics, options);
                Synchronize(device);
                var clock = Stopwatch.StartNew();
                sim.Run(1.0, steps);
                Synchronize(device);
                best = Math.Min(best, clock.Elapsed.TotalSeconds);
                using var delta = sim.Density(n);
                using var std = delta.std();
                sigma = std.item<double>();
            }
            var split = ForceSplit(growth, ics, options, device);
            var rate = (double)n * n * n * steps / best;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{n + "³",9} {2 * n + "³",6} {steps,5} {box,6:F0} {best,8:F2} {rate / 1e6,14:F2} {split.total,8:F3} {split.stencil,8:F3} {split.paint,8:F3} {split.fft,8:F3} {split.readout,8:F3}   σ(δ, {n}³) = {sigma:F2}"));
        }
        return 0;
    }

    /// <summary>
    /// Times one force evaluation (median of 3 after a warm-up) and its parts as the solver runs them, with the stencil
    /// and mesh reused: stencil update, paint, the four FFTs with their kernels, three readouts.
    /// </summary>
    private static (double total, double stencil, double paint, double fft, double readout) ForceSplit(IGrowth growth, ParticleState ics, PmOptions options, Device device)
    {
        var m = options.ForceMeshSize(ics.N);
        long mm = m;
        var samples = new List<(double, double, double, double, double)>();
        using var pm = new ParticleMeshForce(m, ics.BoxSize, growth.OmegaM, options, device);
        using var x = ics.X.to(device);
        using var stencil = new CicStencil(x, m, ics.BoxSize, options.MeshDtype);
        using var rho = zeros([mm * mm * mm], options.MeshDtype, device);
        for (var i = 0; i < 4; i++)
        {
            using var scope = NewDisposeScope();
            Synchronize(device);
            var clock = Stopwatch.StartNew();
            using (var f = pm.Compute(x)) { }
            Synchronize(device);
            var total = clock.Elapsed.TotalSeconds;

            clock.Restart();
            stencil.Update(x);
            Synchronize(device);
            var update = clock.Elapsed.TotalSeconds;

            clock.Restart();
            rho.zero_();
            stencil.PaintInto(rho);
            Synchronize(device);
            var paint = clock.Elapsed.TotalSeconds;

            clock.Restart();
            var dk = fft.rfftn(rho.view(mm, mm, mm));
            var meshes = new Tensor[3];
            for (var d = 0; d < 3; d++) meshes[d] = fft.irfftn(dk * 1.0, [mm, mm, mm]).view(-1);
            Synchronize(device);
            var transforms = clock.Elapsed.TotalSeconds;

            clock.Restart();
            for (var d = 0; d < 3; d++) stencil.Readout(meshes[d]);
            Synchronize(device);
            var readout = clock.Elapsed.TotalSeconds;
            if (i > 0) samples.Add((total, update, paint, transforms, readout));
        }
        var sorted = samples.OrderBy(s => s.Item1).ToList();
        return sorted[sorted.Count / 2];
    }

    private static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA) torch.cuda.synchronize();
    }
}
