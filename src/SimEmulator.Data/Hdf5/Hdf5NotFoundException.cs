namespace SimEmulator.Data.Hdf5;

/// <summary>A group, dataset or attribute that was asked for does not exist (or is a different kind of object).</summary>
public sealed class Hdf5NotFoundException(string message, string? fileName, string? objectPath)
    : Hdf5Exception(message, fileName, objectPath);
