using SimEmulator.Torch;

namespace SimEmulator.Simulation.NBody;

/// <summary>
/// Force-mesh settings of the particle-mesh solver. The defaults are FastPM's: a mesh twice as fine as the particle grid,
/// the 4-point finite-difference gradient, the exact −1/k² Green's function, no CIC deconvolution.
/// </summary>
/// <param name="MeshFactor">B: the force mesh has B·N cells per side for N³ particles (ignored when <paramref name="MeshSize"/> is set).</param>
/// <param name="Gradient">Spectral derivative of the potential.</param>
/// <param name="DeconvolveCic">
/// Divide δ_k by the CIC window twice (once for the paint, once for the force readout), Π_i sinc⁴(π n_i/N_m). Off by
/// default, as in FastPM, and not recommended with lattice initial conditions: it also boosts the lattice's aliased
/// images, so the large-scale force gets worse, not better (measured at k_F, 32³ particles: +0.9% with, +0.01% without
/// at B = 2 on a shifted lattice; +0.7% vs −0.03% at B = 4).
/// </param>
/// <param name="MeshDtype">Float32 (FastPM's single precision; half the memory, faster FFTs) or Float64 for the mesh and its
/// FFTs. Particle positions and momenta are always float64.</param>
/// <param name="MeshSize">Explicit force-mesh cells per side, overriding <paramref name="MeshFactor"/>.</param>
public sealed record PmOptions(
    int MeshFactor = 2,
    ForceGradient Gradient = ForceGradient.FiniteDifference4,
    bool DeconvolveCic = false,
    ScalarType MeshDtype = ScalarType.Float32,
    int? MeshSize = null)
{
    /// <summary>Force-mesh cells per side for <paramref name="particlesPerSide"/>³ particles.</summary>
    public int ForceMeshSize(int particlesPerSide)
    {
        Validate();
        return MeshSize ?? checked(MeshFactor * particlesPerSide);
    }

    /// <summary>Throws with the name of the first invalid setting.</summary>
    public void Validate()
    {
        if (MeshFactor < 1)
            throw new ArgumentOutOfRangeException(nameof(MeshFactor), MeshFactor, "'MeshFactor' must be at least 1 (force-mesh cells per particle per side)");
        if (MeshSize is { } m && m < 2)
            throw new ArgumentOutOfRangeException(nameof(MeshSize), m, "'MeshSize' must be at least 2 cells per side");
        if (MeshDtype is not (ScalarType.Float32 or ScalarType.Float64))
            throw new ArgumentOutOfRangeException(nameof(MeshDtype), MeshDtype, "'MeshDtype' must be float32 or float64");
        _ = Gradient.ToName();
    }
}
