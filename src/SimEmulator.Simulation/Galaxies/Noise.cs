using SimEmulator.Data.Randomness;
namespace SimEmulator.Simulation.Galaxies;

/// <summary>A pixel noise model: adds independent noise to every pixel of an image, drawing from the given generator.</summary>
public abstract record Noise
{
    /// <summary>A new image: the input plus one realisation of this noise (pixels drawn in row-major order).</summary>
    public abstract Image AddTo(Image image, Xoshiro256StarStar rng);

    /// <summary>Per-pixel variance where the image is zero (the sky background), image units².</summary>
    public abstract double BackgroundVariance { get; }

    public double BackgroundSigma => Math.Sqrt(BackgroundVariance);
}
