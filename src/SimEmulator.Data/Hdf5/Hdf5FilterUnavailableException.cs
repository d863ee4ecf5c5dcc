namespace SimEmulator.Data.Hdf5;

/// <summary>
/// The dataset was compressed with an HDF5 filter this libhdf5 cannot decode (e.g. 32001 = Blosc, used by Quijote
/// files since 2023): install the filter plugin (HDF5_PLUGIN_PATH) or re-save the data without it.
/// </summary>
public sealed class Hdf5FilterUnavailableException(string message, string? fileName, string? objectPath, int filterId, string filterName)
    : Hdf5Exception(message, fileName, objectPath)
{
    public int FilterId { get; } = filterId;
    public string FilterName { get; } = filterName;
}
