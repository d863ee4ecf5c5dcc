using SimEmulator.Cli;
using SimEmulator.Data.Layouts;

namespace SimEmulator.Tests.Cli;

[Collection(ConsoleCommandsCollection.Name)]
public sealed class IngestCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("simemu-cli-ingest-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Ingest_gadget_writes_a_field_set_and_exits_zero()
    {
        var snap = Path.Combine(AppContext.BaseDirectory, "Fixtures", "gadget", "multi", "snap_002");
        var output = Path.Combine(dir, "cubes.h5");
        Assert.Equal(0, SimemuCli.Run(["ingest", "gadget", snap, "--grid", "8", "--mas", "TSC", "--out", output]));
        using var fs = FieldSet.Open(output);
        Assert.Equal((1, 8, "TSC"), (fs.Count, fs.Info.Grid, fs.Info.MassAssignment));
        Assert.Equal(0.0, fs.ReadField(0).Average(), 5); // δ averages to zero by construction
    }

    [Fact]
    public void Ingest_of_a_missing_snapshot_or_bad_option_exits_non_zero_and_writes_nothing()
    {
        var output = Path.Combine(dir, "none.h5");
        Assert.Equal(1, SimemuCli.Run(["ingest", "gadget", Path.Combine(dir, "nope"), "--out", output]));
        var snap = Path.Combine(AppContext.BaseDirectory, "Fixtures", "gadget", "multi", "snap_002");
        Assert.NotEqual(0, SimemuCli.Run(["ingest", "gadget", snap, "--mas", "PCS", "--out", output]));
        Assert.Empty(Directory.GetFiles(dir));
    }
}
