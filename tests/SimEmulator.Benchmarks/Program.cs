using BenchmarkDotNet.Running;
using SimEmulator.Benchmarks;

// `wgan` (default): SimEmulator vs PyTorch, side by side, one WGAN-GP iteration of a 3D DCGAN pair.
// `hdf5`: 256³ float32 cube written and read, plain and chunked+gzip, SimEmulator vs h5py.
// `deposit`: NGP/CIC/TSC deposit of 10⁷ particles onto 256³, particles/s on all cores and on one.
// `nbody`: seconds per simulation and particle-steps/s for 64³/128³/10 steps and 128³/256³/20 steps.
// `power`: P(k) of a 256³ field, PowerSpectrum.Compute vs the same estimator in numpy, results and speed side by side.
// `pairs`: pair counting, 10⁶ uniform points in a 500 Mpc/h box to r_max = 20 Mpc/h: pairs/s in total and per core.
// `emulator`: generation throughput (cubes/s) at 32³ and 64³ against the same cube made by `simemu simulate nbody`: the speed-up.
// `micro`: BenchmarkDotNet micro-benchmarks of the binding's per-call overhead.
var verb = args.Length > 0 ? args[0] : "wgan";
return verb switch
{
    "wgan" => WganGpComparison.Run(args.Skip(1).ToArray()),
    "hdf5" => Hdf5Comparison.Run(args.Skip(1).ToArray()),
    "deposit" => DepositBenchmark.Run(args.Skip(1).ToArray()),
    "nbody" => NBodyBenchmark.Run(args.Skip(1).ToArray()),
    "power" => PowerComparison.Run(args.Skip(1).ToArray()),
    "pairs" => PairsBenchmark.Run(args.Skip(1).ToArray()),
    "emulator" => EmulatorBenchmark.Run(args.Skip(1).ToArray()),
    "micro" => RunMicro(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int RunMicro(string[] rest)
{
    BenchmarkSwitcher.FromAssembly(typeof(BindingOverhead).Assembly).Run(rest.Length > 0 ? rest : ["--filter", "*"]);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: SimEmulator.Benchmarks [wgan [--threads N] [--steps N] [--warmup N] [--batch N] [--rounds N] [--python PATH] | hdf5 [--n N] [--rounds N] | deposit | nbody | power [--n N] [--rounds N] | pairs [--points N] [--rmax R] [--bins N] | emulator [--count N] [--sims N] [--threads N] | micro [BenchmarkDotNet args]]");
    return 2;
}
