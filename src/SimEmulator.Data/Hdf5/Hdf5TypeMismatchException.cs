namespace SimEmulator.Data.Hdf5;

/// <summary>
/// The element type asked for cannot hold the stored one without a conversion C# would not do implicitly
/// (e.g. float64 data read as float), or is not numeric at all (strings read as numbers).
/// </summary>
public sealed class Hdf5TypeMismatchException(string message, string? fileName, string? objectPath, H5ElementType stored, Type requested)
    : Hdf5Exception(message, fileName, objectPath)
{
    public H5ElementType Stored { get; } = stored;
    public Type Requested { get; } = requested;
}
