namespace SimEmulator.Data.Gadget;

/// <summary>Unit conventions of Gadget snapshots and conversions to SimEmulator's (Mpc/h, km/s).</summary>
public static class GadgetUnits
{
    /// <summary>Box sides above this (in code units) are taken to be in kpc/h by <see cref="GuessLengthUnitToMpcH"/>.</summary>
    public const double KpcBoxThreshold = 5000.0;

    /// <summary>
    /// Guesses the code length unit from the box side, which the header stores without a unit: above 5000 it is
    /// taken as kpc/h (factor 1e-3), else Mpc/h (1). A 5 Mpc/h box run in kpc/h and a > 5 Gpc/h box run in Mpc/h are
    /// both misread; pass the factor explicitly for those (UnitLength_in_cm / 3.085678e24 from the run's parameter file).
    /// </summary>
    public static double GuessLengthUnitToMpcH(double boxSize) => boxSize > KpcBoxThreshold ? 1e-3 : 1.0;

    /// <summary>Peculiar velocity in km/s from Gadget's stored u: v_pec = u·√a (Gadget writes a^(1/2)·dx/dt).</summary>
    public static double PeculiarVelocityKmS(double stored, double scaleFactor) => stored * Math.Sqrt(CheckA(scaleFactor));

    /// <summary>Converts stored velocities to peculiar km/s in place: v_pec = u·√a.</summary>
    public static void ToPeculiarVelocityKmS(Span<float> velocities, double scaleFactor)
    {
        var f = Math.Sqrt(CheckA(scaleFactor));
        for (var i = 0; i < velocities.Length; i++) velocities[i] = (float)(velocities[i] * f);
    }

    private static double CheckA(double a) => a > 0 && double.IsFinite(a)
        ? a
        : throw new ArgumentOutOfRangeException("scaleFactor", a, "the scale factor a must be positive (header Time of a cosmological run)");
}
