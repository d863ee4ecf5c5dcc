using System.CommandLine;
using SimEmulator.Cli;
using SimEmulator.Data.Layouts;
using SimEmulator.Simulation.Config;

namespace SimEmulator.Tests.Simulation.Galaxies;

[Collection(ConsoleCommandsCollection.Name)]
public sealed class SimulateGalaxiesCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("simemu-cli-galaxies-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>`simulate galaxies` under a root of its own, invoked as SimemuCli does (exceptions propagate).</summary>
    private static int Run(params string[] args)
    {
        var root = new RootCommand { new Command("simulate") { SimulateGalaxiesCommand.Create() } };
        return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    [Fact]
    public void Simulate_galaxies_writes_an_image_set_that_ImageSet_Load_reads()
    {
        var config = Path.Combine(dir, "small.yaml");
        File.WriteAllText(config, GalaxyConfigTests.Small);
        var output = Path.Combine(dir, "galaxies.h5");
        Assert.Equal(0, Run("simulate", "galaxies", "--config", config, "--count", "5", "--out", output, "--seed", "300"));

        var set = ImageSet.Load(output);
        Assert.Equal([5L, 3, 24, 24], set.Shape);
        Assert.Equal(["noiseless", "clean", "degraded"], set.Info.Bands);
        Assert.Equal(0.396, set.Info.PixelScaleArcsec);
        Assert.Equal(1.3, set.Info.PsfFwhmArcsec);
        Assert.Equal(Math.Sqrt(142 / 4.7 + 25 / (4.7 * 4.7)), set.Info.NoiseSigma, 1e-12);
        Assert.Contains("--seed 300", set.Info.Source);
        string[] columns =
        [
            "seed", "flux", "magnitude", "half_light_radius", "sersic_n", "ellipticity", "axis_ratio", "position_angle", "g1", "g2", "dx", "dy",
            "psf_fwhm", "psf_beta", "noise_sigma", "snr", "degrade_fwhm", "degrade_sig", "degrade_blur_sigma_px", "sigma_original",
            "sigma_blurred", "sigma_added", "degraded_noise_sigma",
        ];
        Assert.Equal(columns.Order(), set.Parameters.Keys.Order());
        Assert.Equal([300.0, 301, 302, 303, 304], set.Parameters["seed"]);
        Assert.All(set.Parameters["degrade_fwhm"], v => Assert.Contains(v, new[] { 1.4, 2.5 }));
        Assert.All(set.Images, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void A_bad_config_fails_before_anything_is_written()
    {
        var config = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(config, GalaxyConfigTests.Small.Replace("pixel_scale", "pixel_scael"));
        var output = Path.Combine(dir, "never.h5");
        var e = Assert.Throws<GalaxyConfigException>(() => Run("simulate", "galaxies", "--config", config, "--count", "2", "--out", output));
        Assert.Contains("unknown key 'stamp.pixel_scael' (did you mean 'stamp.pixel_scale'?)", e.Message);
        Assert.False(File.Exists(output));
        Assert.Single(Directory.GetFiles(dir));
    }
}
