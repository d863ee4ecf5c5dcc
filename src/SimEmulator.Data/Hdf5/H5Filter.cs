namespace SimEmulator.Data.Hdf5;

/// <summary>
/// An HDF5 filter in a chunked dataset's pipeline: its registered id (1 gzip/deflate, 2 shuffle, 32001 Blosc, …),
/// whether it is optional (HDF5 skips an optional filter it cannot apply, chunk by chunk), and its client data.
/// </summary>
public sealed record H5Filter(int Id, bool Optional = false, uint[]? ClientData = null)
{
    /// <summary>HDF5's name for the filter, or the registered name for well-known plugin ids ("blosc").</summary>
    public string Name => NameOf(Id);

    public static string NameOf(int id) => id switch
    {
        1 => "deflate",
        2 => "shuffle",
        3 => "fletcher32",
        4 => "szip",
        5 => "nbit",
        6 => "scaleoffset",
        305 => "lzo",
        307 => "bzip2",
        32000 => "lzf",
        32001 => "blosc",
        32004 => "lz4",
        32008 => "bitshuffle",
        32013 => "zfp",
        32015 => "zstd",
        32017 => "sz",
        32026 => "blosc2",
        _ => "unregistered",
    };

    /// <summary>What to install to get a filter: the plugin package a user would search for.</summary>
    internal static string PluginName(int id) => id switch
    {
        32001 => "hdf5-blosc plugin",
        32026 => "hdf5-blosc2 plugin",
        32000 => "h5py LZF plugin (hdf5-lzf)",
        _ => $"HDF5 {NameOf(id)} filter plugin (e.g. from the hdf5plugin Python package, on HDF5_PLUGIN_PATH)",
    };
}
