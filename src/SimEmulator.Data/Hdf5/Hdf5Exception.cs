namespace SimEmulator.Data.Hdf5;

/// <summary>An HDF5 operation failed; the message names the file and the object (dataset, group, attribute).</summary>
public class Hdf5Exception : Exception
{
    public Hdf5Exception(string message, string? fileName = null, string? objectPath = null, string? hdf5Detail = null, Exception? inner = null)
        : base(message, inner)
    {
        FileName = fileName;
        ObjectPath = objectPath;
        Hdf5Detail = hdf5Detail;
    }

    /// <summary>The file as the caller named it (for atomic writes: the final name, not the temporary one).</summary>
    public string? FileName { get; }

    /// <summary>Absolute path of the object inside the file ("/sims/run0/delta"), or null for file-level failures.</summary>
    public string? ObjectPath { get; }

    /// <summary>What libhdf5's error stack said, API call first and innermost cause last; null when the check was ours.</summary>
    public string? Hdf5Detail { get; }
}
