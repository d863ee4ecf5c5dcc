using SimEmulator.Cli;
using SimEmulator.Data.Gadget;
using SimEmulator.Data.Layouts;

namespace SimEmulator.Tests.Cli;

[Collection(ConsoleCommandsCollection.Name)]
public sealed class SimulateNbodyCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("simemu-cli-nbody-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Config(string extra = "")
    {
        var p = Path.Combine(dir, "tiny.yaml");
        File.WriteAllText(p, "box_size_mpch: 64\nparticles: 8\nz_start: 9\nsteps: 3\noutput_grids: [8]\nseed0: 40\n" + extra);
        return p;
    }

    [Fact]
    public void Simulate_nbody_writes_seeded_cubes_and_a_rerun_only_adds_missing_seeds()
    {
        var cfg = Config();
        var output = Path.Combine(dir, "sims.h5");
        Assert.Equal(0, SimemuCli.Run(["simulate", "nbody", "--config", cfg, "--count", "2", "--out", output, "--snapshots", Path.Combine(dir, "snaps")]));
        float[] first;
        using (var fs = FieldSet.Open(output))
        {
            Assert.Equal([40L, 41], fs.Seeds);
            Assert.Equal((64.0, 8, 0.0), (fs.Info.BoxSizeMpcH, fs.Info.Grid, fs.Info.Redshift));
            Assert.Contains("3 steps", fs.Info.Source); // steps and starting redshift are recorded
            Assert.Contains("z=9", fs.Info.Source);
            first = fs.ReadField(0);
            Assert.Equal(0.0, first.Average(), 5); // a CIC overdensity of all particles averages to zero
            Assert.True(first.Min() >= -1f);
        }
        Assert.Equal(8 * 8 * 8, GadgetHdf5Snapshot.Open(Path.Combine(dir, "snaps", "snap_seed40.hdf5")).Header.NumPartTotal[1]);

        Assert.Equal(0, SimemuCli.Run(["simulate", "nbody", "--config", cfg, "--count", "3", "--out", output]));
        using var again = FieldSet.Open(output);
        Assert.Equal([40L, 41, 42], again.Seeds);
        Assert.Equal(first, again.ReadField(0)); // the earlier realizations are kept, not recomputed
        Assert.False(File.Exists(output + ".partial"));
    }

    [Fact]
    public void Same_seed_gives_the_same_bytes_on_cpu()
    {
        var cfg = Config();
        var a = Path.Combine(dir, "a.h5");
        var b = Path.Combine(dir, "b.h5");
        Assert.Equal(0, SimemuCli.Run(["simulate", "nbody", "--config", cfg, "--count", "1", "--out", a]));
        Assert.Equal(0, SimemuCli.Run(["simulate", "nbody", "--config", cfg, "--count", "1", "--out", b]));
        using var fa = FieldSet.Open(a);
        using var fb = FieldSet.Open(b);
        Assert.Equal(fa.ReadField(0), fb.ReadField(0));
    }

    [Fact]
    public void A_config_with_an_unknown_key_fails_with_exit_1_and_writes_nothing()
    {
        var cfg = Config("time_steps: 5\n");
        var output = Path.Combine(dir, "bad.h5");
        Assert.Equal(1, SimemuCli.Run(["simulate", "nbody", "--config", cfg, "--count", "1", "--out", output]));
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".partial"));
    }
}
