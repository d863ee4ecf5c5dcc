using SimEmulator.Torch;
using SimEmulator.Torch.Modules;
using SimEmulator.Torch.Optim;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Emulator.Training;

/// <summary>Losses of one WGAN-GP iteration, as plain numbers for logs and progress bars.</summary>
public readonly record struct WganGpLosses(double critic_loss, double generator_loss, double wasserstein, double gradient_penalty);

/// <summary>
/// Wasserstein GAN with gradient penalty (Gulrajani et al. 2017): the critic minimises
/// D(fake) − D(real) + λ·E[(‖∇D(x̂)‖₂ − 1)²] on random interpolates x̂; the generator minimises −D(G(z)).
/// Each step runs in its own dispose scope, so no tensor outlives it.
/// </summary>
public sealed class WganGp(Module generator, Module critic, Optimizer generatorOptimizer, Optimizer criticOptimizer,
    int latentDim, double lambda = 10.0, Generator? rng = null)
{
    /// <summary>λ·E[(‖∂D/∂x̂‖₂ − 1)²]'s expectation without λ, differentiable w.r.t. the critic (create_graph).</summary>
    public static Tensor gradient_penalty(Module critic, Tensor real, Tensor fake, Generator? rng = null)
    {
        var b = real.shape[0];
        var eshape = new long[real.dim()];
        Array.Fill(eshape, 1L);
        eshape[0] = b;
        using var eps = rand(eshape, real.dtype, real.device, rng);
        using var a = eps * real;
        using var oneMinus = 1.0 - eps;
        using var c = oneMinus * fake;
        using var xhat = (a + c).detach_().requires_grad_();
        using var score = critic.call(xhat);
        using var ones = ones_like(score);
        var grads = autograd.grad([score], [xhat], [ones], create_graph: true);
        using var g = grads[0]!;
        using var flat = g.reshape(b, -1);
        using var norms = flat.norm(2, [1]);
        using var dev = norms - 1.0;
        using var sq = dev.square();
        return sq.mean();
    }

    /// <summary>One critic step on `real` and one generator step; returns the losses.</summary>
    public WganGpLosses Step(Tensor real, bool trainGenerator = true)
    {
        using var scope = NewDisposeScope();
        var b = real.shape[0];

        var z = randn([b, latentDim], real.dtype, real.device, rng);
        Tensor fake;
        using (no_grad()) fake = generator.call(z);
        var dFake = critic.call(fake).mean();
        var dReal = critic.call(real).mean();
        var gp = gradient_penalty(critic, real, fake, rng);
        var lossD = dFake - dReal + lambda * gp;
        criticOptimizer.zero_grad();
        lossD.backward();
        criticOptimizer.step();

        var lossG = double.NaN;
        if (trainGenerator)
        {
            var z2 = randn([b, latentDim], real.dtype, real.device, rng);
            var g = -critic.call(generator.call(z2)).mean();
            generatorOptimizer.zero_grad();
            criticOptimizer.zero_grad();
            g.backward();
            generatorOptimizer.step();
            lossG = g.item<double>();
        }
        return new WganGpLosses(lossD.item<double>(), lossG, dReal.item<double>() - dFake.item<double>(), gp.item<double>());
    }
}
