using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Simulation.NBody;

/// <summary>
/// Cloud-in-cell paint and readout on periodic meshes by tensor scatter/gather, on the particles' device; the tensor
/// twin of <see cref="SimEmulator.Data.Mesh.DensityMesh"/> with <c>MassAssignment.CIC</c> (same convention and cells).
/// </summary>
public static class CloudInCell
{
    /// <summary>
    /// Deposits particles onto a new [N, N, N] mesh of <paramref name="dtype"/> (default float64) on the particles'
    /// device: each particle carries weight 1, or its entry of <paramref name="mass"/> [Np].
    /// </summary>
    public static Tensor Paint(Tensor positions, int gridSize, double boxSizeMpcH, Tensor? mass = null, ScalarType dtype = ScalarType.Float64)
    {
        using var stencil = new CicStencil(positions, gridSize, boxSizeMpcH, dtype);
        long n = gridSize;
        var mesh = zeros([n * n * n], dtype, positions.device);
        stencil.PaintInto(mesh, mass);
        using (mesh)
            return mesh.view(n, n, n);
    }

    /// <summary>
    /// The CIC overdensity δ = ρ/ρ̄ − 1 of unit-mass particles on an N³ mesh, float32 [N, N, N] on the particles'
    /// device. Painted in float64; ρ̄ = Np/N³ exactly, since CIC conserves mass.
    /// </summary>
    public static Tensor Overdensity(Tensor positions, int gridSize, double boxSizeMpcH)
    {
        using var scope = NewDisposeScope();
        var rho = Paint(positions, gridSize, boxSizeMpcH);
        var count = positions.shape[0];
        if (count == 0) throw new ArgumentException("no particles: the overdensity of an empty box is undefined", nameof(positions));
        var meanPerCell = (double)count / ((double)gridSize * gridSize * gridSize);
        var delta = (rho * (1.0 / meanPerCell) - 1.0).to(ScalarType.Float32);
        return delta.MoveToOuterDisposeScope();
    }

    /// <summary>Interpolates an [N, N, N] mesh at the particles with CIC weights; returns [Np] in the positions' dtype.</summary>
    public static Tensor Readout(Tensor mesh, Tensor positions, double boxSizeMpcH)
    {
        if (mesh.ndim != 3 || mesh.shape[0] != mesh.shape[1] || mesh.shape[1] != mesh.shape[2])
            throw new ArgumentException($"'mesh' has shape [{string.Join(", ", mesh.shape)}]; expected a cube [N, N, N]", nameof(mesh));
        using var stencil = new CicStencil(positions, (int)mesh.shape[0], boxSizeMpcH);
        using var flat = mesh.reshape(-1);
        return stencil.Readout(flat);
    }
}
