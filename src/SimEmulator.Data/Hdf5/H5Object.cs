namespace SimEmulator.Data.Hdf5;

/// <summary>A group or dataset in an open HDF5 file; disposing it closes the native object (the file closes them all).</summary>
public abstract class H5Object : IDisposable
{
    private H5Attributes? _attributes;

    private protected H5Object(H5Handle handle, string path)
    {
        Handle = handle;
        Path = path;
    }

    internal H5Handle Handle { get; }

    /// <summary>Absolute path inside the file, e.g. "/sims/run0/delta"; "/" for the root group.</summary>
    public string Path { get; }

    /// <summary>The file this object lives in.</summary>
    public abstract H5File File { get; }

    /// <summary>Attributes attached to this object (for a file: to its root group, like h5py's File.attrs).</summary>
    public H5Attributes Attributes => _attributes ??= new H5Attributes(this);

    /// <summary>The hid_t, or an ObjectDisposedException that says which object was closed.</summary>
    internal long Id
    {
        get
        {
            if (Handle.IsClosed) throw new ObjectDisposedException(GetType().Name, $"{Describe()} is closed (it or its file was disposed)");
            return Handle.Id;
        }
    }

    /// <summary>How messages name this object: "dataset '/x' in sims.h5", "group '/a' in sims.h5", "sims.h5".</summary>
    internal abstract string Describe();

    internal string FileName => File.FilePath;

    /// <summary>The absolute, normalised form of a path relative to this object ("a/b") or already absolute ("/a/b").</summary>
    internal string Absolute(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var joined = path.StartsWith('/') ? path : Path + "/" + path;
        return "/" + string.Join('/', joined.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != "."));
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing) Handle.Dispose();
    }
}
