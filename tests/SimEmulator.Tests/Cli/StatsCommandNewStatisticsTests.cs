using System.Globalization;
using System.Text.Json.Nodes;
using SimEmulator.Cli;
using SimEmulator.Data.Layouts;
using SimEmulator.Data.Mesh;
using SimEmulator.Tests.Validation.Reports;
using SimEmulator.Validation.Images;
using SimEmulator.Validation.Reports.Sections;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Tests.Cli;

[Collection(ConsoleCommandsCollection.Name)]
public sealed class StatsCommandNewStatisticsTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("simemu-cli-stats-new-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static float[] Realization(string path, int i)
    {
        using var set = FieldSet.Open(path);
        return set.ReadField(i);
    }

    [Fact]
    public void Stats_bispectrum_json_equals_Bispectrum_Equilateral_of_the_same_realization()
    {
        var f = ValidationTestSets.Files;
        var json = Path.Combine(dir, "bk.json");
        Assert.Equal(0, SimemuCli.Run(["stats", "bispectrum", f.Reference, "--index", "2", "--out", json]));
        var doc = JsonNode.Parse(File.ReadAllText(json))!;

        // Expected: the library call on realization 2 with the set's CIC window divided out, at the validation's default
        // k (2, 3, 4 k_F on 16³); JSON doubles round-trip, so the columns agree exactly.
        var expected = Bispectrum.Equilateral(Realization(f.Reference, 2), ValidationTestSets.BoxSize,
            BispectrumSection.DefaultK(ValidationTestSets.Grid, ValidationTestSets.BoxSize), MassAssignment.CIC);
        Assert.Equal(expected.K1, Column(doc, "k1"));
        Assert.Equal(expected.B, Column(doc, "B"));
        Assert.Equal(expected.Q, Column(doc, "Q"));
        Assert.Equal(expected.Triangles.Select(t => (double)t), Column(doc, "triangles"));
        Assert.Equal(2, (int)doc["attrs"]!["index"]!);
        Assert.Equal("CIC", (string)doc["attrs"]!["window"]!);
    }

    [Fact]
    public void Stats_bispectrum_takes_the_k_list_from_the_option()
    {
        var f = ValidationTestSets.Files;
        var text = StatsCommand.Compute("bispectrum", f.SmallGrid, index: 0, all: false, format: "csv", k: [0.1, 0.15]);
        var expected = Bispectrum.Equilateral(Realization(f.SmallGrid, 0), ValidationTestSets.BoxSize, [0.1, 0.15], MassAssignment.CIC);
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal("k1,k2,k3,theta,B,Q,P1,P2,P3,triangles", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Equal(expected.B[1], double.Parse(lines[2].Split(',')[4], CultureInfo.InvariantCulture));
        Assert.Equal(1, SimemuCli.Run(["stats", "power", f.SmallGrid, "--k", "0.1"])); // --k belongs to bispectrum only
    }

    [Fact]
    public void Stats_minkowski_and_marked_json_equal_the_library_results()
    {
        var f = ValidationTestSets.Files;
        var field = Realization(f.SmallGrid, 1);
        var mf = JsonNode.Parse(StatsCommand.Compute("minkowski", f.SmallGrid, 1, false, "json"))!;
        var expected = MinkowskiFunctionals.ForCubeSlices(field, ValidationTestSets.BoxSize);
        Assert.Equal(expected.V2, Column(mf, "V2"));
        Assert.Equal(8, (int)mf["attrs"]!["maps"]!); // every x slice of the 8³ cube

        var marked = JsonNode.Parse(StatsCommand.Compute("marked", f.SmallGrid, 1, false, "json"))!;
        Assert.Equal(MarkedCorrelation.Compute(field, ValidationTestSets.BoxSize).M, Column(marked, "M"));
    }

    [Fact]
    public void Stats_morphology_csv_has_one_row_per_image_equal_to_Morphology_Measure()
    {
        var path = ImageTestSets.Files.Reference;
        var csv = StatsCommand.Compute(StatsCommand.Morphology, path, index: null, all: false, format: "csv");
        var lines = csv.TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        Assert.Equal(["index", "seed", "flux"], header[..3]);
        Assert.Equal(ImageTestSets.Count + 1, lines.Length);

        // Row 7 against the library on image 7 (band 0) at the set's pixel scale; CSV numbers round-trip.
        var set = ImageSet.Load(path);
        const int plane = ImageTestSets.Size * ImageTestSets.Size;
        var m = Morphology.Measure(set.Images.AsSpan(7 * plane, plane).ToArray(), ImageTestSets.Size, ImageTestSets.Size, ImageTestSets.PixelScale);
        var row = lines[8].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        double At(string name) => row[Array.IndexOf(header, name)];
        Assert.Equal((7.0, 8.0), (At("index"), At("seed")));
        Assert.Equal(m.HalfLightRadiusArcsec, At("half_light_radius_arcsec"));
        Assert.Equal(m.Gini, At("gini"));
        Assert.Equal(m.Asymmetry, At("asymmetry"));

        var one = JsonNode.Parse(StatsCommand.Compute(StatsCommand.Morphology, path, index: 7, all: false, format: "json"))!;
        Assert.Equal([m.M20], Column(one, "m20"));
        // Morphology is for image sets, the field statistics for field sets: either mix-up is exit code 1.
        Assert.Equal(1, SimemuCli.Run(["stats", "power", path]));
        Assert.Equal(1, SimemuCli.Run(["stats", "morphology", ValidationTestSets.Files.SmallGrid]));
    }

    private static double[] Column(JsonNode doc, string name) =>
        doc["columns"]![name]!.AsArray().Select(v => v!.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? double.Parse((string)v!, CultureInfo.InvariantCulture) : (double)v!).ToArray();
}
