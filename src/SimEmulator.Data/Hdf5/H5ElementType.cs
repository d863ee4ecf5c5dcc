namespace SimEmulator.Data.Hdf5;

/// <summary>
/// The element type of a dataset or attribute as stored, named like numpy dtypes (byte order is HDF5's business:
/// big-endian data is converted on read). <see cref="Bool"/> is h5py's numpy-bool enum (int8, FALSE = 0, TRUE = 1).
/// </summary>
public enum H5ElementType
{
    Other,
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float16,
    Float32,
    Float64,
    Bool,
    String,
}
