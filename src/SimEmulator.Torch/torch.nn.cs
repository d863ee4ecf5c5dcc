using SimEmulator.Torch.Modules;

namespace SimEmulator.Torch;

public static partial class torch
{
    /// <summary>torch.nn: layer factories named as in PyTorch (<c>nn.Conv3d(1, 64, 4, stride: 2, padding: 1)</c>).</summary>
    public static partial class nn
    {
        public static Linear Linear(long in_features, long out_features, bool bias = true, Device? device = null, ScalarType? dtype = null) =>
            new(in_features, out_features, bias, device, dtype);

        public static Conv1d Conv1d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1,
            long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode, device, dtype);

        public static Conv2d Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1,
            long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, [kernel_size], [stride], [padding], [dilation], groups, bias, padding_mode, device, dtype);

        public static Conv3d Conv3d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1,
            long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, [kernel_size], [stride], [padding], [dilation], groups, bias, padding_mode, device, dtype);

        public static ConvTranspose2d ConvTranspose2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0,
            long output_padding = 0, long groups = 1, bool bias = true, long dilation = 1, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, [kernel_size], [stride], [padding], [output_padding], groups, bias, [dilation], padding_mode, device, dtype);

        public static ConvTranspose3d ConvTranspose3d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0,
            long output_padding = 0, long groups = 1, bool bias = true, long dilation = 1, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, [kernel_size], [stride], [padding], [output_padding], groups, bias, [dilation], padding_mode, device, dtype);

        public static BatchNorm1d BatchNorm1d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool track_running_stats = true) =>
            new(num_features, eps, momentum, affine, track_running_stats);
        public static BatchNorm2d BatchNorm2d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool track_running_stats = true) =>
            new(num_features, eps, momentum, affine, track_running_stats);
        public static BatchNorm3d BatchNorm3d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool track_running_stats = true) =>
            new(num_features, eps, momentum, affine, track_running_stats);
        public static InstanceNorm2d InstanceNorm2d(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = false, bool track_running_stats = false) =>
            new(num_features, eps, momentum, affine, track_running_stats);
        public static InstanceNorm3d InstanceNorm3d(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = false, bool track_running_stats = false) =>
            new(num_features, eps, momentum, affine, track_running_stats);
        public static LayerNorm LayerNorm(long[] normalized_shape, double eps = 1e-5, bool elementwise_affine = true) => new(normalized_shape, eps, elementwise_affine);
        public static GroupNorm GroupNorm(long num_groups, long num_channels, double eps = 1e-5, bool affine = true) => new(num_groups, num_channels, eps, affine);

        public static Sequential Sequential(params Module[] modules) => new(modules);
        public static Sequential Sequential(params (string name, Module module)[] modules) => new(modules);
        public static ReLU ReLU() => new();
        public static LeakyReLU LeakyReLU(double negative_slope = 0.01) => new(negative_slope);
        public static ELU ELU(double alpha = 1.0) => new(alpha);
        public static GELU GELU(string approximate = "none") => new(approximate);
        public static SiLU SiLU() => new();
        public static Tanh Tanh() => new();
        public static Sigmoid Sigmoid() => new();
        public static Softplus Softplus(double beta = 1, double threshold = 20) => new(beta, threshold);
        public static Identity Identity() => new();
        public static Dropout Dropout(double p = 0.5) => new(p);
        public static Flatten Flatten(long start_dim = 1, long end_dim = -1) => new(start_dim, end_dim);
        public static Unflatten Unflatten(long dim, long[] unflattened_size) => new(dim, unflattened_size);
        public static Upsample Upsample(long[]? size = null, double[]? scale_factor = null, string mode = "nearest", bool? align_corners = null) =>
            new(size, scale_factor, mode, align_corners);
        public static Upsample Upsample(double scale_factor, string mode = "nearest", bool? align_corners = null) =>
            new(null, [scale_factor], mode, align_corners);

        /// <summary>torch.nn.utils.spectral_norm: wraps the layer's weight as weight_orig / σ.</summary>
        public static T spectral_norm<T>(T module, int n_power_iterations = 1, double eps = 1e-12, int? dim = null) where T : WeightedModule =>
            SpectralNorm.apply(module, n_power_iterations, eps, dim);
    }
}
