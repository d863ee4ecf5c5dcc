namespace SimEmulator.Data.Hdf5;

/// <summary>
/// A new HDF5 file written under a temporary name next to its final one. <see cref="Commit"/> closes it, syncs it to
/// disk and renames it over the final name in one step; disposing it uncommitted deletes the temporary file.
/// </summary>
public sealed class H5AtomicFile : H5File
{
    internal H5AtomicFile(H5FileHandle file, H5GroupHandle root, string finalPath, string tempPath)
        : base(file, root, finalPath, tempPath, H5FileMode.ReadWrite)
    {
    }

    /// <summary>The temporary file being written: FinalPath + ".tmp-&lt;random&gt;".</summary>
    public string TempPath => DiskPath;

    public bool Committed { get; private set; }

    /// <summary>Closes the file (and everything open in it), fsyncs it and renames it to <see cref="H5File.FilePath"/>, replacing any file there.</summary>
    public void Commit()
    {
        if (Committed) throw new InvalidOperationException($"{FilePath} was already committed");
        if (IsClosed) throw new ObjectDisposedException(nameof(H5AtomicFile), $"{FilePath}: cannot commit a disposed file; its temporary file was deleted");
        CloseNative();
        using (var fs = new FileStream(TempPath, FileMode.Open, FileAccess.ReadWrite))
            fs.Flush(flushToDisk: true);
        System.IO.File.Move(TempPath, FilePath, overwrite: true);
        Committed = true;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!Committed)
        {
            try
            {
                System.IO.File.Delete(TempPath);
            }
            catch (IOException)
            {
                // Best effort: a leftover .tmp-* file never masquerades as the final one.
            }
        }
    }
}
