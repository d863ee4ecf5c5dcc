using SimEmulator.Simulation.InitialConditions;
using SimEmulator.Torch;

namespace SimEmulator.Tests.Simulation.InitialConditions;

[Collection(GlobalTorchStateCollection.Name)]
public sealed class IcDisposeTests
{
    [Fact]
    public void Generating_initial_conditions_leaves_only_the_returned_tensors_alive()
    {
        var before = TorchState.SettledLiveCount();
        var growth = new EdsGrowth();
        var power = new PowerLawSpectrum(500, -1, 1.0);

        // Outside any dispose scope, so nothing the generators leave behind could be cleaned up for them.
        var delta = GaussianField.Generate(16, 100, power, seed: 1, fixedAmplitude: true, paired: true);
        Assert.Equal(before + 1, torch.LiveTensorCount);

        var displacements = Lpt.Displacements(delta, 100, LptOrder.Second);
        Assert.Equal(before + 3, torch.LiveTensorCount); // δ, ψ1, ψ2

        var fromPsi = Lpt.Particles(displacements, growth, 0.05);
        Assert.Equal(before + 5, torch.LiveTensorCount); // + X, P
        var za = Lpt.Zeldovich(delta, 100, growth, 0.05);
        var twoLpt = Lpt.SecondOrder(delta, 100, growth, 0.05);
        Assert.Equal(before + 9, torch.LiveTensorCount);

        twoLpt.Dispose();
        za.Dispose();
        fromPsi.Dispose();
        displacements.Dispose();
        delta.Dispose();
        Assert.Equal(before, torch.LiveTensorCount);
    }

    [Fact]
    public void Inside_a_dispose_scope_the_results_belong_to_the_scope()
    {
        var before = TorchState.SettledLiveCount();
        ParticleState state;
        using (var scope = torch.NewDisposeScope())
        {
            var delta = GaussianField.Generate(16, 100, new PowerLawSpectrum(500, -1, 1.0), seed: 2);
            state = Lpt.SecondOrder(delta, 100, new EdsGrowth(), 0.05);
            Assert.Equal(3, scope.Count); // δ, X, P: every temporary was freed inside the generators
        }
        Assert.True(state.X.IsDisposed && state.P.IsDisposed);
        Assert.Equal(before, torch.LiveTensorCount);
    }
}
