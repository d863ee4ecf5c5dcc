using SimEmulator.Torch;

namespace SimEmulator.Simulation.InitialConditions;

/// <summary>
/// Lagrangian displacement fields per unit growth factor on the N³ grid of nodes q = (i,j,k)·L/N, float64 [3, N, N, N]
/// (component first) in Mpc/h: ψ1 (first order) and, for 2LPT, ψ2 (second order; null for Zel'dovich). Owns its tensors.
/// </summary>
/// <param name="Psi1">ψ1 = −∇∇⁻²δ_L, so that ∇·ψ1 = −δ_L (δ_L at z = 0).</param>
/// <param name="Psi2">ψ2 = +∇∇⁻²S with S = Σ_{i&lt;j}(ψ1_{i,i}ψ1_{j,j} − ψ1_{i,j}²), paired with D2 ≈ −3/7·D1²; or null.</param>
/// <param name="BoxSize">L, the comoving box side in Mpc/h.</param>
public sealed record LptDisplacement(Tensor Psi1, Tensor? Psi2, double BoxSize) : IDisposable
{
    /// <summary>Grid nodes per side.</summary>
    public int N => (int)Psi1.shape[1];

    public LptOrder Order => Psi2 is null ? LptOrder.First : LptOrder.Second;

    public void Dispose()
    {
        Psi1.Dispose();
        Psi2?.Dispose();
    }
}
