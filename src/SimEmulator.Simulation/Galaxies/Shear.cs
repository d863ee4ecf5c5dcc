namespace SimEmulator.Simulation.Galaxies;

/// <summary>
/// A reduced shear g = (g1, g2), GalSim's convention: a circle becomes an ellipse of axis ratio q = (1 − |g|)/(1 + |g|)
/// whose major axis makes the angle β = ½·atan2(g2, g1) with the x axis (counter-clockwise toward y); area is preserved.
/// </summary>
public readonly record struct Shear
{
    public Shear(double g1, double g2)
    {
        if (!(g1 * g1 + g2 * g2 < 1))
            throw new ArgumentOutOfRangeException(nameof(g1), $"|g| = {Math.Sqrt(g1 * g1 + g2 * g2):G4} must be below 1 (g1 = {g1}, g2 = {g2})");
        G1 = g1;
        G2 = g2;
    }

    public double G1 { get; }
    public double G2 { get; }

    /// <summary>|g| = (1 − q)/(1 + q).</summary>
    public double G => Math.Sqrt(G1 * G1 + G2 * G2);

    /// <summary>Minor over major axis, b/a.</summary>
    public double AxisRatio => (1 - G) / (1 + G);

    /// <summary>Position angle of the major axis in radians, from x toward y, in (−π/2, π/2].</summary>
    public double BetaRad => 0.5 * Math.Atan2(G2, G1);

    public static Shear FromG(double g1, double g2) => new(g1, g2);

    /// <summary>From the axis ratio q = b/a (0 &lt; q ≤ 1) and the position angle of the major axis β in radians.</summary>
    public static Shear FromAxisRatio(double q, double betaRad)
    {
        if (!(q > 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "axis ratio q = b/a must be in (0, 1]");
        var g = (1 - q) / (1 + q);
        var (s, c) = Math.SinCos(2 * betaRad);
        return new Shear(g * c, g * s);
    }

    /// <summary>The area-preserving matrix (1 − g²)^(−½)·[[1 + g1, g2], [g2, 1 − g1]].</summary>
    internal Jacobian Jacobian()
    {
        var f = 1 / Math.Sqrt(1 - G1 * G1 - G2 * G2);
        return new Jacobian(f * (1 + G1), f * G2, f * G2, f * (1 - G1));
    }
}
