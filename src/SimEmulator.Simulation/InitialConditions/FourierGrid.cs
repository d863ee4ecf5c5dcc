using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Simulation.InitialConditions;

/// <summary>
/// Wavevectors of the rFFT half-space of an N³ grid of side L (h/Mpc), as broadcastable float64 tensors on one device:
/// axis 0 and 1 have shape [N,1,1] and [1,N,1] in fftfreq order, axis 2 has [1,1,N/2+1] in rfftfreq order.
/// </summary>
/// <remarks>
/// Two flavours of k_i: <see cref="K"/> is the true wavenumber, used in even operators (k², ∂_i², P(|k|));
/// <see cref="KOdd"/> sets the Nyquist component (|n_i| = N/2, even N only) to zero, used wherever a single derivative
/// ∂_i ↔ i k_i appears. The Nyquist mode is its own Hermitian partner, so i·k_Ny·δ cannot be the transform of a real
/// field; zeroing it is the standard rule for odd spectral derivatives (S. G. Johnson, "Notes on FFT-based
/// differentiation", MIT 2011) and keeps every displacement real and exactly Hermitian. Second derivatives ∂_i² keep it.
/// </remarks>
internal sealed class FourierGrid : IDisposable
{
    private readonly Tensor[] k = new Tensor[3];
    private readonly Tensor[] kOdd = new Tensor[3];

    public FourierGrid(int n, double boxSize, Device device)
    {
        N = n;
        BoxSize = boxSize;
        var kF = 2 * Math.PI / boxSize;
        var half = n / 2 + 1;
        for (var axis = 0; axis < 3; axis++)
        {
            var len = axis == 2 ? half : n;
            var full = new double[len];
            var odd = new double[len];
            for (var i = 0; i < len; i++)
            {
                var m = ModeNumber(i, n, axis == 2);
                full[i] = m * kF;
                odd[i] = n % 2 == 0 && Math.Abs(m) == n / 2 ? 0 : m * kF;
            }
            var shape = new long[] { 1, 1, 1 };
            shape[axis] = len;
            k[axis] = tensor(full, shape, device).DetachFromDisposeScope();
            kOdd[axis] = tensor(odd, shape, device).DetachFromDisposeScope();
        }
    }

    public int N { get; }
    public double BoxSize { get; }

    /// <summary>Shape of the rFFT half-space: [N, N, N/2+1].</summary>
    public long[] HalfShape => [N, N, N / 2 + 1];

    /// <summary>Shape of the real-space grid: [N, N, N].</summary>
    public long[] RealShape => [N, N, N];

    /// <summary>True wavenumber along an axis (h/Mpc), broadcastable.</summary>
    public Tensor K(int axis) => k[axis];

    /// <summary>Wavenumber for odd (single) derivatives along an axis: the Nyquist component is zero.</summary>
    public Tensor KOdd(int axis) => kOdd[axis];

    /// <summary>Signed integer mode number of FFT index i (numpy fftfreq·N, or rfftfreq·N for the last axis).</summary>
    public static int ModeNumber(int i, int n, bool lastAxis) => lastAxis || i < (n + 1) / 2 ? i : i - n;

    /// <summary>
    /// |n|² = n_x² + n_y² + n_z² as int64 [N, N, N/2+1], exact, for looking up functions of |k| in a host-built table.
    /// </summary>
    public Tensor ModeNumberSquared()
    {
        using var scope = NewDisposeScope();
        var device = k[0].device;
        var sq = new Tensor[3];
        for (var axis = 0; axis < 3; axis++)
        {
            var len = axis == 2 ? N / 2 + 1 : N;
            var m = new double[len];
            for (var i = 0; i < len; i++)
            {
                double mi = ModeNumber(i, N, axis == 2);
                m[i] = mi * mi;
            }
            var shape = new long[] { 1, 1, 1 };
            shape[axis] = len;
            sq[axis] = tensor(m, shape, device);
        }
        // Summed in float64 (integers below 2⁵³ are exact) because SimEmulator.Torch's tensor + tensor passes a
        // floating alpha, which libtorch refuses for integer tensors.
        return (sq[0] + sq[1] + sq[2]).to(int64).MoveToOuterDisposeScope();
    }

    /// <summary>The largest |n|² on the grid, 3·(N/2)² (integer division).</summary>
    public long MaxModeNumberSquared => 3L * (N / 2) * (N / 2);

    /// <summary>1/k² as float64 [N, N, N/2+1] ((Mpc/h)²), with the DC entry 0 so that ∇⁻² removes the mean.</summary>
    public Tensor InverseKSquared()
    {
        using var scope = NewDisposeScope();
        var k2 = K(0).square() + K(1).square() + K(2).square();
        var inv = k2.reciprocal();
        return where(k2 > 0, inv, zeros_like(inv)).MoveToOuterDisposeScope();
    }

    /// <summary>i·k_i (odd-derivative flavour) as a broadcastable complex128 tensor: multiplying by it is ∂_i.</summary>
    public Tensor IKOdd(int axis)
    {
        using var scope = NewDisposeScope();
        return complex(zeros_like(kOdd[axis]), kOdd[axis]).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        foreach (var t in k) t.Dispose();
        foreach (var t in kOdd) t.Dispose();
    }
}
