using SimEmulator.Simulation.Cosmology;

namespace SimEmulator.Tests.Simulation.InitialConditions;

/// <summary>A P(k) that misbehaves above some k, to check the field generator refuses it.</summary>
internal sealed class BrokenSpectrum(double kBad) : ILinearPower
{
    public double P(double kHMpc) => kHMpc > kBad ? double.NaN : 1000;
}
