namespace SimEmulator.Data.Hdf5;

/// <summary>How <see cref="H5File.Open"/> opens an existing file.</summary>
public enum H5FileMode
{
    ReadOnly,
    ReadWrite,
}
