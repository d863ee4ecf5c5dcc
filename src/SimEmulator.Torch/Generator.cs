using static SimEmulator.Torch.Native.NativeMethods;

namespace SimEmulator.Torch;

/// <summary>An explicit random stream (torch.Generator) so independent draws are reproducible regardless of call order.</summary>
public sealed class Generator : IDisposable
{
    private IntPtr handle;

    public Generator(long seed = 67280421310721, Device? device = null)
    {
        var d = device ?? torch.CPU;
        TorchException.Check(st_generator_new(seed, (int)d.type, d.index, out handle));
        this.device = d;
    }

    public Device device { get; }

    internal IntPtr Handle => handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(nameof(Generator));

    public Generator manual_seed(long seed)
    {
        TorchException.Check(st_generator_seed(Handle, seed));
        return this;
    }

    public long initial_seed()
    {
        TorchException.Check(st_generator_initial_seed(Handle, out var s));
        return s;
    }

    /// <summary>The full stream state as a uint8 tensor, for checkpoints.</summary>
    public Tensor get_state() => Tensor.Wrap(st_generator_get_state(Handle, out var s), s);
    public void set_state(Tensor state) => TorchException.Check(st_generator_set_state(Handle, state.Handle));

    public void Dispose()
    {
        var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
        if (h != IntPtr.Zero) st_generator_free(h);
        GC.SuppressFinalize(this);
    }

    ~Generator() => Dispose();
}
