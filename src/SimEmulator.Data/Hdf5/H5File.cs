namespace SimEmulator.Data.Hdf5;

/// <summary>
/// An open HDF5 file; it is also its root group ("/"), as in h5py. Disposing it closes every group, dataset and
/// attribute still open in it and leaves a complete file on disk.
/// </summary>
public class H5File : H5Group
{
    // Chunk cache per open dataset: 16 MiB holds sixteen 1 MiB chunks (a 64³ float32 chunk is 1 MiB), where
    // libhdf5's 1 MiB default bypasses the cache for such chunks, so hyperslab reads and writes that cut through
    // chunks do not re-inflate (or read-modify-write) a chunk per slab. Whole-dataset sweeps measured the same
    // with 1, 4, 16 and 64 MiB. 1 009 slots (prime; HDF5 hashes chunks by index).
    private const int ChunkCacheBytes = 16 << 20, ChunkCacheSlots = 1009;

    private readonly H5FileHandle _fileHandle;
    private readonly List<WeakReference<H5Handle>> _children = [];
    private int _pruneAt = 64;

    private protected H5File(H5FileHandle fileHandle, H5GroupHandle root, string filePath, string diskPath, H5FileMode mode)
        : base(null, root, "/")
    {
        _fileHandle = fileHandle;
        FilePath = filePath;
        DiskPath = diskPath;
        Mode = mode;
    }

    /// <summary>The file as the caller named it; messages use this name.</summary>
    public string FilePath { get; }

    /// <summary>Where the bytes are being written: <see cref="FilePath"/>, or the temporary name of an atomic file.</summary>
    public string DiskPath { get; }

    public H5FileMode Mode { get; }

    /// <summary>Creates a new HDF5 file.</summary>
    /// <param name="overwrite">Replace an existing file; when false an existing file is an error.</param>
    public static H5File Create(string path, bool overwrite = false) => Create(path, path, overwrite, (f, r) =>
        new H5File(f, r, path, path, H5FileMode.ReadWrite));

    /// <summary>Opens an existing HDF5 file.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="Hdf5FormatException">It is not HDF5, or truncated/corrupt.</exception>
    public static H5File Open(string path, H5FileMode mode = H5FileMode.ReadOnly)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!System.IO.File.Exists(path))
            throw new FileNotFoundException(Directory.Exists(path) ? $"{path} is a directory, not an HDF5 file" : $"{path} not found", path);
        using var _ = H5Library.Enter();
        var isHdf5 = H5Native.H5Fis_hdf5(path);
        if (isHdf5 == 0)
            throw new Hdf5FormatException($"{path} is not an HDF5 file (no HDF5 signature in its first bytes; another format, or truncated before the header)", path);
        if (isHdf5 < 0)
        {
            var detail = H5Error.Detail();
            throw new Hdf5FormatException($"{path} is not an HDF5 file (or is truncated): {detail}", path, detail);
        }
        using var fapl = FileAccessList();
        var fid = H5Native.H5Fopen(path, mode == H5FileMode.ReadWrite ? H5Native.H5F_ACC_RDWR : H5Native.H5F_ACC_RDONLY, fapl.Id);
        if (fid < 0)
        {
            var detail = H5Error.Detail();
            bool Says(string s) => detail.Contains(s, StringComparison.OrdinalIgnoreCase);
            if (Says("truncated"))
                throw new Hdf5FormatException($"{path} is not an HDF5 file (or is truncated): {detail}", path, detail);
            if (Says("already open") || Says("lock") || Says("permission") || Says("no such file"))
            {
                var hint = Says("lock") ? " (another process may have it open for writing; on file systems without locking set HDF5_USE_FILE_LOCKING=FALSE)" : "";
                throw new Hdf5Exception($"cannot open {path}{(mode == H5FileMode.ReadWrite ? " for writing" : "")}: {detail}{hint}", path, null, detail);
            }
            throw new Hdf5FormatException($"{path} has an HDF5 signature but cannot be opened (corrupt?): {detail}", path, detail);
        }
        return Wrap(fid, path, (f, r) => new H5File(f, r, path, path, mode));
    }

    /// <summary>
    /// Creates <paramref name="finalPath"/> + ".tmp-&lt;random&gt;"; <see cref="H5AtomicFile.Commit"/> closes it and
    /// renames it to <paramref name="finalPath"/>; disposing without committing deletes it. A crash never leaves a
    /// half-written file under the final name.
    /// </summary>
    public static H5AtomicFile CreateAtomic(string finalPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(finalPath);
        var temp = $"{finalPath}.tmp-{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6)).ToLowerInvariant()}";
        return (H5AtomicFile)Create(temp, finalPath, overwrite: false, (f, r) => new H5AtomicFile(f, r, finalPath, temp));
    }

    /// <summary>Writes HDF5's buffers for this file to the operating system.</summary>
    public void Flush()
    {
        using var _ = H5Library.Enter();
        if (H5Native.H5Fflush(_fileHandle.Id, H5Native.H5F_SCOPE_GLOBAL) < 0) throw H5Error.Fail($"cannot flush {FilePath}", FilePath, null);
    }

    private static H5File Create(string diskPath, string displayPath, bool overwrite, Func<H5FileHandle, H5GroupHandle, H5File> make)
    {
        ArgumentException.ThrowIfNullOrEmpty(diskPath);
        if (!overwrite && System.IO.File.Exists(diskPath))
            throw new IOException($"{displayPath} already exists; pass overwrite: true to replace it");
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(diskPath));
        if (dir is not null && !Directory.Exists(dir))
            throw new DirectoryNotFoundException($"cannot create {displayPath}: directory {dir} does not exist");
        using var _ = H5Library.Enter();
        using var fapl = FileAccessList();
        // The root group too is created without modification times, so equal inputs give equal bytes.
        using var fcpl = new H5PropertyListHandle(H5Native.H5Pcreate(H5Library.ClassFileCreate));
        if (fcpl.Id < 0 || H5Native.H5Pset_obj_track_times(fcpl.Id, 0) < 0) throw H5Error.Fail($"cannot prepare {displayPath}", displayPath, null);
        var fid = H5Native.H5Fcreate(diskPath, overwrite ? H5Native.H5F_ACC_TRUNC : H5Native.H5F_ACC_EXCL, fcpl.Id, fapl.Id);
        if (fid < 0) throw H5Error.Fail($"cannot create {displayPath}", displayPath, null);
        return Wrap(fid, displayPath, make);
    }

    private static H5File Wrap(long fid, string displayPath, Func<H5FileHandle, H5GroupHandle, H5File> make)
    {
        var file = new H5FileHandle(fid);
        try
        {
            MarkCloseOnExec(fid);
            var rid = H5Native.H5Gopen2(fid, "/", H5Native.H5P_DEFAULT);
            if (rid < 0) throw H5Error.Fail($"cannot open the root group of {displayPath}", displayPath, "/");
            var root = new H5GroupHandle(rid);
            return make(file, root);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// libhdf5 opens files without O_CLOEXEC, so a child process started while the file is open (Process.Start
    /// anywhere in this process, e.g. a test running h5py) inherits the descriptor and with it the file's flock:
    /// the file then stays locked until the child exits ("unable to lock file, errno = 11"). Mark it close-on-exec
    /// right after opening; only a fork in the microseconds between the two calls can still inherit it.
    /// </summary>
    private static unsafe void MarkCloseOnExec(long fid)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return;
        // For the default sec2 driver the VFD handle is a pointer to the int file descriptor.
        if (H5Native.H5Fget_vfd_handle(fid, H5Native.H5P_DEFAULT, out var handle) < 0 || handle == 0)
        {
            H5Native.H5Eclear2(H5Native.H5E_DEFAULT);
            return;
        }
        var fd = *(int*)handle;
        if (fd >= 0) H5Native.fcntl(fd, H5Native.F_SETFD, H5Native.FD_CLOEXEC);
    }

    private static H5PropertyListHandle FileAccessList()
    {
        var id = H5Native.H5Pcreate(H5Library.ClassFileAccess);
        if (id < 0) throw H5Error.Fail("cannot create a file access property list", null, null);
        var fapl = new H5PropertyListHandle(id);
        H5Native.H5Pset_cache(id, 0, (nuint)ChunkCacheSlots, (nuint)ChunkCacheBytes, 0.75);
        // Strong close: H5Fclose closes anything still open in the file, so after Dispose the file is complete.
        H5Native.H5Pset_fclose_degree(id, H5Native.H5F_CLOSE_STRONG);
        return fapl;
    }

    internal void Track(H5Handle handle)
    {
        _children.Add(new WeakReference<H5Handle>(handle));
        if (_children.Count < _pruneAt) return;
        _children.RemoveAll(w => !w.TryGetTarget(out var h) || h.IsClosed);
        _pruneAt = Math.Max(64, 2 * _children.Count);
    }

    internal void RequireWritable(string action)
    {
        if (Mode != H5FileMode.ReadWrite)
            throw new Hdf5Exception($"cannot {action}: {FilePath} is open read-only (open it with H5FileMode.ReadWrite)", FilePath, null);
    }

    /// <summary>Closes children, the root group and the file, in that order.</summary>
    protected void CloseNative()
    {
        using var _ = H5Library.Enter();
        foreach (var w in _children)
        {
            if (w.TryGetTarget(out var h)) h.Dispose();
        }
        _children.Clear();
        Handle.Dispose();
        _fileHandle.Dispose();
    }

    internal bool IsClosed => _fileHandle.IsClosed;

    protected override void Dispose(bool disposing)
    {
        if (disposing) CloseNative();
    }
}
