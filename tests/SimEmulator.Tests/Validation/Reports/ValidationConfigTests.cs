using System.Text.Json;
using SimEmulator.Data.Config;
using SimEmulator.Validation.Reports;

namespace SimEmulator.Tests.Validation.Reports;

public sealed class ValidationConfigTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("simemu-validate-config-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string yaml)
    {
        var p = Path.Combine(dir, "v.yaml");
        File.WriteAllText(p, yaml);
        return p;
    }

    [Fact]
    public void Shipped_example_config_spells_out_exactly_the_defaults()
    {
        var shipped = ValidationConfig.Load(RepoPaths.Of("configs/validate.yaml"));
        Assert.Equal(JsonSerializer.Serialize(new ValidationConfig(), ValidationSummary.JsonOptions), JsonSerializer.Serialize(shipped, ValidationSummary.JsonOptions));
    }

    [Fact]
    public void Unknown_nested_key_names_the_file_the_key_and_the_closest_known_one()
    {
        var p = Write("noise_sigmas: 2\npower_spectrum:\n  ratio_tolerence: 0.1\n");
        var e = Assert.Throws<ConfigException>(() => ValidationConfig.Load(p));
        Assert.Contains(p, e.Message);
        Assert.Contains("unknown key 'power_spectrum.ratio_tolerence'", e.Message);
        Assert.Contains("did you mean 'power_spectrum.ratio_tolerance'", e.Message);
    }

    [Theory]
    [InlineData("density_pdf:\n  smoothing: boxcar\n", "density_pdf.smoothing")]
    [InlineData("power_spectrum:\n  ratio_tolerance: -0.05\n", "power_spectrum.ratio_tolerance")]
    [InlineData("chi_squared:\n  min_p_value: 1.5\n", "chi_squared.min_p_value")]
    [InlineData("slices:\n  colormap: jet\n", "slices.colormap")]
    public void Invalid_values_name_their_key(string yaml, string key)
    {
        var e = Assert.Throws<ConfigException>(() => ValidationConfig.Load(Write(yaml)));
        Assert.Contains($"'{key}'", e.Message);
    }

    [Fact]
    public void Values_given_override_only_their_keys()
    {
        var c = ValidationConfig.Load(Write("max_realizations: 7\ncovariance:\n  diagonal_sigmas: 4\npeak_counts:\n  thresholds: [1, 2]\n"));
        Assert.Equal((7, 4.0, 3.0, 0.05), (c.MaxRealizations, c.Covariance.DiagonalSigmas, c.NoiseSigmas, c.PowerSpectrum.RatioTolerance));
        Assert.Equal([1.0, 2.0], c.PeakCounts.Thresholds);
    }
}
