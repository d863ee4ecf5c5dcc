using System.Runtime.InteropServices;

namespace SimEmulator.Data.Hdf5;

/// <summary>
/// An HDF5 identifier (hid_t) owned by a SafeHandle, so it is closed exactly once even when an exception
/// unwinds past it or the owner is only finalized. Closing takes the global HDF5 lock.
/// </summary>
internal abstract class H5Handle : SafeHandle
{
    protected H5Handle(long id) : base(0, ownsHandle: true) => SetHandle((nint)id);

    public override bool IsInvalid => handle <= 0;

    /// <summary>The hid_t; throws ObjectDisposedException once closed.</summary>
    public long Id
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }

    protected abstract int Close(long id);

    protected override bool ReleaseHandle()
    {
        using var _ = H5Library.Enter();
        if (Close(handle) < 0) H5Native.H5Eclear2(H5Native.H5E_DEFAULT);
        return true;
    }
}

internal sealed class H5FileHandle(long id) : H5Handle(id)
{
    protected override int Close(long id) => H5Native.H5Fclose(id);
}

internal sealed class H5GroupHandle(long id) : H5Handle(id)
{
    protected override int Close(long id) => H5Native.H5Gclose(id);
}

internal sealed class H5DatasetHandle(long id) : H5Handle(id)
{
    protected override int Close(long id) => H5Native.H5Dclose(id);
}

internal sealed class H5DataspaceHandle(long id) : H5Handle(id)
{
    protected override int Close(long id) => H5Native.H5Sclose(id);
}

internal sealed class H5DatatypeHandle(long id) : H5Handle(id)
{
    protected override int Close(long id) => H5Native.H5Tclose(id);
}

internal sealed class H5PropertyListHandle(long id) : H5Handle(id)
{
    protected override int Close(long id) => H5Native.H5Pclose(id);
}

internal sealed class H5AttributeHandle(long id) : H5Handle(id)
{
    protected override int Close(long id) => H5Native.H5Aclose(id);
}
