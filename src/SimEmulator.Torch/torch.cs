using System.Text;
using static SimEmulator.Torch.Native.NativeMethods;

namespace SimEmulator.Torch;

/// <summary>The PyTorch-named entry point: <c>torch.randn(...)</c>, <c>torch.nn.Conv3d(...)</c>, <c>torch.optim.Adam(...)</c>.</summary>
public static partial class torch
{
    public const ScalarType uint8 = ScalarType.Byte;
    public const ScalarType int8 = ScalarType.Int8;
    public const ScalarType int16 = ScalarType.Int16;
    public const ScalarType int32 = ScalarType.Int32;
    public const ScalarType int64 = ScalarType.Int64;
    public const ScalarType float16 = ScalarType.Float16;
    public const ScalarType bfloat16 = ScalarType.BFloat16;
    public const ScalarType float32 = ScalarType.Float32;
    public const ScalarType float64 = ScalarType.Float64;
    public const ScalarType complex64 = ScalarType.ComplexFloat32;
    public const ScalarType complex128 = ScalarType.ComplexFloat64;
    public const ScalarType @bool = ScalarType.Bool;

    public static readonly Device CPU = new(DeviceType.CPU, -1);
    public static readonly Device CUDA = new(DeviceType.CUDA, 0);
    public static Device device(string spec) => Device.Parse(spec);
    public static Device device(DeviceType type, int index = -1) => new(type, index);

    // The default float dtype, as torch.get_default_dtype().
    private static ScalarType Dt(ScalarType? t) => t ?? float32;
    private static (int type, int index) Dv(Device? d) => d is null ? (-1, 0) : ((int)d.type, d.index);

    /// <summary>libtorch's version, e.g. (1, 13, 0).</summary>
    public static Version libtorch_version
    {
        get
        {
            st_version(out var a, out var b, out var c);
            return new Version(a, b, c);
        }
    }

    public static string __version__ => libtorch_version.ToString(3);

    private static unsafe string ConfigString(int which)
    {
        TorchException.Check(st_config(which, null, 0, out var needed));
        var buf = new byte[needed];
        fixed (byte* p = buf) TorchException.Check(st_config(which, p, buf.Length, out _));
        return Encoding.UTF8.GetString(buf, 0, Math.Max(0, needed - 1));
    }

    /// <summary>libtorch's build configuration (torch.__config__.show()).</summary>
    public static string show_config() => ConfigString(0);
    /// <summary>libtorch's threading report (torch.__config__.parallel_info()).</summary>
    public static string parallel_info() => ConfigString(1);

    /// <summary>Tensors alive in the native shim right now, for leak tests.</summary>
    public static long LiveTensorCount => st_live_tensors();

    public static DisposeScope NewDisposeScope() => new();

    // ------------------------------------------------------------------ threads and seeds
    public static void set_num_threads(int n) => TorchException.Check(st_set_num_threads(n));
    public static int get_num_threads() => st_get_num_threads();
    public static void set_num_interop_threads(int n) => TorchException.Check(st_set_num_interop_threads(n));
    public static int get_num_interop_threads() => st_get_num_interop_threads();

    /// <summary>Seeds the global CPU (and CUDA) generators.</summary>
    public static void manual_seed(long seed) => TorchException.Check(st_manual_seed(seed));

    /// <summary>The global CPU generator's state as a uint8 tensor.</summary>
    public static Tensor get_rng_state() => Tensor.Wrap(st_generator_get_state(IntPtr.Zero, out var s), s);
    public static void set_rng_state(Tensor state) => TorchException.Check(st_generator_set_state(IntPtr.Zero, state.Handle));

    // ------------------------------------------------------------------ autograd mode
    public static bool is_grad_enabled() => st_grad_enabled() != 0;
    public static void set_grad_enabled(bool enabled) => st_set_grad_enabled(enabled ? 1 : 0);

    /// <summary>Disables gradient recording until disposed: <c>using (torch.no_grad()) { ... }</c>.</summary>
    public static IDisposable no_grad() => new GradModeScope(false);
    public static IDisposable enable_grad() => new GradModeScope(true);

    private sealed class GradModeScope : IDisposable
    {
        private readonly bool previous;
        private bool done;

        public GradModeScope(bool enabled)
        {
            previous = is_grad_enabled();
            set_grad_enabled(enabled);
        }

        public void Dispose()
        {
            if (done) return;
            done = true;
            set_grad_enabled(previous);
        }
    }

    // ------------------------------------------------------------------ creation
    private static unsafe Tensor New(int kind, long[] size, ScalarType? dtype, Device? device, Generator? gen, bool requires_grad)
    {
        var (dt, di) = Dv(device);
        fixed (long* p = size)
            return Tensor.Wrap(st_new(kind, p, size.Length, (int)Dt(dtype), dt, di, gen?.Handle ?? IntPtr.Zero, requires_grad ? 1 : 0, out var r), r);
    }

    public static Tensor zeros(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => New(0, size, dtype, device, null, requires_grad);
    public static Tensor zeros(params long[] size) => zeros(size, null);
    public static Tensor ones(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => New(1, size, dtype, device, null, requires_grad);
    public static Tensor ones(params long[] size) => ones(size, null);
    public static Tensor empty(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => New(2, size, dtype, device, null, requires_grad);
    public static Tensor empty(params long[] size) => empty(size, null);
    /// <summary>U[0, 1) samples, from the generator if given, else the global one.</summary>
    public static Tensor rand(long[] size, ScalarType? dtype = null, Device? device = null, Generator? generator = null, bool requires_grad = false) => New(3, size, dtype, device, generator, requires_grad);
    public static Tensor rand(params long[] size) => rand(size, null);
    /// <summary>N(0, 1) samples, from the generator if given, else the global one.</summary>
    public static Tensor randn(long[] size, ScalarType? dtype = null, Device? device = null, Generator? generator = null, bool requires_grad = false) => New(4, size, dtype, device, generator, requires_grad);
    public static Tensor randn(params long[] size) => randn(size, null);

    public static unsafe Tensor full(long[] size, double value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var (dt, di) = Dv(device);
        fixed (long* p = size)
            return Tensor.Wrap(st_full(p, size.Length, value, 0, (int)Dt(dtype), dt, di, requires_grad ? 1 : 0, out var r), r);
    }

    /// <summary>Integers uniform in [low, high), int64 unless dtype says otherwise.</summary>
    public static unsafe Tensor randint(long low, long high, long[] size, ScalarType? dtype = null, Device? device = null, Generator? generator = null)
    {
        var (dt, di) = Dv(device);
        fixed (long* p = size)
            return Tensor.Wrap(st_randint(low, high, p, size.Length, (int)(dtype ?? int64), dt, di, generator?.Handle ?? IntPtr.Zero, out var r), r);
    }

    public static Tensor randint(long high, long[] size, ScalarType? dtype = null, Device? device = null, Generator? generator = null) =>
        randint(0, high, size, dtype, device, generator);

    private static Tensor Like(int kind, Tensor t, double value, ScalarType? dtype, Device? device, Generator? gen)
    {
        var (dt, di) = Dv(device);
        return Tensor.Wrap(st_new_like(kind, t.Handle, value, 0, dtype is null ? -1 : (int)dtype, dt, di, gen?.Handle ?? IntPtr.Zero, out var r), r);
    }

    public static Tensor zeros_like(Tensor t, ScalarType? dtype = null, Device? device = null) => Like(0, t, 0, dtype, device, null);
    public static Tensor ones_like(Tensor t, ScalarType? dtype = null, Device? device = null) => Like(1, t, 0, dtype, device, null);
    public static Tensor empty_like(Tensor t, ScalarType? dtype = null, Device? device = null) => Like(2, t, 0, dtype, device, null);
    public static Tensor rand_like(Tensor t, ScalarType? dtype = null, Device? device = null, Generator? generator = null) => Like(3, t, 0, dtype, device, generator);
    public static Tensor randn_like(Tensor t, ScalarType? dtype = null, Device? device = null, Generator? generator = null) => Like(4, t, 0, dtype, device, generator);
    public static Tensor full_like(Tensor t, double value, ScalarType? dtype = null, Device? device = null) => Like(5, t, value, dtype, device, null);

    /// <summary>Values start, start+step, ... below end; int64 when all three are integers, as in PyTorch.</summary>
    public static Tensor arange(long start, long end, long step = 1, ScalarType? dtype = null, Device? device = null)
    {
        var (dt, di) = Dv(device);
        return Tensor.Wrap(st_arange(start, end, step, 1, (int)(dtype ?? int64), dt, di, out var r), r);
    }

    public static Tensor arange(long end, ScalarType? dtype = null, Device? device = null) => arange(0, end, 1, dtype, device);

    public static Tensor arange(double start, double end, double step = 1, ScalarType? dtype = null, Device? device = null)
    {
        var (dt, di) = Dv(device);
        return Tensor.Wrap(st_arange(start, end, step, 0, (int)Dt(dtype), dt, di, out var r), r);
    }

    public static Tensor linspace(double start, double end, long steps, ScalarType? dtype = null, Device? device = null)
    {
        var (dt, di) = Dv(device);
        return Tensor.Wrap(st_linspace(start, end, steps, (int)Dt(dtype), dt, di, out var r), r);
    }

    public static Tensor eye(long n, long? m = null, ScalarType? dtype = null, Device? device = null)
    {
        var (dt, di) = Dv(device);
        return Tensor.Wrap(st_eye(n, m ?? n, (int)Dt(dtype), dt, di, out var r), r);
    }

    /// <summary>A new CPU tensor holding a copy of the span, viewed with the given C-order shape (1-D if omitted).</summary>
    public static unsafe Tensor tensor<T>(ReadOnlySpan<T> data, long[]? shape = null, Device? device = null, bool requires_grad = false) where T : unmanaged
    {
        shape ??= [data.Length];
        long n = 1;
        foreach (var s in shape) n *= s;
        if (n != data.Length)
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] holds {n} elements but the data has {data.Length}");
        var type = ScalarTypeExtensions.Of<T>();
        Tensor t;
        fixed (T* p = data) fixed (long* ps = shape)
            t = Tensor.Wrap(st_from_data(p, ps, shape.Length, (int)type, out var r), r);
        if (device is not null && device.type != DeviceType.CPU)
        {
            var moved = t.to(device);
            t.Dispose();
            t = moved;
        }
        if (requires_grad) t.requires_grad = true;
        return t;
    }

    public static Tensor tensor<T>(T[] data, long[]? shape = null, Device? device = null, bool requires_grad = false) where T : unmanaged =>
        tensor((ReadOnlySpan<T>)data, shape, device, requires_grad);

    public static Tensor tensor(double value, ScalarType dtype = ScalarType.Float32) => full([], value, dtype);

    public static Tensor from_array(float[,] a) => tensor(MemoryMarshalFlat(a), [a.GetLength(0), a.GetLength(1)]);
    public static Tensor from_array(double[,] a) => tensor(MemoryMarshalFlat(a), [a.GetLength(0), a.GetLength(1)]);

    private static T[] MemoryMarshalFlat<T>(T[,] a) where T : unmanaged
    {
        var flat = new T[a.Length];
        Buffer.BlockCopy(a, 0, flat, 0, Buffer.ByteLength(a));
        return flat;
    }

    // ------------------------------------------------------------------ free functions
    public static unsafe Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(0, tensors, dim);
    public static unsafe Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(1, tensors, dim);

    private static unsafe Tensor Join(int op, IReadOnlyList<Tensor> tensors, long dim)
    {
        var hs = new IntPtr[tensors.Count];
        for (var i = 0; i < hs.Length; i++) hs[i] = tensors[i].Handle;
        fixed (IntPtr* p = hs) return Tensor.Wrap(st_join(op, p, hs.Length, dim, out var r), r);
    }

    public static Tensor where(Tensor condition, Tensor x, Tensor y) =>
        Tensor.Wrap(st_where(condition.Handle, x.Handle, y.Handle, out var r), r);

    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);
    public static Tensor bmm(Tensor a, Tensor b) => a.bmm(b);
    public static Tensor complex(Tensor real, Tensor imag) => real.B(Native.Binary.complex, imag);
    public static Tensor polar(Tensor abs, Tensor angle) => abs.B(Native.Binary.polar, angle);
    public static Tensor maximum(Tensor a, Tensor b) => a.maximum(b);
    public static Tensor minimum(Tensor a, Tensor b) => a.minimum(b);
    public static Tensor pow(Tensor a, double exponent) => a.pow(exponent);
    public static Tensor pow(double @base, Tensor exponent) => exponent.S(Native.Binary.rpow, @base);
    public static Tensor exp(Tensor a) => a.exp();
    public static Tensor log(Tensor a) => a.log();
    public static Tensor log1p(Tensor a) => a.log1p();
    public static Tensor sqrt(Tensor a) => a.sqrt();
    public static Tensor abs(Tensor a) => a.abs();
    public static Tensor clamp(Tensor a, double? min = null, double? max = null) => a.clamp(min, max);
    public static Tensor isnan(Tensor a) => a.isnan();
    public static Tensor isfinite(Tensor a) => a.isfinite();
    public static Tensor roll(Tensor a, long[] shifts, long[] dims) => a.roll(shifts, dims);
    public static Tensor flip(Tensor a, params long[] dims) => a.flip(dims);
    public static Tensor cumsum(Tensor a, long dim) => a.cumsum(dim);
}
