using SimEmulator.Simulation.Cosmology;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Simulation.InitialConditions;

/// <summary>
/// Lagrangian perturbation theory initial conditions: Zel'dovich (1LPT) and 2LPT displacements from a linear field, and
/// the particles' positions and momenta at a starting scale factor. float64 throughout, on the input tensor's device.
/// </summary>
/// <remarks>
/// <para>Conventions (Scoccimarro 1998, MNRAS 299, 1097, eqs. 3–6; Crocce, Pueblas &amp; Scoccimarro 2006, eqs. 2–5;
/// FastPM): with ∇²φ1 = δ_L and ∇²φ2 = Σ_{i&lt;j}(φ1,ii φ1,jj − φ1,ij²),
/// x = q − D1∇φ1 + D2∇φ2, D2 ≈ −3/7·D1². Here ψ1 ≡ −∇φ1 (ψ1_k = i k δ_k/k²) and ψ2 ≡ +∇φ2, so
/// x = q + D1ψ1 + D2ψ2 with the D2 of <see cref="IGrowth"/>. The source may be written in ψ1 (it is quadratic, and
/// ψ1,ij = −φ1,ij): S = Σ_{i&lt;j}(ψ1_{i,i}ψ1_{j,j} − ψ1_{i,j}²), ψ2_k = −i k S_k/k².</para>
/// <para>Check of the sign (EdS, conformal time τ, H = 2/τ, D1 = τ²): the Lagrangian equation
/// J ∇_x·(Ψ'' + HΨ') = (3/2)H²(J − 1) at second order gives ∇·Ψ2'' + H∇·Ψ2' − (3/2)H²∇·Ψ2 = −(3/2)H²D1²S.
/// With Ψ2 = D2ψ2, ∇·ψ2 = S and D2 = cτ⁴: 20c − 6c = −6, c = −3/7 — the convention above.</para>
/// <para>Momenta: p = a³E dx/da = a²E(f1 D1ψ1 + f2 D2ψ2), f = dlnD/dlna; a linear-theory particle then stays on the
/// growing mode under dp/da = −∇Φ/(a²E), ∇²Φ = (3/2)Ω_m δ.</para>
/// <para>Single derivatives use k with the Nyquist component zeroed (see <see cref="FourierGrid"/>), so ψ1 is real and
/// ∇·ψ1 = −δ_L holds exactly for every mode without a Nyquist component.</para>
/// </remarks>
public static class Lpt
{
    /// <summary>Zel'dovich particles at scale factor a from δ_L (z = 0, [N, N, N], any real dtype, any device).</summary>
    public static ParticleState Zeldovich(Tensor deltaLinear, double boxSize, IGrowth growth, double a) =>
        Particles(deltaLinear, boxSize, growth, a, LptOrder.First);

    /// <summary>2LPT particles at scale factor a from δ_L (z = 0, [N, N, N], any real dtype, any device).</summary>
    public static ParticleState SecondOrder(Tensor deltaLinear, double boxSize, IGrowth growth, double a) =>
        Particles(deltaLinear, boxSize, growth, a, LptOrder.Second);

    /// <summary>Particles at scale factor a from δ_L at the given LPT order.</summary>
    public static ParticleState Particles(Tensor deltaLinear, double boxSize, IGrowth growth, double a, LptOrder order)
    {
        ArgumentNullException.ThrowIfNull(growth);
        CheckScaleFactor(a);
        using var psi = Displacements(deltaLinear, boxSize, order);
        return Particles(psi, growth, a);
    }

    /// <summary>ψ1 (and ψ2 for <see cref="LptOrder.Second"/>) from δ_L at z = 0; float64 [3, N, N, N] on δ_L's device.</summary>
    public static LptDisplacement Displacements(Tensor deltaLinear, double boxSize, LptOrder order)
    {
        var n = CheckField(deltaLinear, boxSize);
        if (order is not (LptOrder.First or LptOrder.Second))
            throw new ArgumentOutOfRangeException(nameof(order), order, "LPT order must be First (Zel'dovich) or Second (2LPT)");

        using var scope = NewDisposeScope();
        using var grid = new FourierGrid(n, boxSize, deltaLinear.device);
        var s = grid.RealShape;
        Tensor g;
        using (var delta = deltaLinear.to(float64))
        using (var deltaK = fft.rfftn(delta))
        using (var invK2 = grid.InverseKSquared())
            g = deltaK * invK2; // g = δ_k/k² = −φ1_k

        var ik = new Tensor[3];
        for (var i = 0; i < 3; i++) ik[i] = grid.IKOdd(i);

        var components = new Tensor[3];
        for (var i = 0; i < 3; i++)
        {
            using var gi = g * ik[i];
            components[i] = fft.irfftn(gi, s: s);
        }
        var psi1 = stack(components);
        foreach (var c in components) c.Dispose();

        Tensor? psi2 = null;
        if (order == LptOrder.Second)
        {
            var source = SecondOrderSource(g, grid);
            g.Dispose();
            using (var sourceK = fft.rfftn(source))
            using (var invK2 = grid.InverseKSquared())
            {
                source.Dispose();
                // ψ2 = ∇∇⁻²S: ψ2_k = i k (−S_k/k²).
                using var h = sourceK * invK2;
                h.neg_();
                for (var i = 0; i < 3; i++)
                {
                    using var hi = h * ik[i];
                    components[i] = fft.irfftn(hi, s: s);
                }
            }
            psi2 = stack(components);
            foreach (var c in components) c.Dispose();
            psi2.MoveToOuterDisposeScope();
        }
        return new LptDisplacement(psi1.MoveToOuterDisposeScope(), psi2, boxSize);
    }

    /// <summary>
    /// Positions x = q + D1ψ1 + D2ψ2 (wrapped into [0, L)) and momenta p = a²E(f1D1ψ1 + f2D2ψ2) at scale factor a,
    /// particle ((i·N)+j)·N+k from node q = (i,j,k)·L/N.
    /// </summary>
    public static ParticleState Particles(LptDisplacement psi, IGrowth growth, double a)
    {
        ArgumentNullException.ThrowIfNull(psi);
        ArgumentNullException.ThrowIfNull(growth);
        CheckScaleFactor(a);
        var n = psi.N;
        var boxSize = psi.BoxSize;
        var count = (long)n * n * n;

        var d1 = growth.D1(a);
        var momentumPerPsi1 = a * a * growth.E(a) * growth.F1(a) * d1;
        double d2 = 0, momentumPerPsi2 = 0;
        if (psi.Psi2 is not null)
        {
            d2 = growth.D2(a);
            momentumPerPsi2 = a * a * growth.E(a) * growth.F2(a) * d2;
        }
        foreach (var (name, v) in new[] { ("D1", d1), ("a²E f1 D1", momentumPerPsi1), ("D2", d2), ("a²E f2 D2", momentumPerPsi2) })
            if (!double.IsFinite(v))
                throw new ArgumentException($"the growth model gave {name} = {v} at a = {a}; it must be finite", nameof(growth));

        using var scope = NewDisposeScope();
        var device = psi.Psi1.device;
        var displacement = psi.Psi1 * d1;
        var momentum = psi.Psi1 * momentumPerPsi1;
        if (psi.Psi2 is not null)
        {
            displacement.add_(psi.Psi2, d2);
            momentum.add_(psi.Psi2, momentumPerPsi2);
        }

        using (var node = arange(n, float64, device).mul_(boxSize / n))
            for (var axis = 0; axis < 3; axis++)
            {
                var shape = new long[] { 1, 1, 1 };
                shape[axis] = n;
                using var q = node.view(shape);
                using var component = displacement.select(0, axis);
                component.add_(q);
            }

        var x = ParticleMajor(displacement, count);
        displacement.Dispose();
        x = Wrap(x, boxSize);
        var p = ParticleMajor(momentum, count);
        momentum.Dispose();
        return new ParticleState(x.MoveToOuterDisposeScope(), p.MoveToOuterDisposeScope(), a, boxSize, n);
    }

    /// <summary>S = Σ_{i&lt;j}(ψ1_{i,i}ψ1_{j,j} − ψ1_{i,j}²) in real space, from g = δ_k/k² (ψ1_{i,j} ↔ −k_i k_j g).</summary>
    private static Tensor SecondOrderSource(Tensor g, FourierGrid grid)
    {
        using var scope = NewDisposeScope();
        var s = grid.RealShape;
        // Diagonal terms are second derivatives: they keep the Nyquist k (Σ_i ψ1_{i,i} = −δ exactly).
        var diagonal = new Tensor[3];
        for (var i = 0; i < 3; i++)
        {
            using var k2 = grid.K(i).square().neg_();
            using var hk = g * k2;
            diagonal[i] = fft.irfftn(hk, s: s);
        }
        var source = diagonal[0] * diagonal[1];
        source.addcmul_(diagonal[0], diagonal[2]);
        source.addcmul_(diagonal[1], diagonal[2]);
        foreach (var d in diagonal) d.Dispose();

        // Off-diagonal terms are products of two single derivatives: both use the Nyquist-zeroed k.
        foreach (var (i, j) in new[] { (0, 1), (0, 2), (1, 2) })
        {
            using var kij = grid.KOdd(i) * grid.KOdd(j);
            kij.neg_();
            using var hk = g * kij;
            using var h = fft.irfftn(hk, s: s);
            source.addcmul_(h, h, -1);
        }
        return source.MoveToOuterDisposeScope();
    }

    /// <summary>[3, N, N, N] → [N³, 3], row ((i·N)+j)·N+k.</summary>
    private static Tensor ParticleMajor(Tensor field, long count)
    {
        using var flat = field.reshape(3, count);
        using var transposed = flat.t();
        return transposed.contiguous();
    }

    /// <summary>Into [0, L): remainder can round a tiny negative x up to exactly L, which is folded back to 0.</summary>
    private static Tensor Wrap(Tensor x, double boxSize)
    {
        using var r = x.remainder(boxSize);
        x.Dispose();
        using var outside = r >= boxSize;
        using var folded = r - boxSize;
        return where(outside, folded, r);
    }

    private static int CheckField(Tensor deltaLinear, double boxSize)
    {
        ArgumentNullException.ThrowIfNull(deltaLinear);
        var shape = deltaLinear.shape;
        if (shape.Length != 3 || shape[0] != shape[1] || shape[1] != shape[2] || shape[0] < 2)
            throw new ArgumentException($"the linear density field must be a cube [N, N, N] with N ≥ 2, got [{string.Join(", ", shape)}]", nameof(deltaLinear));
        if (!deltaLinear.dtype.IsFloatingPoint())
            throw new ArgumentException($"the linear density field must be real floating point, got {deltaLinear.dtype.TorchName()}", nameof(deltaLinear));
        if (!(boxSize > 0) || double.IsInfinity(boxSize))
            throw new ArgumentOutOfRangeException(nameof(boxSize), boxSize, "the box side must be a positive, finite length in Mpc/h");
        return (int)shape[0];
    }

    private static void CheckScaleFactor(double a)
    {
        if (!(a > 0) || double.IsInfinity(a))
            throw new ArgumentOutOfRangeException(nameof(a), a, "the starting scale factor must be positive and finite (a = 1 today)");
    }
}
