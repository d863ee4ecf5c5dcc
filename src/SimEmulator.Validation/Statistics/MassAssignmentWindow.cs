using SimEmulator.Data.Mesh;

namespace SimEmulator.Validation.Statistics;

/// <summary>The Fourier window of a mass-assignment scheme, W(n) = Π_i sinc^p(π n_i/N), as Pylians' MAS_library uses it.</summary>
public static class MassAssignmentWindow
{
    /// <summary>sinc(x) = sin(x)/x, with sinc(0) = 1.</summary>
    public static double Sinc(double x) => x == 0 ? 1.0 : Math.Sin(x) / x;

    /// <summary>The one-dimensional window sinc^p(π n/N) of <paramref name="assignment"/> at integer wavenumber n.</summary>
    public static double Value1D(MassAssignment assignment, int n, int gridSize) =>
        Math.Pow(Sinc(Math.PI * n / gridSize), assignment.WindowOrder());

    /// <summary>The full window W(n) = Π_i sinc^p(π n_i/N) at integer wavevector (nx, ny, nz).</summary>
    public static double Value(MassAssignment assignment, int nx, int ny, int nz, int gridSize) =>
        Value1D(assignment, nx, gridSize) * Value1D(assignment, ny, gridSize) * Value1D(assignment, nz, gridSize);

    /// <summary>
    /// 1/sinc^p(π n/N) for each FFT index 0 … N−1 (index i stands for n = i, or i − N above N/2): the factor δ_k is
    /// multiplied by once per dimension. All ones when <paramref name="assignment"/> is null (no correction).
    /// </summary>
    public static double[] Correction1D(MassAssignment? assignment, int gridSize)
    {
        var c = new double[gridSize];
        for (var i = 0; i < gridSize; i++)
        {
            var n = i > gridSize / 2 ? i - gridSize : i;
            c[i] = assignment is { } a ? 1.0 / Value1D(a, n, gridSize) : 1.0;
        }
        return c;
    }
}
