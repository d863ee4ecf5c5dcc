using SimEmulator.Cli;
using SimEmulator.Torch;

namespace SimEmulator.Tests.Cli;

[Collection(ConsoleCommandsCollection.Name)]
public class InfoCommandTests
{
    [Fact]
    public void Info_reports_the_loaded_libtorch_and_the_openblas_that_simemu_installs()
    {
        var info = InfoCommand.Collect();
        // Expected: the shim's own compile-time version, and ./simemu's package list includes libopenblas0-openmp,
        // whose libblas.so.3 replaces the reference BLAS through Debian's alternatives.
        Assert.Equal(torch.__version__, info["libtorch"]);
        Assert.StartsWith("OpenBLAS", (string)info["blas_in_use"]);
        Assert.Contains(((IEnumerable<string>)info["blas_libraries"]), p => p.Contains("openblas"));
        Assert.Equal(torch.get_num_threads().ToString(), info["intra_op_threads"]);
        Assert.Equal(torch.cuda.is_available() ? "yes" : "no", info["cuda_available"]);
    }

    [Fact]
    public void Unknown_verb_exits_non_zero()
    {
        Assert.NotEqual(0, SimemuCli.Run(["no-such-verb"]));
    }
}
