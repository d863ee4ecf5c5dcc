using SimEmulator.Simulation.Cosmology;
using DataCosmology = SimEmulator.Data.Layouts.Cosmology;

namespace SimEmulator.Tests.Simulation.Cosmology;

public sealed class TabulatedPowerTests : IDisposable
{
    /// <summary>Fixtures/cosmology/pk_eh98_quijote.dat, written by make_pk_fixture.py: EH98 (wiggles) for Quijote, 241 rows.</summary>
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures", "cosmology", "pk_eh98_quijote.dat");

    private readonly string _dir = Directory.CreateTempSubdirectory("simemu-pk-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteTable(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void Reads_a_CLASS_style_table_with_comments()
    {
        var table = TabulatedPower.Read(Fixture);
        Assert.Equal(241, table.K.Length);
        Assert.Equal(1e-4, table.KMin);
        Assert.Equal(100, table.KMax);
        Assert.Equal(Fixture, table.Source);
        // At a tabulated k the tabulated value comes back exactly (first data row of the file).
        Assert.Equal(4.24107195e+02, table.P(1e-4));
        Assert.Equal(table.Power[120], table.P(table.K[120]));
    }

    [Fact]
    public void Sigma8_of_the_fixture_matches_scipy_on_the_same_interpolant()
    {
        // make_pk_fixture.py: scipy.quad of σ² for the table interpolated linearly in ln k – ln P (as here). The table
        // came from an EH98 spectrum with σ_8 = 0.834; log-log interpolation at 40 points/decade lowers it by 9e-5.
        var table = TabulatedPower.Read(Fixture);
        Assert.True(Math.Abs(table.Sigma(8) / 0.8339279589975523 - 1) < 1e-7, $"σ(8) = {table.Sigma(8):R}");
        Assert.True(Math.Abs(table.Sigma(2) / 1.8442709038715435 - 1) < 1e-7, $"σ(2) = {table.Sigma(2):R}");
        Assert.True(Math.Abs(table.Sigma(8) / 0.834 - 1) < 2e-4);
    }

    [Fact]
    public void Interpolates_the_EH98_spectrum_it_was_made_from_to_half_a_percent()
    {
        // Between nodes (Δln k = 0.058) linear ln P interpolation errs by ≈ Δ²/8·|d²lnP/dln k²|: largest on the acoustic
        // oscillations (0.33% at k = 0.145 h/Mpc), ~1e-4 elsewhere; the bound is 0.5%.
        var table = TabulatedPower.Read(Fixture);
        var eh = new EisensteinHuPower(DataCosmology.Quijote);
        for (var i = 0; i < table.K.Length - 1; i += 7)
        {
            var k = Math.Sqrt(table.K[i] * table.K[i + 1]);
            var rel = table.P(k) / eh.P(k) - 1;
            Assert.True(Math.Abs(rel) < 5e-3, $"k = {k:G4}: table/EH98 − 1 = {rel:E2}");
        }
    }

    [Fact]
    public void Write_then_read_round_trips_exactly()
    {
        var original = TabulatedPower.Read(Fixture);
        var path = Path.Combine(_dir, "copy.dat");
        original.Write(path);
        var copy = TabulatedPower.Read(path);
        Assert.Equal(original.K.ToArray(), copy.K.ToArray());
        Assert.Equal(original.Power.ToArray(), copy.Power.ToArray());
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp-*"));
        // Values that need all 17 digits.
        var odd = new TabulatedPower([0.1 / 3, Math.PI / 10, 1 + 1e-15], [Math.E * 1e4, 1 / 3.0, 1e-300]);
        odd.Write(path);
        var back = TabulatedPower.Read(path);
        Assert.Equal(odd.K.ToArray(), back.K.ToArray());
        Assert.Equal(odd.Power.ToArray(), back.Power.ToArray());
    }

    [Fact]
    public void Extrapolates_as_power_laws_from_the_end_intervals()
    {
        var t = new TabulatedPower([0.01, 0.1, 1, 10], [1000, 2000, 100, 1]);
        // Below: slope ln(2000/1000)/ln 10; above: slope −2 (100 → 1 over a decade); P(0) = 0.
        Assert.Equal(1000 * Math.Pow(0.1, Math.Log10(2)), t.P(0.001), 9);
        Assert.Equal(1e-4, t.P(1000), 12);
        Assert.Equal(0.0, t.P(0));
        // Inside: geometric interpolation, e.g. halfway in ln k between 0.1 and 1 → √(2000·100).
        Assert.Equal(Math.Sqrt(2000.0 * 100), t.P(Math.Sqrt(0.1)), 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.P(-1));
    }

    [Fact]
    public void WithSigma8_rescales_to_the_requested_sigma8()
    {
        var t = TabulatedPower.Read(Fixture).WithSigma8(0.8);
        Assert.True(Math.Abs(t.Sigma(8) / 0.8 - 1) < 1e-9, $"σ(8) = {t.Sigma(8):R}");
        Assert.Equal(t.Power[3] / t.Power[200], TabulatedPower.Read(Fixture).Power[3] / TabulatedPower.Read(Fixture).Power[200], 12);
    }

    [Theory]
    [InlineData("three columns", "0.1 2.0 3.0", "expected two columns")]
    [InlineData("one column", "0.1", "expected two columns")]
    [InlineData("not a number", "0.1 abc", "P = \"abc\" is not a number")]
    [InlineData("negative P", "0.1 -5", "must be positive")]
    [InlineData("zero P", "0.1 0", "must be positive")]
    [InlineData("NaN P", "0.1 NaN", "must be positive")]
    [InlineData("zero k", "0 5", "k = 0 must be positive")]
    [InlineData("unsorted k", "0.005 5", "k = 0.005 does not exceed k = 0.02 on line 4")]
    [InlineData("repeated k", "0.02 5", "k = 0.02 does not exceed k = 0.02 on line 4")]
    public void Malformed_lines_name_the_file_and_the_line(string name, string badLine, string expected)
    {
        // Line 1 a comment, line 2 blank, lines 3–4 good, line 5 the bad one.
        var path = WriteTable(name.Replace(' ', '_') + ".dat", "# k P", "", "0.01 100", "0.02 150", badLine, "0.05 120");
        var e = Assert.Throws<PowerTableFormatException>(() => TabulatedPower.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains($"{path}, line 5: ", e.Message);
        Assert.Equal(5, e.Line);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Too_short_or_missing_tables_are_refused_clearly()
    {
        var one = WriteTable("one.dat", "# header", "0.1 5  # inline comment");
        var e = Assert.Throws<PowerTableFormatException>(() => TabulatedPower.Read(one));
        Assert.Null(e.Line);
        Assert.Contains($"{one}: found 1 data line(s)", e.Message);
        var missing = Path.Combine(_dir, "nope.dat");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => TabulatedPower.Read(missing)).Message);
        Assert.Throws<ArgumentException>(() => new TabulatedPower([0.1, 0.1], [1, 2]));
    }

    [Fact]
    public void Accepts_tabs_commas_exponents_and_inline_comments()
    {
        var path = WriteTable("mixed.dat", "#k P", "1.0E-03\t2.5E+03", "2e-3, 3e3   # CLASS-like", "", "   4.0e-03 2.0e3");
        var t = TabulatedPower.Read(path);
        Assert.Equal([1e-3, 2e-3, 4e-3], t.K.ToArray());
        Assert.Equal([2500.0, 3000.0, 2000.0], t.Power.ToArray());
        Assert.Equal(3000.0, t.P(2e-3));
    }
}
