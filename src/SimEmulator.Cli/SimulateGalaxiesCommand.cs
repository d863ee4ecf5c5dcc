using System.CommandLine;
using SimEmulator.Simulation.Config;
using SimEmulator.Simulation.Galaxies;
using Spectre.Console;

namespace SimEmulator.Cli;

/// <summary>
/// `simemu simulate galaxies --config configs/galaxies-psf.yaml --count N --out galaxies.h5 [--seed S]`: an image set of
/// simulated galaxy stamps (Sérsic or bulge+disk ⊗ PSF + noise, optionally GalaxyGAN-degraded pairs); object i uses seed S + i.
/// </summary>
public static class SimulateGalaxiesCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Galaxy set config (YAML), e.g. configs/galaxies-psf.yaml", Required = true };
        var count = new Option<int>("--count") { Description = "Number of objects", Required = true };
        var output = new Option<string>("--out") { Description = "Output image set (HDF5)", Required = true };
        var seed = new Option<long?>("--seed") { Description = "Seed of object 0 (object i uses seed + i); default: the config's 'seed'" };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0 = all cores); the output does not depend on it", DefaultValueFactory = _ => 0 };

        var cmd = new Command("galaxies", "Simulate galaxy image stamps (Sérsic/bulge+disk ⊗ PSF + noise, GalaxyGAN PSF-recovery pairs) into an image set")
            { config, count, output, seed, threads };
        cmd.SetAction(parse =>
        {
            var configPath = parse.GetValue(config)!;
            var n = parse.GetValue(count);
            if (n < 1) throw new ArgumentException($"--count must be at least 1, got {n}");
            var outPath = parse.GetValue(output)!;
            var t = parse.GetValue(threads);
            if (t < 0) throw new ArgumentException($"--threads must be ≥ 0, got {t}");
            var cfg = GalaxyConfig.Load(configPath);
            var seed0 = parse.GetValue(seed) ?? cfg.Seed;
            var simulator = new GalaxyImageSimulator(cfg);
            var source = $"simemu simulate galaxies --config {configPath} --count {n} --seed {seed0} (config sha256 {cfg.Sha256[..12]})";

            SimEmulator.Data.Layouts.ImageSet set = null!;
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask($"simulating {n} galaxies", maxValue: n);
                    set = simulator.Run(n, seed0, t, progress: () => task.Increment(1), source: source);
                });
            set.Save(outPath);

            var psf = cfg.Psf.Type == GalaxyConfig.PsfType.None ? "no PSF" : $"{cfg.Psf.Type.ToString().ToLowerInvariant()} PSF of FWHM {cfg.Psf.Fwhm} arcsec";
            AnsiConsole.MarkupLine(
                $"wrote [green]{Markup.Escape(outPath)}[/]: {n} stamps ({Markup.Escape(string.Join(", ", set.Info.Bands))}) of {cfg.Stamp.Nx} × {cfg.Stamp.Ny} px at {cfg.Stamp.PixelScaleArcsec:G4} arcsec/px, " +
                $"{Markup.Escape(psf)}, seeds {seed0}…{seed0 + n - 1}, {set.Parameters.Count} /params columns");
            return 0;
        });
        return cmd;
    }
}
