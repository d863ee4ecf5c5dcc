using static SimEmulator.Torch.Native.NativeMethods;

namespace SimEmulator.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>torch.nn.functional: stateless layers, activations and losses.</summary>
        public static class functional
        {
            private static long[] Rep(long[] v, int nd, string name)
            {
                if (v.Length == nd) return v;
                if (v.Length == 1) return Enumerable.Repeat(v[0], nd).ToArray();
                throw new ArgumentException($"'{name}' needs 1 or {nd} values, got {v.Length}", name);
            }

            private static unsafe Tensor Conv(Tensor input, Tensor weight, Tensor? bias, int nd, bool transposed,
                long[] stride, long[] padding, long[] dilation, long[] output_padding, long groups)
            {
                var s = Rep(stride, nd, nameof(stride));
                var p = Rep(padding, nd, nameof(padding));
                var d = Rep(dilation, nd, nameof(dilation));
                var o = Rep(output_padding, nd, nameof(output_padding));
                fixed (long* ps = s) fixed (long* pp = p) fixed (long* pd = d) fixed (long* po = o)
                    return Tensor.Wrap(st_convolution(input.Handle, weight.Handle, bias?.Handle ?? IntPtr.Zero, ps, pp, pd, po, nd,
                        transposed ? 1 : 0, groups, out var r), r);
            }

            private static readonly long[] One = [1], Zero = [0];

            public static Tensor conv1d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? dilation = null, long groups = 1) =>
                Conv(input, weight, bias, 1, false, stride ?? One, padding ?? Zero, dilation ?? One, Zero, groups);
            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? dilation = null, long groups = 1) =>
                Conv(input, weight, bias, 2, false, stride ?? One, padding ?? Zero, dilation ?? One, Zero, groups);
            public static Tensor conv3d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? dilation = null, long groups = 1) =>
                Conv(input, weight, bias, 3, false, stride ?? One, padding ?? Zero, dilation ?? One, Zero, groups);
            public static Tensor conv_transpose1d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? output_padding = null, long groups = 1, long[]? dilation = null) =>
                Conv(input, weight, bias, 1, true, stride ?? One, padding ?? Zero, dilation ?? One, output_padding ?? Zero, groups);
            public static Tensor conv_transpose2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? output_padding = null, long groups = 1, long[]? dilation = null) =>
                Conv(input, weight, bias, 2, true, stride ?? One, padding ?? Zero, dilation ?? One, output_padding ?? Zero, groups);
            public static Tensor conv_transpose3d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? output_padding = null, long groups = 1, long[]? dilation = null) =>
                Conv(input, weight, bias, 3, true, stride ?? One, padding ?? Zero, dilation ?? One, output_padding ?? Zero, groups);

            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) =>
                Tensor.Wrap(st_linear(input.Handle, weight.Handle, bias?.Handle ?? IntPtr.Zero, out var r), r);

            /// <summary>Pads the last dims: pad = (left, right, top, bottom, front, back) as in PyTorch; mode constant|reflect|replicate|circular.</summary>
            public static unsafe Tensor pad(Tensor input, long[] pad, string mode = "constant", double value = 0)
            {
                var m = mode switch
                {
                    "constant" => 0,
                    "reflect" => 1,
                    "replicate" => 2,
                    "circular" => 3,
                    _ => throw new ArgumentException($"pad mode '{mode}' is not one of constant, reflect, replicate, circular", nameof(mode)),
                };
                fixed (long* p = pad) return Tensor.Wrap(st_pad(input.Handle, p, pad.Length, m, value, out var r), r);
            }

            /// <summary>Resamples the spatial dims to size or by scale_factor; mode nearest|linear|bilinear|trilinear|bicubic.</summary>
            public static unsafe Tensor interpolate(Tensor input, long[]? size = null, double[]? scale_factor = null, string mode = "nearest", bool? align_corners = null)
            {
                if ((size is null) == (scale_factor is null))
                    throw new ArgumentException("interpolate needs exactly one of size and scale_factor");
                var m = mode switch
                {
                    "nearest" => 0,
                    "linear" => 1,
                    "bilinear" => 2,
                    "trilinear" => 3,
                    "bicubic" => 4,
                    _ => throw new ArgumentException($"interpolate mode '{mode}' is not one of nearest, linear, bilinear, trilinear, bicubic", nameof(mode)),
                };
                if (m == 0 && align_corners is not null)
                    throw new ArgumentException("align_corners can only be set with the interpolating modes linear, bilinear, bicubic and trilinear, not nearest", nameof(align_corners));
                var nd = input.dim() - 2;
                if (scale_factor is { Length: 1 } && nd > 1) scale_factor = Enumerable.Repeat(scale_factor[0], nd).ToArray();
                if (size is { Length: 1 } && nd > 1) size = Enumerable.Repeat(size[0], nd).ToArray();
                fixed (long* ps = size) fixed (double* pf = scale_factor)
                    return Tensor.Wrap(st_interpolate(input.Handle, ps, size?.Length ?? 0, pf, scale_factor?.Length ?? 0, m,
                        align_corners is null ? -1 : align_corners.Value ? 1 : 0, out var r), r);
            }

            private static unsafe Tensor Pool(int op, Tensor input, int nd, long[] kernel, long[]? stride, long[]? padding, long[]? dilation, bool ceil_mode, bool count_include_pad)
            {
                var k = Rep(kernel, nd, "kernel_size");
                var s = stride is null || stride.Length == 0 ? k : Rep(stride, nd, nameof(stride));
                var p = Rep(padding ?? Zero, nd, nameof(padding));
                var d = Rep(dilation ?? One, nd, nameof(dilation));
                fixed (long* pk = k) fixed (long* ps = s) fixed (long* pp = p) fixed (long* pd = d)
                    return Tensor.Wrap(st_pool(op, input.Handle, nd, pk, ps, pp, pd, ceil_mode ? 1 : 0, count_include_pad ? 1 : 0, out var r), r);
            }

            public static Tensor avg_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null, bool ceil_mode = false, bool count_include_pad = true) =>
                Pool(0, input, 2, kernel_size, stride, padding, null, ceil_mode, count_include_pad);
            public static Tensor avg_pool3d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null, bool ceil_mode = false, bool count_include_pad = true) =>
                Pool(0, input, 3, kernel_size, stride, padding, null, ceil_mode, count_include_pad);
            public static Tensor max_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null, long[]? dilation = null, bool ceil_mode = false) =>
                Pool(1, input, 2, kernel_size, stride, padding, dilation, ceil_mode, false);
            public static Tensor max_pool3d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null, long[]? dilation = null, bool ceil_mode = false) =>
                Pool(1, input, 3, kernel_size, stride, padding, dilation, ceil_mode, false);
            public static Tensor adaptive_avg_pool2d(Tensor input, long[] output_size) => Pool(2, input, 2, output_size, output_size, null, null, false, false);
            public static Tensor adaptive_avg_pool3d(Tensor input, long[] output_size) => Pool(2, input, 3, output_size, output_size, null, null, false, false);

            // PyTorch's Python layer refuses statistics of a single value (libtorch would normalise it to 0 without a word).
            private static void CheckStatistics(Tensor input, bool perChannel)
            {
                var s = input.shape;
                long n = perChannel && s.Length > 0 ? s[0] : 1;
                for (var i = 2; i < s.Length; i++) n *= s[i];
                if (n == 1)
                    throw new ArgumentException(perChannel
                        ? $"Expected more than 1 value per channel when training, got input size [{string.Join(", ", s)}]"
                        : $"Expected more than 1 spatial element when training, got input size [{string.Join(", ", s)}]", nameof(input));
            }

            public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null, Tensor? bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5)
            {
                if (training) CheckStatistics(input, perChannel: true);
                return Tensor.Wrap(st_batch_norm(input.Handle, weight?.Handle ?? IntPtr.Zero, bias?.Handle ?? IntPtr.Zero, running_mean?.Handle ?? IntPtr.Zero,
                    running_var?.Handle ?? IntPtr.Zero, training ? 1 : 0, momentum, eps, out var r), r);
            }

            public static Tensor instance_norm(Tensor input, Tensor? running_mean = null, Tensor? running_var = null, Tensor? weight = null, Tensor? bias = null, bool use_input_stats = true, double momentum = 0.1, double eps = 1e-5)
            {
                if (use_input_stats) CheckStatistics(input, perChannel: false);
                return Tensor.Wrap(st_instance_norm(input.Handle, weight?.Handle ?? IntPtr.Zero, bias?.Handle ?? IntPtr.Zero, running_mean?.Handle ?? IntPtr.Zero,
                    running_var?.Handle ?? IntPtr.Zero, use_input_stats ? 1 : 0, momentum, eps, out var r), r);
            }

            public static unsafe Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
            {
                fixed (long* p = normalized_shape)
                    return Tensor.Wrap(st_layer_norm(input.Handle, p, normalized_shape.Length, weight?.Handle ?? IntPtr.Zero, bias?.Handle ?? IntPtr.Zero, eps, out var r), r);
            }

            public static Tensor group_norm(Tensor input, long num_groups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5) =>
                Tensor.Wrap(st_group_norm(input.Handle, num_groups, weight?.Handle ?? IntPtr.Zero, bias?.Handle ?? IntPtr.Zero, eps, out var r), r);

            private static Tensor Act(int op, Tensor x, double a = 0, double b = 0) => Tensor.Wrap(st_activation(op, x.Handle, a, b, out var r), r);

            public static Tensor relu(Tensor x) => x.relu();
            public static Tensor leaky_relu(Tensor x, double negative_slope = 0.01) => Act(0, x, negative_slope);
            public static Tensor leaky_relu_(Tensor x, double negative_slope = 0.01)
            {
                TorchException.Check(st_activation(8, x.Handle, negative_slope, 0, out _));
                return x;
            }
            public static Tensor elu(Tensor x, double alpha = 1.0) => Act(1, x, alpha);
            /// <summary>GELU; approximate "none" (exact erf form) or "tanh".</summary>
            public static Tensor gelu(Tensor x, string approximate = "none") => Act(2, x, approximate switch
            {
                "none" => 0,
                "tanh" => 1,
                _ => throw new ArgumentException($"gelu approximate '{approximate}' is not 'none' or 'tanh'", nameof(approximate)),
            });
            public static Tensor silu(Tensor x) => x.U(Native.Unary.silu);
            public static Tensor tanh(Tensor x) => x.tanh();
            public static Tensor sigmoid(Tensor x) => x.sigmoid();
            public static Tensor softplus(Tensor x, double beta = 1, double threshold = 20) => Act(3, x, beta, threshold);
            public static Tensor softmax(Tensor x, long dim) => Act(4, x, dim);
            public static Tensor log_softmax(Tensor x, long dim) => Act(5, x, dim);
            public static Tensor hardtanh(Tensor x, double min_val = -1, double max_val = 1) => Act(6, x, min_val, max_val);

            public static Tensor dropout(Tensor x, double p = 0.5, bool training = true)
            {
                if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");
                return Tensor.Wrap(st_dropout(x.Handle, p, training ? 1 : 0, out var r), r);
            }

            private static int Reduction(string reduction) => reduction switch
            {
                "none" => 0,
                "mean" => 1,
                "sum" => 2,
                _ => throw new ArgumentException($"reduction '{reduction}' is not one of none, mean, sum", nameof(reduction)),
            };

            private static Tensor Loss(int op, Tensor input, Tensor target, string reduction, double a = 0, Tensor? w = null, Tensor? pw = null) =>
                Tensor.Wrap(st_loss(op, input.Handle, target.Handle, w?.Handle ?? IntPtr.Zero, pw?.Handle ?? IntPtr.Zero, a, Reduction(reduction), out var r), r);

            public static Tensor mse_loss(Tensor input, Tensor target, string reduction = "mean") => Loss(0, input, target, reduction);
            public static Tensor l1_loss(Tensor input, Tensor target, string reduction = "mean") => Loss(1, input, target, reduction);
            public static Tensor smooth_l1_loss(Tensor input, Tensor target, string reduction = "mean", double beta = 1.0) => Loss(2, input, target, reduction, beta);
            public static Tensor huber_loss(Tensor input, Tensor target, string reduction = "mean", double delta = 1.0) => Loss(4, input, target, reduction, delta);
            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null, string reduction = "mean", Tensor? pos_weight = null) =>
                Loss(3, input, target, reduction, 0, weight, pos_weight);
        }
    }
}
