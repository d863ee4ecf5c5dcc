using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Emulator.Models;

/// <summary>
/// Draws generator latents from the config's prior: standard normal, or Student-t with ν = StudentTDof degrees of
/// freedom (z = g / √(χ²_ν/ν) per component). Every draw comes from the given torch Generator (or the global one),
/// so the same seed gives the same latents.
/// </summary>
public static class LatentPrior
{
    /// <summary>A float32 batch [batch, LatentDim] on device (default CPU; a CUDA device needs a CUDA Generator).</summary>
    public static Tensor Sample(ModelConfig config, long batch, Generator? rng = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch must be ≥ 1");
        long[] shape = [batch, config.LatentDim];
        if (config.LatentPrior == "gaussian") return randn(shape, float32, device, rng);

        // In float64 so the rejection sampler's log-acceptance test is exact enough; cast at the end.
        using var scope = NewDisposeScope();
        var nu = config.StudentTDof;
        var g = randn(shape, float64, device, rng);
        var chi2 = ChiSquare(nu, shape, rng, device);
        var t = g / (chi2 / nu).sqrt();
        return t.to(float32).MoveToOuterDisposeScope();
    }

    /// <summary>χ²_ν = 2·Gamma(ν/2) draws (float64), for any real ν &gt; 0.</summary>
    internal static Tensor ChiSquare(double nu, long[] shape, Generator? rng, Device? device) => Gamma(nu / 2, shape, rng, device) * 2.0;

    /// <summary>
    /// Gamma(shape a, scale 1) by Marsaglia &amp; Tsang (2000): d = a − 1/3, c = 1/√(9d), x ~ N(0,1), v = (1 + c x)³,
    /// accept d·v when v &gt; 0 and ln u &lt; x²/2 + d − d v + d ln v. Rounds redraw the whole array and fill only the
    /// still-rejected cells, so the result depends on the Generator alone. For a &lt; 1 it uses Gamma(a+1)·U^(1/a).
    /// </summary>
    internal static Tensor Gamma(double a, long[] shape, Generator? rng, Device? device)
    {
        if (!(a > 0)) throw new ArgumentOutOfRangeException(nameof(a), a, "gamma shape must be > 0");
        using var scope = NewDisposeScope();
        var boost = a < 1;
        var ab = boost ? a + 1 : a;
        var d = ab - 1.0 / 3.0;
        var c = 1.0 / Math.Sqrt(9 * d);
        var result = zeros(shape, float64, device);
        var pending = ones(shape, @bool, device);
        // Acceptance is ≥ 95 % per draw for every a ≥ 1, so 64 rounds leave a cell pending with probability < 1e-80.
        for (var round = 0; round < 64; round++)
        {
            using var inner = NewDisposeScope();
            var x = randn(shape, float64, device, rng);
            var u = rand(shape, float64, device, rng);
            var v = (x * c + 1.0).pow(3);
            var logv = v.clamp_min(double.Epsilon).log();
            var bound = x.square() * 0.5 + d - v * d + logv * d;
            var accept = v.gt(0.0).logical_and(u.log().lt(bound));
            var take = accept.logical_and(pending);
            var dv = v * d;
            result.copy_(where(take, dv, result));
            pending.copy_(pending.logical_and(accept.logical_not()));
            if (!pending.any().item<bool>()) break;
        }
        if (boost)
        {
            var u = rand(shape, float64, device, rng);
            result.mul_(u.pow(1.0 / a));
        }
        return result.MoveToOuterDisposeScope();
    }
}
