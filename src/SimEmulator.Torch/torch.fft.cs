using static SimEmulator.Torch.Native.NativeMethods;

namespace SimEmulator.Torch;

public static partial class torch
{
    /// <summary>torch.fft: n-dimensional discrete Fourier transforms (norm "backward" | "forward" | "ortho").</summary>
    public static class fft
    {
        private static int Norm(string norm) => norm switch
        {
            "backward" => 0,
            "forward" => 1,
            "ortho" => 2,
            _ => throw new ArgumentException($"fft norm '{norm}' is not one of backward, forward, ortho", nameof(norm)),
        };

        private static unsafe Tensor Fft(int op, Tensor input, long[]? s, long[]? dim, string norm)
        {
            fixed (long* ps = s) fixed (long* pd = dim)
                return Tensor.Wrap(st_fft(op, input.Handle, ps, s?.Length ?? -1, pd, dim?.Length ?? -1, Norm(norm), out var r), r);
        }

        public static Tensor fftn(Tensor input, long[]? s = null, long[]? dim = null, string norm = "backward") => Fft(0, input, s, dim, norm);
        public static Tensor ifftn(Tensor input, long[]? s = null, long[]? dim = null, string norm = "backward") => Fft(1, input, s, dim, norm);
        public static Tensor rfftn(Tensor input, long[]? s = null, long[]? dim = null, string norm = "backward") => Fft(2, input, s, dim, norm);
        public static Tensor irfftn(Tensor input, long[]? s = null, long[]? dim = null, string norm = "backward") => Fft(3, input, s, dim, norm);

        public static Tensor fft_(Tensor input, long? n = null, long dim = -1, string norm = "backward") => Fft(0, input, n is null ? null : [n.Value], [dim], norm);
        public static Tensor ifft(Tensor input, long? n = null, long dim = -1, string norm = "backward") => Fft(1, input, n is null ? null : [n.Value], [dim], norm);
        public static Tensor rfft(Tensor input, long? n = null, long dim = -1, string norm = "backward") => Fft(2, input, n is null ? null : [n.Value], [dim], norm);
        public static Tensor irfft(Tensor input, long? n = null, long dim = -1, string norm = "backward") => Fft(3, input, n is null ? null : [n.Value], [dim], norm);
        public static Tensor fft2(Tensor input, string norm = "backward") => Fft(0, input, null, [-2, -1], norm);
        public static Tensor rfft2(Tensor input, string norm = "backward") => Fft(2, input, null, [-2, -1], norm);

        /// <summary>Sample frequencies k/(d·n) in FFT order, as numpy.fft.fftfreq.</summary>
        public static Tensor fftfreq(long n, double d = 1.0, ScalarType? dtype = null, Device? device = null)
        {
            var (dt, di) = Dv(device);
            return Tensor.Wrap(st_fftfreq(0, n, d, (int)Dt(dtype), dt, di, out var r), r);
        }

        public static Tensor rfftfreq(long n, double d = 1.0, ScalarType? dtype = null, Device? device = null)
        {
            var (dt, di) = Dv(device);
            return Tensor.Wrap(st_fftfreq(1, n, d, (int)Dt(dtype), dt, di, out var r), r);
        }

        /// <summary>Moves the zero frequency to the centre of the given dims (all if omitted).</summary>
        public static Tensor fftshift(Tensor input, long[]? dim = null)
        {
            var shape = input.shape;
            dim ??= Enumerable.Range(0, shape.Length).Select(i => (long)i).ToArray();
            var shifts = dim.Select(d => shape[d < 0 ? d + shape.Length : d] / 2).ToArray();
            return input.roll(shifts, dim);
        }

        public static Tensor ifftshift(Tensor input, long[]? dim = null)
        {
            var shape = input.shape;
            dim ??= Enumerable.Range(0, shape.Length).Select(i => (long)i).ToArray();
            var shifts = dim.Select(d => -(shape[d < 0 ? d + shape.Length : d] / 2)).ToArray();
            return input.roll(shifts, dim);
        }
    }
}
