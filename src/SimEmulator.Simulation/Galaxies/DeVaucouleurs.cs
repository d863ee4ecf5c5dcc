namespace SimEmulator.Simulation.Galaxies;

/// <summary>The de Vaucouleurs r^(1/4) law: a Sérsic profile with n = 4 (b_4 = 7.66925), the classic bulge.</summary>
public sealed class DeVaucouleurs(double halfLightRadiusArcsec, double flux = 1) : Sersic(4, halfLightRadiusArcsec, flux)
{
    public override DeVaucouleurs WithFlux(double flux) => new(HalfLightRadiusArcsec, flux);
}
