using SimEmulator.Simulation.InitialConditions;
using SimEmulator.Simulation.NBody;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Tests.Simulation.NBody;

[Collection(GlobalTorchStateCollection.Name)]
public sealed class PmSimulationMemoryTests
{
    [Fact]
    public void Steps_leave_the_live_tensor_count_unchanged_apart_from_the_kept_state()
    {
        var growth = new LcdmTestGrowth(0.3);
        using var delta = GaussianField.Generate(16, 100.0, new PowerLawSpectrum(6000, -1.3, 2.0), seed: 5);
        using var ics = Lpt.Zeldovich(delta, 100.0, growth, 0.1);
        var before = TorchState.SettledLiveCount();
        var sim = new PmSimulation(growth, ics);
        // Kept state: positions, momenta, the Green's function and three derivative kernels.
        Assert.Equal(before + 6, LiveTensorCount);
        sim.Step(0.15);
        // ... plus the force cached for the next opening kick and the force workspace reused by every evaluation
        // (stencil index, weights, index scratch and strides; density mesh; Fourier buffer).
        var kept = LiveTensorCount;
        Assert.Equal(before + 6 + 1 + 6, kept);
        for (var i = 0; i < 5; i++)
        {
            sim.Run(sim.A + 0.1, 2);
            using (var d = sim.Density(16)) { }
            using (var s = sim.State()) { }
            using (var f = sim.Force()) { }
            _ = sim.DensityArray(8);
            Assert.Equal(kept, LiveTensorCount);
        }
        // A caller's dispose scope around a run frees nothing the simulation keeps.
        using (var scope = NewDisposeScope())
        {
            sim.Step(sim.A + 0.05);
            _ = sim.Density(8);
        }
        Assert.Equal(kept, LiveTensorCount);
        sim.Step(sim.A + 0.05);
        sim.Dispose();
        Assert.Equal(before, LiveTensorCount);
    }
}
