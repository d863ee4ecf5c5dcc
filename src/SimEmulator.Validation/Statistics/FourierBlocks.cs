using System.Numerics;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Validation.Statistics;

/// <summary>
/// The unnormalised float64 rFFT δ_k [N, N, N/2+1] of a cube, handed to the binning in blocks of n_y rows (all n_x,
/// a few n_y, all n_z) so that the modes never sit in managed memory all at once.
/// </summary>
/// <remarks>
/// libtorch's CPU FFT (pocketfft) runs on one thread whatever <c>torch.set_num_threads</c> says (and libtorch 1.13
/// defaults to hardware_concurrency()/2 intra-op threads, 1 on a 2-core machine, when OMP_NUM_THREADS is unset). On
/// CPU the 3D transform is therefore done in two passes that the caller's threads share: <see cref="Of(float[], int)"/>
/// rFFTs chunks of x planes over (y, z) into one [N, N, N/2+1] buffer, and <see cref="Load"/> finishes a block of
/// n_y rows with a length-N FFT over x and copies it to host for the binning. Chunks and blocks are about 2 MB, so the
/// work spreads evenly over the threads and the temporaries stay small; the results do not depend on the thread count.
/// Non-CPU tensors take one rFFT on their device and <see cref="Load"/> copies blocks from it.
/// </remarks>
internal sealed class FourierBlocks : IDisposable
{
    /// <summary>Target size in bytes of one chunk of x planes (float64 input) and of one block of y rows (complex128).</summary>
    private const long ChunkBytes = 2L << 20;

    private readonly Tensor modes;
    private readonly bool yzOnly;

    private FourierBlocks(int n, Tensor modes, bool yzOnly)
    {
        N = n;
        this.modes = modes;
        this.yzOnly = yzOnly;
        BlockRows = (int)Math.Clamp(ChunkBytes / 2 / ((long)n * (n / 2 + 1) * 16), 1, n);
    }

    /// <summary>Cells per side.</summary>
    public int N { get; }

    /// <summary>n_y rows per block (the last block may hold fewer).</summary>
    public int BlockRows { get; }

    /// <summary>Number of blocks, the work items of <see cref="Load"/>.</summary>
    public int Items => (N + BlockRows - 1) / BlockRows;

    /// <summary>Complex values in a full block: N·BlockRows·(N/2+1).</summary>
    public int BlockLength => N * BlockRows * (N / 2 + 1);

    /// <summary>rFFT of a host cube of n³ values (C order); the float32 → float64 conversion happens per chunk on the worker threads.</summary>
    public static FourierBlocks Of(float[] delta, int n)
    {
        return OverYz(n, (x0, count, buffer) =>
        {
            var values = buffer.AsSpan(0, count * n * n);
            Widen(delta.AsSpan(x0 * n * n, count * n * n), values);
            using var chunk = tensor<double>(values, [count, n, n]);
            return fft.rfftn(chunk, dim: [1, 2]);
        }, hostBuffer: true);
    }

    /// <summary>rFFT of a cube tensor on any device, in float64 (in two threaded passes on CPU).</summary>
    public static FourierBlocks Of(Tensor delta, int n)
    {
        if (delta.device.type != DeviceType.CPU)
        {
            using var x = delta.to(ScalarType.Float64);
            return new FourierBlocks(n, fft.rfftn(x).DetachFromDisposeScope(), yzOnly: false);
        }
        return OverYz(n, (x0, count, _) =>
        {
            using var planes = delta.narrow(0, x0, count);
            using var x = planes.to(ScalarType.Float64);
            return fft.rfftn(x, dim: [1, 2]);
        }, hostBuffer: false);
    }

    /// <summary>float32 → float64, exactly, a SIMD vector at a time.</summary>
    private static void Widen(ReadOnlySpan<float> source, Span<double> target)
    {
        var from = System.Runtime.InteropServices.MemoryMarshal.Cast<float, Vector<float>>(source);
        var to = System.Runtime.InteropServices.MemoryMarshal.Cast<double, Vector<double>>(target);
        for (var i = 0; i < from.Length; i++)
        {
            Vector.Widen(from[i], out var low, out var high);
            to[2 * i] = low;
            to[2 * i + 1] = high;
        }
        for (var i = from.Length * Vector<float>.Count; i < source.Length; i++) target[i] = source[i];
    }

    private static int ChunkPlanes(int n) => (int)Math.Clamp(ChunkBytes / ((long)n * n * 8), 1, n);

    /// <summary>
    /// First pass: each chunk of x planes (x0, count), rFFT'd over (y, z) by <paramref name="transform"/>, is copied
    /// into place; with <paramref name="hostBuffer"/> each worker lends it one float64 buffer of a full chunk.
    /// </summary>
    private static FourierBlocks OverYz(int n, Func<int, int, double[], Tensor> transform, bool hostBuffer)
    {
        var planes = ChunkPlanes(n);
        var yz = empty([n, n, n / 2 + 1], ScalarType.ComplexFloat64).DetachFromDisposeScope();
        try
        {
            Parallel.For(0, (n + planes - 1) / planes, () => hostBuffer ? new double[planes * n * n] : [], (chunk, _, buffer) =>
            {
                var x0 = chunk * planes;
                var count = Math.Min(planes, n - x0);
                using var part = transform(x0, count, buffer);
                using var target = yz.narrow(0, x0, count);
                target.copy_(part);
                return buffer;
            }, _ => { });
        }
        catch (AggregateException e)
        {
            yz.Dispose();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        return new FourierBlocks(n, yz, yzOnly: true);
    }

    /// <summary>
    /// Copies block <paramref name="item"/> to host: δ_k for every n_x, n_y = <see cref="FirstRow"/> … + rows − 1 and
    /// every n_z, C order [N, rows, N/2+1], into <paramref name="block"/>. Returns the number of rows.
    /// Thread-safe: workers may load different blocks at once.
    /// </summary>
    public int Load(int item, Complex[] block)
    {
        var y0 = FirstRow(item);
        var rows = Math.Min(BlockRows, N - y0);
        using var slab = modes.narrow(1, y0, rows);
        var length = N * rows * (N / 2 + 1);
        if (yzOnly)
        {
            using var done = fft.fft_(slab, dim: 0);
            done.CopyTo<Complex>(block.AsSpan(0, length));
        }
        else
        {
            slab.CopyTo<Complex>(block.AsSpan(0, length));
        }
        return rows;
    }

    /// <summary>
    /// The circular autocorrelation ξ(x) = (1/N³) Σ_y δ(y) δ(y + x) on the grid, [N, N, N] C order, as irFFT(|δ_k|²)/N³
    /// in float64 on host. The inverse runs in the mirror image of the forward passes: a length-N inverse FFT over x per
    /// block of n_y rows, then an inverse rFFT over (y, z) per chunk of x planes, both shared by the caller's threads.
    /// </summary>
    public double[] CircularAutocorrelation()
    {
        var n = N;
        var nz = n / 2 + 1;
        using var overX = empty([n, n, nz], ScalarType.ComplexFloat64).DetachFromDisposeScope();
        Parallel.For(0, Items, () => (block: new Complex[BlockLength], power: new double[BlockLength]), (item, _, buffers) =>
        {
            var (block, power) = buffers;
            var rows = Load(item, block);
            var length = n * rows * nz;
            for (var i = 0; i < length; i++) power[i] = block[i].Real * block[i].Real + block[i].Imaginary * block[i].Imaginary;
            using var p = tensor<double>(power.AsSpan(0, length), [n, rows, nz]);
            using var back = fft.ifft(p, dim: 0);
            using var target = overX.narrow(1, FirstRow(item), rows);
            target.copy_(back);
            return buffers;
        }, _ => { });

        var grid = GC.AllocateUninitializedArray<double>(n * n * n);
        var planes = ChunkPlanes(n);
        var scale = 1.0 / ((double)n * n * n);
        Parallel.For(0, (n + planes - 1) / planes, chunk =>
        {
            var x0 = chunk * planes;
            var count = Math.Min(planes, n - x0);
            using var slab = overX.narrow(0, x0, count);
            using var xi = fft.irfftn(slab, s: [n, n], dim: [1, 2]);
            var values = grid.AsSpan(x0 * n * n, count * n * n);
            xi.CopyTo<double>(values);
            for (var i = 0; i < values.Length; i++) values[i] *= scale;
        });
        return grid;
    }

    /// <summary>The first n_y row index of block <paramref name="item"/>.</summary>
    public int FirstRow(int item) => item * BlockRows;

    public void Dispose() => modes.Dispose();
}
