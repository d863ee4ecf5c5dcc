using SimEmulator.Simulation.Cosmology;

namespace SimEmulator.Tests.Simulation.InitialConditions;

/// <summary>P(k) = A·(k/k0)^n·exp(−(k/kCut)²), h/Mpc and (Mpc/h)³; a smooth stand-in for the EH98 spectrum.</summary>
internal sealed class PowerLawSpectrum(double amplitude, double index, double kCut, double k0 = 0.1) : ILinearPower
{
    public double P(double kHMpc) =>
        kHMpc <= 0 ? 0 : amplitude * Math.Pow(kHMpc / k0, index) * Math.Exp(-(kHMpc / kCut) * (kHMpc / kCut));
}

/// <summary>A P(k) that misbehaves above some k, to check the field generator refuses it.</summary>
internal sealed class BrokenSpectrum(double kBad) : ILinearPower
{
    public double P(double kHMpc) => kHMpc > kBad ? double.NaN : 1000;
}
