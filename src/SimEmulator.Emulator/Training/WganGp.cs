using SimEmulator.Emulator.Models;
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
/// Each step runs in its own dispose scope, so no tensor outlives it. Conditional models (<see cref="IConditionalModule"/>)
/// get the real cubes' conditions in both the critic and the generator step.
/// </summary>
public sealed class WganGp(Module generator, Module critic, Optimizer generatorOptimizer, Optimizer criticOptimizer,
    int latentDim, double lambda = 10.0, Generator? rng = null)
{
    /// <summary>
    /// Draws a latent batch [b, latentDim] on the given device; standard normal from rng unless set, e.g. to
    /// <c>(b, d) =&gt; LatentPrior.Sample(config, b, rng, d)</c> for a Student-t prior.
    /// </summary>
    public Func<long, Device, Tensor>? SampleLatent { get; init; }

    /// <summary>λ·E[(‖∂D/∂x̂‖₂ − 1)²]'s expectation without λ, differentiable w.r.t. the critic (create_graph).</summary>
    public static Tensor gradient_penalty(Module critic, Tensor real, Tensor fake, Generator? rng = null, Tensor? conditions = null)
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
        using var score = Call(critic, xhat, conditions);
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
    public WganGpLosses Step(Tensor real, bool trainGenerator = true) => Step(real, null, trainGenerator);

    /// <summary>One step on `real` with its conditions [B, n] (null for unconditioned models).</summary>
    public WganGpLosses Step(Tensor real, Tensor? conditions, bool trainGenerator = true)
    {
        using var scope = NewDisposeScope();
        var b = real.shape[0];

        var z = Latent(b, real);
        Tensor fake;
        using (no_grad()) fake = Call(generator, z, conditions);
        var dFake = Call(critic, fake, conditions).mean();
        var dReal = Call(critic, real, conditions).mean();
        var gp = gradient_penalty(critic, real, fake, rng, conditions);
        var lossD = dFake - dReal + lambda * gp;
        criticOptimizer.zero_grad();
        lossD.backward();
        criticOptimizer.step();

        var lossG = double.NaN;
        if (trainGenerator)
        {
            var z2 = Latent(b, real);
            var g = -Call(critic, Call(generator, z2, conditions), conditions).mean();
            generatorOptimizer.zero_grad();
            criticOptimizer.zero_grad();
            g.backward();
            generatorOptimizer.step();
            lossG = g.item<double>();
        }
        return new WganGpLosses(lossD.item<double>(), lossG, dReal.item<double>() - dFake.item<double>(), gp.item<double>());
    }

    private Tensor Latent(long b, Tensor real)
    {
        if (SampleLatent is null) return randn([b, latentDim], real.dtype, real.device, rng);
        var z = SampleLatent(b, real.device);
        if (z.dtype == real.dtype) return z;
        using (z) return z.to(real.dtype);
    }

    private static Tensor Call(Module m, Tensor x, Tensor? conditions) =>
        conditions is null ? m.call(x)
        : m is IConditionalModule c ? c.forward(x, conditions)
        : throw new ArgumentException($"conditions were given, but {m.GetType().Name} takes none (it is not an IConditionalModule)", nameof(conditions));
}
