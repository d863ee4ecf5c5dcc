using SimEmulator.Simulation.Cosmology;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Simulation.InitialConditions;

/// <summary>Gaussian random linear density fields δ_L(x) at z = 0 on an N³ grid, with a given P(k), seeded and reproducible.</summary>
/// <remarks>
/// <para>Recipe (as N-GenIC/MUSIC "white noise" ICs): unit-variance white noise w(x) from <c>randn</c> with an explicit
/// <see cref="Generator"/> → rFFT → multiply by √(P(|k|)·N³/L³) → irFFT. With the project's estimator convention
/// P̂ = |δ_k|²·L³/N⁶ and ⟨|w_k|²⟩ = N³ this gives ⟨P̂(k)⟩ = P(k). Because w_k is the transform of a real field, the
/// result is Hermitian by construction: the self-conjugate modes (DC and Nyquist corners) are real and the n_z = 0 and
/// n_z = N/2 planes pair correctly, so no explicit symmetrisation is needed. The DC mode is set to zero (⟨δ⟩ = 0).
/// Every mode of the cube is kept, including the corners with |k| > k_Nyquist (P is evaluated there), so the measured
/// P̂ follows P(k) in every bin; the LPT code zeroes only the Nyquist components of single derivatives.</para>
/// <para>The noise is drawn on the CPU whatever the target device, so a seed names the same universe on every device
/// (same bytes on the CPU; on a GPU the same field to FFT rounding). Cost: one N³ float64 buffer on the host.</para>
/// </remarks>
public static class GaussianField
{
    /// <summary>δ_L(x) at z = 0 as float64 [N, N, N] on <paramref name="device"/> (CPU if null); node (i,j,k) sits at (i,j,k)·L/N.</summary>
    public static Tensor Generate(GaussianFieldSpec spec, ILinearPower power, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(power);
        spec.Validate();
        var n = spec.GridSize;
        var target = device ?? CPU;

        using var scope = NewDisposeScope();
        Tensor wk;
        using (var generator = new Generator(spec.Seed))
        using (var noise = randn([n, n, n], float64, generator: generator))
        using (var onDevice = noise.to(target))
            wk = fft.rfftn(onDevice);

        using var grid = new FourierGrid(n, spec.BoxSize, target);
        if (spec.FixedAmplitude)
        {
            // Keep only the phase of w_k. An exactly-zero w_k has probability zero; the floor only avoids 0/0.
            using var modulus = wk.abs().clamp_(min: 1e-300);
            wk.div_(modulus);
        }
        using (var m2 = grid.ModeNumberSquared())
        using (var table = AmplitudeTable(grid, power, spec.FixedAmplitude))
        using (var amplitude = table.index(m2))
            wk.mul_(amplitude);
        var delta = fft.irfftn(wk, s: grid.RealShape);
        wk.Dispose();
        // Negating the real field (not its modes) makes the pair bit-for-bit opposite.
        if (spec.Paired) delta.neg_();
        return delta.MoveToOuterDisposeScope();
    }

    /// <inheritdoc cref="Generate(GaussianFieldSpec, ILinearPower, Device?)"/>
    public static Tensor Generate(int gridSize, double boxSize, ILinearPower power, long seed,
        bool fixedAmplitude = false, bool paired = false, Device? device = null) =>
        Generate(new GaussianFieldSpec(gridSize, boxSize, seed, fixedAmplitude, paired), power, device);

    /// <summary>
    /// The mode multiplier as a table over integer |n|², on the grid's device: √(P(k_F|n|)·N³/L³) for white noise,
    /// √(P·N⁶/L³) for unit-modulus phases (fixed amplitude); entry 0 (DC) is 0.
    /// </summary>
    private static Tensor AmplitudeTable(FourierGrid grid, ILinearPower power, bool fixedAmplitude)
    {
        var n = (double)grid.N;
        var l3 = Math.Pow(grid.BoxSize, 3);
        var scale = fixedAmplitude ? n * n * n * n * n * n / l3 : n * n * n / l3;
        var kF = 2 * Math.PI / grid.BoxSize;
        var table = new double[grid.MaxModeNumberSquared + 1];
        for (long m2 = 1; m2 < table.Length; m2++)
        {
            var k = kF * Math.Sqrt(m2);
            var p = power.P(k);
            if (!(p >= 0) || double.IsInfinity(p))
                throw new ArgumentException($"the linear power spectrum returned P(k = {k:G6} h/Mpc) = {p}; it must be finite and ≥ 0 for every k on the grid (k_F = {kF:G6} to {kF * Math.Sqrt(table.Length - 1):G6} h/Mpc)", nameof(power));
            table[m2] = Math.Sqrt(p * scale);
        }
        return tensor(table, device: grid.K(0).device);
    }
}
