using System.Globalization;
using System.Text.Json.Nodes;
using SimEmulator.Cli;
using SimEmulator.Data.Layouts;
using SimEmulator.Data.Mesh;
using SimEmulator.Tests.Validation.Reports;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Tests.Cli;

[Collection(ConsoleCommandsCollection.Name)]
public sealed class StatsCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("simemu-cli-stats-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Stats_power_csv_equals_PowerSpectrum_Compute_of_the_same_realization()
    {
        var f = ValidationTestSets.Files;
        var csv = Path.Combine(dir, "pk.csv");
        Assert.Equal(0, SimemuCli.Run(["stats", "power", f.Reference, "--index", "3", "--format", "csv", "--out", csv]));

        // Expected: the library call on realization 3 with the set's mass assignment (CIC) divided out; CSV numbers are
        // written round-trip ("R"), so the comparison is exact.
        float[] field;
        using (var set = FieldSet.Open(f.Reference)) field = set.ReadField(3);
        var expected = PowerSpectrum.Compute(field, ValidationTestSets.BoxSize, MassAssignment.CIC);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("k,P0,P2,P4,modes", lines[0]);
        Assert.Equal(expected.Count, lines.Length - 1);
        for (var i = 0; i < expected.Count; i++)
        {
            var v = lines[i + 1].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal([expected.K[i], expected.P0[i], expected.P2[i], expected.P4[i], expected.Modes[i]], v);
        }
    }

    [Fact]
    public void Stats_xi_all_json_is_the_mean_and_standard_deviation_over_realizations()
    {
        var f = ValidationTestSets.Files;
        var text = StatsCommand.Compute("xi", f.SmallGrid, index: null, all: true, format: "json");
        var doc = JsonNode.Parse(text)!.AsObject();
        var mean = doc["columns"]!["xi"]!.AsArray().Select(v => (double)v!).ToArray();
        var std = doc["columns"]!["xi_std"]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.Equal(3, (int)doc["attrs"]!["realizations"]!);

        // Expected: CorrelationFunction.Compute on each of the 3 realizations, averaged, and σ with 1/(N−1).
        using var set = FieldSet.Open(f.SmallGrid);
        var each = Enumerable.Range(0, 3).Select(i => CorrelationFunction.Compute(set.ReadField(i), ValidationTestSets.BoxSize).Xi).ToArray();
        for (var b = 0; b < mean.Length; b++)
        {
            var m = each.Average(x => x[b]);
            var s = Math.Sqrt(each.Sum(x => (x[b] - m) * (x[b] - m)) / 2);
            Assert.Equal(m, mean[b], 1e-15);
            Assert.Equal(s, std[b], 1e-15);
        }
    }

    [Fact]
    public void Stats_pdf_csv_splits_the_bin_edges_into_low_and_high_columns()
    {
        var csv = StatsCommand.Compute("pdf", ValidationTestSets.Files.SmallGrid, index: 1, all: false, format: "csv");
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("edges_low,edges_high,density,pdf,counts", lines[0]);
        Assert.Equal(41, lines.Length); // 40 bins (DensityPdf's default) and the header
        var row = lines[1].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(0.01, row[0], 15);                   // default lower edge of 1+δ
        Assert.Equal(Math.Sqrt(row[0] * row[1]), row[2], 12); // density is the geometric bin centre
    }

    [Fact]
    public void Index_outside_the_file_exits_1()
    {
        Assert.Equal(1, SimemuCli.Run(["stats", "peaks", ValidationTestSets.Files.SmallGrid, "--index", "3"]));
        Assert.Equal(1, SimemuCli.Run(["stats", "peaks", ValidationTestSets.Files.SmallGrid, "--index", "0", "--all"]));
    }
}
