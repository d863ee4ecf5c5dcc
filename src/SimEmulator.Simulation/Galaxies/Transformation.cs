using System.Numerics;

namespace SimEmulator.Simulation.Galaxies;

/// <summary>
/// A profile under a linear map J (shear, rotation, dilation), a shift and a flux scale:
/// I'(x) = fluxScale·I(J⁻¹(x − offset))/|det J|, so F'(k) = fluxScale·e^(−i k·offset)·F(Jᵀk) and the flux scales by fluxScale.
/// </summary>
public sealed class Transformation : Profile
{
    private readonly Jacobian jacobian, inverse;
    private readonly double absDet;

    internal Transformation(Profile original, in Jacobian jacobian, double dxArcsec, double dyArcsec, double fluxScale)
    {
        if (!double.IsFinite(fluxScale)) throw new ArgumentOutOfRangeException(nameof(fluxScale), fluxScale, "flux scale must be finite");
        if (!double.IsFinite(dxArcsec) || !double.IsFinite(dyArcsec))
            throw new ArgumentOutOfRangeException(nameof(dxArcsec), $"shift ({dxArcsec}, {dyArcsec}) arcsec must be finite");
        if (!(Math.Abs(jacobian.Determinant) > 0)) throw new ArgumentException("the transformation is singular", nameof(jacobian));
        Original = original;
        this.jacobian = jacobian;
        inverse = jacobian.Inverse();
        absDet = Math.Abs(jacobian.Determinant);
        OffsetXArcsec = dxArcsec;
        OffsetYArcsec = dyArcsec;
        FluxScale = fluxScale;
    }

    public Profile Original { get; }
    public double OffsetXArcsec { get; }
    public double OffsetYArcsec { get; }
    public double FluxScale { get; }

    /// <summary>The matrix [[A, B], [C, D]] from the original's coordinates to the image's.</summary>
    public (double A, double B, double C, double D) Matrix => (jacobian.A, jacobian.B, jacobian.C, jacobian.D);

    public override double Flux => FluxScale * Original.Flux;

    public override double XValue(double xArcsec, double yArcsec)
    {
        var (u, v) = inverse.Apply(xArcsec - OffsetXArcsec, yArcsec - OffsetYArcsec);
        return FluxScale / absDet * Original.XValue(u, v);
    }

    public override Complex KValue(double kx, double ky)
    {
        // Jᵀk
        var ku = jacobian.A * kx + jacobian.C * ky;
        var kv = jacobian.B * kx + jacobian.D * ky;
        var f = FluxScale * Original.KValue(ku, kv);
        if (OffsetXArcsec == 0 && OffsetYArcsec == 0) return f;
        var (s, c) = Math.SinCos(-(kx * OffsetXArcsec + ky * OffsetYArcsec));
        return f * new Complex(c, s);
    }

    public override double MaxK(GSParams? gsparams = null) => Original.MaxK(gsparams) / jacobian.SingularValues().Min;

    public override double StepK(GSParams? gsparams = null)
    {
        var r = Math.PI / Original.StepK(gsparams) * jacobian.SingularValues().Max + Math.Sqrt(OffsetXArcsec * OffsetXArcsec + OffsetYArcsec * OffsetYArcsec);
        return Math.PI / r;
    }

    internal override Profile Transformed(in Jacobian j, double dxArcsec, double dyArcsec, double fluxScale)
    {
        // Apply (j, d) after (J, offset): x ↦ j(Jx + offset) + d.
        var (ox, oy) = j.Apply(OffsetXArcsec, OffsetYArcsec);
        return new Transformation(Original, j.Times(jacobian), ox + dxArcsec, oy + dyArcsec, FluxScale * fluxScale);
    }
}
