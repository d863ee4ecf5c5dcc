namespace SimEmulator.Simulation.Galaxies;

/// <summary>One simulated object: its seed, the profiles drawn, the channel images by name, and its parameters by column name.</summary>
public sealed record SimulatedGalaxy(
    long Seed,
    Profile Galaxy,
    Profile? Psf,
    IReadOnlyDictionary<string, Image> Channels,
    IReadOnlyDictionary<string, double> Parameters);
