using SimEmulator.Simulation.Cosmology;

namespace SimEmulator.Tests.Simulation;

/// <summary>
/// Einstein–de Sitter (Ω_m = 1) growth, where everything is analytic: E = a^−3/2, D1 = a, D2 = −3/7·a², f1 = 1, f2 = 2.
/// Stands in for the cosmology module's ΛCDM solver so IC and PM tests have closed-form expectations.
/// </summary>
internal sealed class EdsGrowth : IGrowth
{
    public double OmegaM => 1;
    public double E(double a) => Math.Pow(a, -1.5);
    public double DEda(double a) => -1.5 * Math.Pow(a, -2.5);
    public double D1(double a) => a;
    public double D2(double a) => -3.0 / 7.0 * a * a;
    public double F1(double a) => 1;
    public double F2(double a) => 2;
    public double DD1da(double a) => 1;
    public double DD2da(double a) => -6.0 / 7.0 * a;
    public double D2D1da2(double a) => 0;
    public double D2D2da2(double a) => -6.0 / 7.0;
}

/// <summary>P(k) = A·(k/k0)^n·exp(−(k/kCut)²), h/Mpc and (Mpc/h)³; a smooth stand-in for the EH98 spectrum.</summary>
internal sealed class PowerLawSpectrum(double amplitude, double index, double kCut, double k0 = 0.1) : ILinearPower
{
    public double P(double kHMpc) =>
        kHMpc <= 0 ? 0 : amplitude * Math.Pow(kHMpc / k0, index) * Math.Exp(-(kHMpc / kCut) * (kHMpc / kCut));
}
