using SimEmulator.Data.Config;
using SimEmulator.Simulation.Config;

namespace SimEmulator.Tests.Simulation.Config;

public sealed class NBodyConfigTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("simemu-config-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string yaml)
    {
        var p = Path.Combine(dir, "c.yaml");
        File.WriteAllText(p, yaml);
        return p;
    }

    [Theory]
    [InlineData("configs/nbody-128mpc-64.yaml", 128.0, 64, 10)]
    [InlineData("configs/nbody-512mpc-128.yaml", 512.0, 128, 20)]
    public void Shipped_configs_load_and_validate(string file, double box, int particles, int steps)
    {
        var c = NBodyConfig.Load(RepoPaths.Of(file));
        Assert.Equal((box, particles, steps), (c.BoxSizeMpch, c.Particles, c.Steps));
        Assert.Equal(0.834, c.Cosmology.Sigma8);
    }

    [Fact]
    public void Unknown_key_names_the_file_line_key_and_a_suggestion()
    {
        var p = Write("box_size_mpch: 100\ncosmology:\n  omega_m: 0.3\n  sigma8: 0.8\n");
        var e = Assert.Throws<ConfigException>(() => NBodyConfig.Load(p));
        Assert.Contains(p, e.Message);
        Assert.Contains("line 4", e.Message);
        Assert.Contains("unknown key 'cosmology.sigma8'", e.Message);
        Assert.Contains("did you mean 'cosmology.sigma_8'", e.Message);
    }

    [Fact]
    public void Invalid_values_name_the_key_and_the_expectation()
    {
        var e = Assert.Throws<ConfigException>(() => NBodyConfig.Load(Write("z_start: 0\nz_end: 1\n")));
        Assert.Contains("'z_start' must exceed z_end", e.Message);
        e = Assert.Throws<ConfigException>(() => NBodyConfig.Load(Write("steps: many\n")));
        Assert.Contains("line 1", e.Message);
        e = Assert.Throws<ConfigException>(() => NBodyConfig.Load(Write("gradient: sobel\n")));
        Assert.Contains("'gradient' must be fd4 or exact", e.Message);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var e = Assert.Throws<ConfigException>(() => NBodyConfig.Load(Path.Combine(dir, "none.yaml")));
        Assert.Contains("none.yaml: config file not found", e.Message);
    }
}
