namespace SimEmulator.Simulation.Galaxies;

/// <summary>
/// Accuracy settings of Fourier drawing, GalSim's names and defaults where GalSim has them. FoldingThreshold: light allowed
/// to wrap around the FFT period; MaxKThreshold: |F(k)|/flux below which k beyond the pixel Nyquist band is no longer
/// folded in (within the band all of it is kept); StepKMinimumHlr: the period spans at least this many half-light radii
/// either side; MaximumFftSize: the largest FFT side allowed; MaxKNyquistMultiple: k is folded in out to at most this
/// multiple of the pixel Nyquist frequency π/dx, which bounds the cost of unconvolved cusps at some loss of accuracy in
/// their central pixels (a PSF-convolved profile rarely reaches past 1).
/// </summary>
public sealed record GSParams(
    double FoldingThreshold = 5e-3,
    double MaxKThreshold = 1e-3,
    double StepKMinimumHlr = 5,
    int MaximumFftSize = 4096,
    double MaxKNyquistMultiple = 4)
{
    public static GSParams Default { get; } = new();
}
