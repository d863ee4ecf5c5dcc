using SimEmulator.Simulation.Config;
using SimEmulator.Simulation.Galaxies;

namespace SimEmulator.Tests.Simulation.Galaxies;

public sealed class GalaxyConfigTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("simemu-galaxy-config-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>A small, fast config: 24² stamps, Sérsic ⊗ Moffat, CCD noise, GalaxyGAN degradation.</summary>
    internal const string Small = """
        seed: 77
        stamp: {size: 24, pixel_scale: 0.396}
        galaxy:
          profile: sersic
          magnitude: {dist: uniform, min: 16, max: 18}
          zeropoint: 28.25
          half_light_radius: {dist: lognormal, median: 1.2, sigma: 0.3, min: 0.6, max: 2.0}
          sersic_n: {dist: uniform, min: 0.8, max: 3.0}
          ellipticity: {dist: uniform, min: 0, max: 0.5}
          position_angle: {dist: uniform, min: 0, max: 180}
          centroid_offset: {dist: normal, mean: 0, sigma: 0.1, min: -0.3, max: 0.3}
        psf: {type: moffat, fwhm: 1.3, beta: 3.5}
        noise: {type: ccd, sky_level: 142, gain: 4.7, read_noise: 5}
        degrade: {fwhm: {dist: choice, values: [1.4, 2.5]}, sig: 1.2, border: 4}
        output: {channels: [noiseless, clean, degraded]}
        """;

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void Unknown_key_error_names_the_file_and_the_key_with_a_suggestion()
    {
        var path = Write("x.yaml", Small.Replace("psf: {type: moffat, fwhm: 1.3, beta: 3.5}", "psf: {type: moffat, fhwm: 1.3, beta: 3.5}"));
        var e = Assert.Throws<GalaxyConfigException>(() => GalaxyConfig.Load(path));
        Assert.Equal($"{path}: unknown key 'psf.fhwm' (did you mean 'psf.fwhm'?)", e.Message);
        Assert.Equal(("psf.fhwm", path), (e.Key, e.FilePath));
    }

    [Theory]
    [InlineData("sersic_n: {dist: uniform, min: 0.8, max: 3.0}", "sersic_n: {dist: uniform, min: 0.8, maxx: 3.0}", "unknown key 'galaxy.sersic_n.maxx' (did you mean 'galaxy.sersic_n.max'?)")]
    [InlineData("stamp: {size: 24, pixel_scale: 0.396}", "stamp: {size: 24}", "missing key 'stamp.pixel_scale'")]
    [InlineData("sersic_n: {dist: uniform, min: 0.8, max: 3.0}", "sersic_n: {dist: uniform, min: 0.8, max: 8}", "'galaxy.sersic_n' must stay in [0.5, 6]")]
    [InlineData("sersic_n: {dist: uniform, min: 0.8, max: 3.0}", "sersic_n: {dist: normal, mean: 2, sigma: 1}", "bound it with 'min'/'max'")]
    [InlineData("psf: {type: moffat, fwhm: 1.3, beta: 3.5}", "psf: {type: moffat, fwhm: -1.3, beta: 3.5}", "'psf.fwhm' must stay in (0, ∞)")]
    [InlineData("psf: {type: moffat, fwhm: 1.3, beta: 3.5}", "psf: {type: moffat, fwhm: abc, beta: 3.5}", "'psf.fwhm' must be a number (arcsec), got 'abc'")]
    [InlineData("noise: {type: ccd, sky_level: 142, gain: 4.7, read_noise: 5}", "noise: {type: gaussian, sky_level: 142}", "key 'noise.sky_level' does not apply here; it belongs to noise.type: ccd")]
    [InlineData("output: {channels: [noiseless, clean, degraded]}", "output: {channels: [clean, blurred]}", "'blurred' is not a channel")]
    [InlineData("magnitude: {dist: uniform, min: 16, max: 18}", "flux: 100\n  magnitude: 17", "give exactly one of 'flux' (ADU) or 'magnitude'")]
    public void Invalid_configs_are_one_error_naming_the_file_and_key(string from, string to, string expected)
    {
        Assert.Contains(from, Small);
        var path = Write("bad.yaml", Small.Replace(from, to));
        var e = Assert.Throws<GalaxyConfigException>(() => GalaxyConfig.Load(path));
        Assert.StartsWith($"{path}: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Shipped_galaxy_configs_load()
    {
        var configs = Directory.GetFiles(Path.Combine(RepoPaths.Root, "configs"), "galaxies-*.yaml");
        Assert.Contains(configs, c => Path.GetFileName(c) == "galaxies-psf.yaml");
        foreach (var path in configs) GalaxyConfig.Load(path);
        var psf = GalaxyConfig.Load(configs.Single(c => c.EndsWith("galaxies-psf.yaml")));
        Assert.Equal(["clean", "degraded"], psf.Channels);
        Assert.Equal(0.396, psf.Stamp.PixelScaleArcsec);
        Assert.Equal(GalaxyConfig.PsfType.Moffat, psf.Psf.Type);
        Assert.NotNull(psf.Degrade);
    }

    [Fact]
    public void Same_seed_gives_identical_bytes_whatever_the_thread_count()
    {
        var config = GalaxyConfig.Parse(Small, "small.yaml");
        var simulator = new GalaxyImageSimulator(config);
        var a = simulator.Run(6, 1000, maxThreads: 1);
        var b = new GalaxyImageSimulator(GalaxyConfig.Parse(Small, "small.yaml")).Run(6, 1000, maxThreads: 4);
        Assert.Equal(Bytes(a.Images), Bytes(b.Images));
        Assert.Equal(a.Parameters.Keys.Order(), b.Parameters.Keys.Order());
        foreach (var (name, column) in a.Parameters) Assert.Equal(Bytes(column), Bytes(b.Parameters[name]));
        var c = simulator.Run(6, 1001, maxThreads: 1);
        Assert.NotEqual(Bytes(a.Images), Bytes(c.Images));
    }

    [Fact]
    public void Object_i_of_a_run_is_object_zero_of_a_run_started_at_seed0_plus_i()
    {
        // Extending a run: seeds seed0 … seed0 + N − 1, then seed0 + N onward.
        var simulator = new GalaxyImageSimulator(GalaxyConfig.Parse(Small, "small.yaml"));
        var whole = simulator.Run(5, 40);
        var tail = simulator.Run(2, 43);
        var perObject = whole.Images.Length / 5;
        Assert.Equal(whole.Images.AsSpan(3 * perObject, 2 * perObject).ToArray(), tail.Images);
        Assert.Equal([40.0, 41, 42, 43, 44], whole.Parameters["seed"]);
    }

    [Fact]
    public void Simulated_objects_follow_their_parameters()
    {
        // The noiseless channel's light is the drawn flux up to what leaves the 24-pixel stamp (PSF-convolved, r_e ≤ 2");
        // the noise σ recorded is the CCD background √(sky/gain + (read/gain)²).
        var simulator = new GalaxyImageSimulator(GalaxyConfig.Parse(Small, "small.yaml"));
        var o = simulator.Simulate(3);
        var flux = Math.Pow(10, -0.4 * (o.Parameters["magnitude"] - 28.25));
        Assert.Equal(flux, o.Parameters["flux"], 1e-9 * flux);
        Assert.InRange(o.Channels["noiseless"].Sum() / flux, 0.6, 1.0);
        Assert.Equal(Math.Sqrt(142 / 4.7 + 5.0 * 5 / (4.7 * 4.7)), o.Parameters["noise_sigma"], 1e-12);
        Assert.Equal(o.Parameters["degrade_sig"] * o.Parameters["sigma_original"], o.Parameters["degraded_noise_sigma"], 1e-12);
        Assert.Equal(simulator.ParameterNames.Order(), o.Parameters.Keys.Order());
    }

    [Fact]
    public void Bulge_disk_with_target_snr_and_an_intrinsic_channel_simulates_as_configured()
    {
        // Matched-filter S/N fixed at 25: the recorded snr is √(Σ I²)/σ of the noiseless stamp, so exactly 25. The intrinsic
        // channel (no PSF, no noise) holds the flux up to the light outside the stamp; the bulge carries bulge_fraction of it.
        const string yaml = """
            seed: 5
            stamp: {nx: 40, ny: 32, pixel_scale: 0.2}
            galaxy:
              profile: bulge_disk
              flux: {dist: loguniform, min: 1000, max: 5000}
              half_light_radius: 0.6
              bulge_fraction: {dist: uniform, min: 0.1, max: 0.6}
              bulge_half_light_radius: 0.25
              bulge_ellipticity: 0.1
              ellipticity: 0.4
              position_angle: {dist: uniform, min: 0, max: 180}
            psf: {type: gaussian, fwhm: 0.6}
            noise: {type: snr, snr: 25}
            output: {channels: [intrinsic, noiseless, clean]}
            """;
        var simulator = new GalaxyImageSimulator(GalaxyConfig.Parse(yaml, "bd.yaml"));
        var set = simulator.Run(3, 5);
        Assert.Equal([3L, 3, 32, 40], set.Shape);
        Assert.Equal(["intrinsic", "noiseless", "clean"], set.Info.Bands);
        Assert.Equal(0.6, set.Info.PsfFwhmArcsec);
        Assert.True(double.IsNaN(set.Info.NoiseSigma)); // σ follows each object's S/N: see /params/noise_sigma
        Assert.All(set.Parameters["snr"], v => Assert.Equal(25, v, 1e-9));
        Assert.All(set.Parameters["bulge_fraction"], v => Assert.InRange(v, 0.1, 0.6));
        Assert.DoesNotContain("sersic_n", set.Parameters.Keys);
        var o = simulator.Simulate(6);
        // The 8" × 6.4" stamp misses at most ~2% of a 0.6" disk at q = 0.43.
        Assert.Equal(o.Parameters["flux"], o.Channels["intrinsic"].Sum(), 0.03 * o.Parameters["flux"]);
        // clean − noiseless is the noise: σ within 4 standard errors σ/√(2N) of the recorded σ, N = 1280 pixels.
        var noise = o.Channels["clean"].Add(o.Channels["noiseless"].Multiply(-1));
        var sigma = o.Parameters["noise_sigma"];
        Assert.Equal(sigma, Math.Sqrt(NoiseTests.MeanVariance(noise.Pixels).Variance), 4 * sigma / Math.Sqrt(2 * 1280.0));
    }

    private static byte[] Bytes(float[] a) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()).ToArray();
    private static byte[] Bytes(double[] a) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()).ToArray();
}
