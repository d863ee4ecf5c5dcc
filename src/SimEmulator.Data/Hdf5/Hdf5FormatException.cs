namespace SimEmulator.Data.Hdf5;

/// <summary>The file is not HDF5 (no signature) or is truncated or corrupt.</summary>
public sealed class Hdf5FormatException(string message, string? fileName, string? hdf5Detail = null)
    : Hdf5Exception(message, fileName, null, hdf5Detail);
