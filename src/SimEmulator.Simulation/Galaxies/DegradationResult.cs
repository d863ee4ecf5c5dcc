namespace SimEmulator.Simulation.Galaxies;

/// <summary>A degraded image with what was done to it: blur σ in pixels and the background σ measured before and after the blur, added, and aimed at.</summary>
public sealed record DegradationResult(
    Image Degraded,
    double BlurSigmaPixels,
    double SigmaOriginal,
    double SigmaBlurred,
    double SigmaAdded,
    double SigmaTarget);
