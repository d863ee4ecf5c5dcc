namespace SimEmulator.Simulation.Config;

/// <summary>A galaxy config that cannot be used as it is; the message names the file and the key (dotted, e.g. 'psf.fwhm').</summary>
public sealed class GalaxyConfigException(string filePath, string key, string message) : Exception(message)
{
    public string FilePath { get; } = filePath;
    /// <summary>The dotted key at fault, or "" for the file as a whole.</summary>
    public string Key { get; } = key;
}
