namespace SimEmulator.Data.Hdf5;

/// <summary>A rank, shape, selection or buffer length does not match the dataset or attribute.</summary>
public sealed class Hdf5ShapeException(string message, string? fileName, string? objectPath)
    : Hdf5Exception(message, fileName, objectPath);
