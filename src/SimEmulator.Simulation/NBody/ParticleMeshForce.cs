using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Simulation.NBody;

/// <summary>
/// The PM force F = −∇Φ, ∇²Φ = (3/2)Ω_m δ, at particle positions: CIC paint of δ on a periodic force mesh, Poisson solve
/// and gradient in Fourier space, CIC readout of each force component (one stencil for all four). Holds its Fourier
/// kernels and a reusable workspace on one device; dispose it. Not thread-safe.
/// </summary>
/// <remarks>
/// Green's function −1/k² with the exact k² (FastPM's default), optionally divided by the CIC window of paint and readout;
/// gradient ik exact or FastPM's 4-point finite difference (<see cref="ForceGradient"/>). With δ_k the rFFT of δ,
/// F_k = −i·D(k)·Φ_k = i·D(k)·(3/2)Ω_m·δ_k/k², D the derivative kernel; the k = 0 mode is dropped (the mean force vanishes).
/// </remarks>
public sealed class ParticleMeshForce : IDisposable
{
    private readonly Tensor _green;                 // (3/2)Ω_m / k² [/ W_CIC²], mesh dtype, [N, N, N/2+1]
    private readonly Tensor[] _iD;                  // i·D(k_d), complex, broadcastable 1-D kernels
    private readonly ScalarType _dtype;
    // Workspace reused between calls with the same particle count.
    private CicStencil? _stencil;
    private Tensor? _rho;                           // [N³] density, then δ
    private Tensor? _fk;                            // [N, N, N/2+1] complex: one force component in Fourier space
    private bool _disposed;

    /// <param name="meshSize">N_m, force-mesh cells per side.</param>
    /// <param name="boxSizeMpcH">L in Mpc/h.</param>
    /// <param name="omegaM">Ω_m today (the source term (3/2)Ω_m δ).</param>
    /// <param name="options">Gradient, deconvolution and mesh dtype (MeshFactor/MeshSize are not used here).</param>
    /// <param name="device">Where the mesh lives; must be the particles' device.</param>
    public ParticleMeshForce(int meshSize, double boxSizeMpcH, double omegaM, PmOptions options, Device device)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (meshSize < 2) throw new ArgumentOutOfRangeException(nameof(meshSize), meshSize, "'meshSize' must be at least 2 cells per side");
        if (!(boxSizeMpcH > 0) || double.IsInfinity(boxSizeMpcH))
            throw new ArgumentOutOfRangeException(nameof(boxSizeMpcH), boxSizeMpcH, "'boxSizeMpcH' must be a positive, finite length in Mpc/h");
        if (!(omegaM > 0)) throw new ArgumentOutOfRangeException(nameof(omegaM), omegaM, "'omegaM' must be positive");

        MeshSize = meshSize;
        BoxSize = boxSizeMpcH;
        OmegaM = omegaM;
        Options = options;
        Device = device;
        _dtype = options.MeshDtype;

        using var scope = NewDisposeScope();
        int n = meshSize, nh = meshSize / 2 + 1;
        var kF = 2 * Math.PI / boxSizeMpcH;
        var cell = boxSizeMpcH / meshSize;
        // Built in float64 on the CPU (cheap: O(N) 1-D work plus one O(N³) product), then moved and cast once.
        var full = fft.fftfreq(n, 1.0 / n, float64) * kF;           // k_d for the two full axes
        var half = fft.rfftfreq(n, 1.0 / n, float64) * kF;          // k_z for the half axis
        var k2 = full.square().view(n, 1, 1) + full.square().view(1, n, 1) + half.square().view(1, 1, nh);
        var green = (1.5 * omegaM) / k2;
        green.index_put_([zeros([1], int64), zeros([1], int64), zeros([1], int64)], zeros([1], float64));   // k = 0: no mean force
        if (options.DeconvolveCic)
        {
            var wx = Sinc2(full, cell);
            var wz = Sinc2(half, cell);
            var window = wx.view(n, 1, 1) * wx.view(1, n, 1) * wz.view(1, 1, nh);     // CIC window, Π sinc²
            green = green / window.square();
        }
        _green = green.to(device, _dtype).DetachFromDisposeScope();   // owned by this object, not by any caller's scope

        var complexType = _dtype == ScalarType.Float32 ? complex64 : complex128;
        _iD = new Tensor[3];
        for (var d = 0; d < 3; d++)
        {
            var k = d == 2 ? half : full;
            var deriv = Derivative(k, cell, options.Gradient, n);
            var shape = d switch { 0 => new long[] { n, 1, 1 }, 1 => [1, n, 1], _ => [1, 1, nh] };
            _iD[d] = complex(zeros_like(deriv), deriv).view(shape).to(device, complexType).DetachFromDisposeScope();
        }
    }

    /// <summary>N_m, force-mesh cells per side.</summary>
    public int MeshSize { get; }

    /// <summary>L in Mpc/h.</summary>
    public double BoxSize { get; }

    public double OmegaM { get; }

    public PmOptions Options { get; }

    public Device Device { get; }

    /// <summary>F = −∇Φ at each particle, [Np, 3] in the positions' dtype; with H0 = 1 and ∇²Φ = (3/2)Ω_m δ, F is in Mpc/h.</summary>
    /// <param name="positions">[Np, 3] comoving positions in Mpc/h on <see cref="Device"/>.</param>
    /// <param name="meanPerCell">ρ̄ per mesh cell; default Np/N_m³ (unit-mass particles filling the box on average).</param>
    /// <remarks>
    /// The CIC stencil, the density mesh and one Fourier buffer are kept between calls with the same particle count and
    /// refilled in place (see <see cref="CicStencil"/>); the FFT outputs are the only large allocations per call.
    /// </remarks>
    public Tensor Compute(Tensor positions, double? meanPerCell = null)
    {
        CicStencil.CheckPositions(positions);
        ObjectDisposedException.ThrowIf(_disposed, this);
        long n = MeshSize;
        var count = positions.shape[0];
        var mean = meanPerCell ?? count / ((double)n * n * n);
        if (!(mean > 0)) throw new ArgumentException($"mean density per cell is {mean}; the PM force needs particles", nameof(meanPerCell));
        if (_stencil is null || _stencil.Count != count)
        {
            DisposeWorkspace();
            _stencil = new CicStencil(positions, MeshSize, BoxSize, _dtype);
            _rho = empty([n * n * n], _dtype, Device).DetachFromDisposeScope();
            _fk = empty([n, n, n / 2 + 1], _dtype == ScalarType.Float32 ? complex64 : complex128, Device).DetachFromDisposeScope();
        }
        else
        {
            _stencil.Update(positions);
        }

        using var scope = NewDisposeScope();
        // δ = ρ/ρ̄ − 1 on the mesh, then (3/2)Ω_m δ_k/k² = −Φ_k.
        _rho!.zero_();
        _stencil.PaintInto(_rho);
        _rho.mul_(1.0 / mean).sub_(1.0);
        var phiK = fft.rfftn(_rho.view(n, n, n));
        phiK.mul_(_green);
        var components = new Tensor[3];
        for (var d = 0; d < 3; d++)
        {
            // F_k = i·D(k_d)·(3/2)Ω_m δ_k/k², back to the mesh, read at the particles.
            _fk!.copy_(phiK);
            _fk.mul_(_iD[d]);
            using var f = fft.irfftn(_fk, [n, n, n]);
            using var flat = f.view(-1);
            components[d] = _stencil.Readout(flat);
        }
        var force = stack(components, 1);
        if (force.dtype != positions.dtype) force = force.to(positions.dtype);
        return force.MoveToOuterDisposeScope();
    }

    /// <summary>The derivative kernel D(k) (real, float64 1-D), with the Nyquist entry exactly 0.</summary>
    private static Tensor Derivative(Tensor k, double cell, ForceGradient gradient, int n)
    {
        using var scope = NewDisposeScope();
        Tensor d = gradient switch
        {
            ForceGradient.Exact => k.clone(),
            // FastPM's 4-point finite difference: (8 sin(kΔ) − sin(2kΔ)) / (6Δ).
            ForceGradient.FiniteDifference4 => ((k * cell).sin() * 8.0 - (k * (2 * cell)).sin()) / (6 * cell),
            _ => throw new ArgumentOutOfRangeException(nameof(gradient), gradient, "unknown force gradient"),
        };
        if (n % 2 == 0)
        {
            // The Nyquist mode's sign is ambiguous (e^{iπ j} is real), so its derivative must be 0 for a real force.
            var isNyquist = (k.abs() - Math.PI / cell).abs() < 1e-9 * Math.PI / cell;
            d = d.masked_fill(isNyquist, 0.0);
        }
        return d.MoveToOuterDisposeScope();
    }

    /// <summary>sinc²(kΔ/2): the CIC window along one axis.</summary>
    private static Tensor Sinc2(Tensor k, double cell)
    {
        using var scope = NewDisposeScope();
        var x = k * (cell / 2);
        var s = x.sin() / x;
        s = s.masked_fill(x.eq(0.0), 1.0);
        return s.square().MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _green.Dispose();
        foreach (var t in _iD) t.Dispose();
        DisposeWorkspace();
    }

    private void DisposeWorkspace()
    {
        _stencil?.Dispose();
        _rho?.Dispose();
        _fk?.Dispose();
        _stencil = null;
        _rho = null;
        _fk = null;
    }
}
