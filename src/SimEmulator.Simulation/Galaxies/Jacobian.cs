namespace SimEmulator.Simulation.Galaxies;

/// <summary>A 2×2 matrix [[A, B], [C, D]] mapping a profile's own coordinates to image coordinates (arcsec).</summary>
internal readonly record struct Jacobian(double A, double B, double C, double D)
{
    public static Jacobian Identity { get; } = new(1, 0, 0, 1);

    public double Determinant => A * D - B * C;

    public Jacobian Inverse()
    {
        var det = Determinant;
        return new Jacobian(D / det, -B / det, -C / det, A / det);
    }

    /// <summary>this · other: apply other first, then this.</summary>
    public Jacobian Times(in Jacobian o) => new(A * o.A + B * o.C, A * o.B + B * o.D, C * o.A + D * o.C, C * o.B + D * o.D);

    public (double X, double Y) Apply(double x, double y) => (A * x + B * y, C * x + D * y);

    /// <summary>Largest and smallest singular values: how far the matrix stretches and squeezes.</summary>
    public (double Max, double Min) SingularValues()
    {
        var s = A * A + B * B + C * C + D * D;
        var det = Math.Abs(Determinant);
        var root = Math.Sqrt(Math.Max(0, s * s - 4 * det * det));
        var max = Math.Sqrt(0.5 * (s + root));
        return (max, max > 0 ? det / max : 0);
    }
}
