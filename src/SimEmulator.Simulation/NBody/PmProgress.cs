namespace SimEmulator.Simulation.NBody;

/// <summary>Reported after each kick–drift–kick step: step <paramref name="Step"/> of <paramref name="StepCount"/> took the particles to scale factor <paramref name="A"/>.</summary>
/// <param name="Step">1-based index of the step just finished within this run.</param>
/// <param name="StepCount">Steps in this run.</param>
/// <param name="A">Scale factor reached.</param>
/// <param name="Elapsed">Wall time since the run started.</param>
public sealed record PmProgress(int Step, int StepCount, double A, TimeSpan Elapsed)
{
    /// <summary>Redshift reached, 1/a − 1.</summary>
    public double Redshift => 1 / A - 1;
}
