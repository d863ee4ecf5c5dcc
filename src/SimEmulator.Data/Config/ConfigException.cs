namespace SimEmulator.Data.Config;

/// <summary>A config file that cannot be used as it is; the message names the file, the line and the key.</summary>
public sealed class ConfigException(string message) : Exception(message);
