using System.Runtime.InteropServices;

namespace SimEmulator.Torch.Native;

/// <summary>P/Invoke declarations of the C ABI in native/*.cpp; every call returns 0 or sets st_last_error.</summary>
internal static unsafe class NativeMethods
{
    internal const string Lib = "simemu_torch";

    [DllImport(Lib)] internal static extern IntPtr st_last_error();
    [DllImport(Lib)] internal static extern long st_live_tensors();
    [DllImport(Lib)] internal static extern void st_free(IntPtr t);
    [DllImport(Lib)] internal static extern int st_version(out int major, out int minor, out int patch);
    [DllImport(Lib)] internal static extern int st_config(int which, byte* buf, int cap, out int needed);

    [DllImport(Lib)] internal static extern int st_dim(IntPtr t);
    [DllImport(Lib)] internal static extern int st_shape(IntPtr t, long* shape);
    [DllImport(Lib)] internal static extern int st_strides(IntPtr t, long* strides);
    [DllImport(Lib)] internal static extern long st_numel(IntPtr t);
    [DllImport(Lib)] internal static extern int st_dtype(IntPtr t);
    [DllImport(Lib)] internal static extern int st_device(IntPtr t, out int type, out int index);
    [DllImport(Lib)] internal static extern int st_is_contiguous(IntPtr t);
    [DllImport(Lib)] internal static extern int st_requires_grad(IntPtr t);
    [DllImport(Lib)] internal static extern int st_is_leaf(IntPtr t);
    [DllImport(Lib)] internal static extern int st_set_requires_grad(IntPtr t, int v);

    [DllImport(Lib)] internal static extern int st_new(int kind, long* shape, int ndim, int dtype, int dev, int devidx, IntPtr gen, int requiresGrad, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_new_like(int kind, IntPtr like, double value, int isInt, int dtype, int dev, int devidx, IntPtr gen, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_full(long* shape, int ndim, double value, int isInt, int dtype, int dev, int devidx, int requiresGrad, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_randint(long low, long high, long* shape, int ndim, int dtype, int dev, int devidx, IntPtr gen, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_arange(double start, double end, double step, int isInt, int dtype, int dev, int devidx, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_linspace(double start, double end, long steps, int dtype, int dev, int devidx, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_eye(long n, long m, int dtype, int dev, int devidx, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_from_data(void* data, long* shape, int ndim, int dtype, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_copy_to_host(IntPtr t, void* dst, long nbytes);
    [DllImport(Lib)] internal static extern int st_copy_from_host(IntPtr t, void* src, long nbytes);
    [DllImport(Lib)] internal static extern int st_item(IntPtr t, out double value);
    [DllImport(Lib)] internal static extern int st_item_int64(IntPtr t, out long value);
    [DllImport(Lib)] internal static extern int st_to(IntPtr t, int dtype, int dev, int devidx, int nonBlocking, int copy, out IntPtr result);

    [DllImport(Lib)] internal static extern int st_manual_seed(long seed);
    [DllImport(Lib)] internal static extern int st_generator_new(long seed, int dev, int devidx, out IntPtr gen);
    [DllImport(Lib)] internal static extern void st_generator_free(IntPtr gen);
    [DllImport(Lib)] internal static extern int st_generator_seed(IntPtr gen, long seed);
    [DllImport(Lib)] internal static extern int st_generator_initial_seed(IntPtr gen, out long seed);
    [DllImport(Lib)] internal static extern int st_generator_get_state(IntPtr gen, out IntPtr state);
    [DllImport(Lib)] internal static extern int st_generator_set_state(IntPtr gen, IntPtr state);

    [DllImport(Lib)] internal static extern int st_set_num_threads(int n);
    [DllImport(Lib)] internal static extern int st_get_num_threads();
    [DllImport(Lib)] internal static extern int st_set_num_interop_threads(int n);
    [DllImport(Lib)] internal static extern int st_get_num_interop_threads();
    [DllImport(Lib)] internal static extern int st_grad_enabled();
    [DllImport(Lib)] internal static extern void st_set_grad_enabled(int v);
    [DllImport(Lib)] internal static extern int st_cuda_is_available();
    [DllImport(Lib)] internal static extern int st_cuda_device_count();
    [DllImport(Lib)] internal static extern int st_cuda_synchronize(long device);
    [DllImport(Lib)] internal static extern int st_set_cudnn_benchmark(int v);
    [DllImport(Lib)] internal static extern int st_get_cudnn_benchmark();
    [DllImport(Lib)] internal static extern int st_set_allow_tf32(int cublas, int cudnn);
    [DllImport(Lib)] internal static extern int st_get_allow_tf32(out int cublas, out int cudnn);
    [DllImport(Lib)] internal static extern int st_cuda_device_name(int index, byte* buf, int cap, out int needed);

    [DllImport(Lib)] internal static extern int st_unary(int op, IntPtr a, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_unary_(int op, IntPtr a);
    [DllImport(Lib)] internal static extern int st_binary(int op, IntPtr a, IntPtr b, double alpha, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_binary_scalar(int op, IntPtr a, double s, int isInt, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_binary_(int op, IntPtr a, IntPtr b, double alpha);
    [DllImport(Lib)] internal static extern int st_binary_scalar_(int op, IntPtr a, double s, int isInt);
    [DllImport(Lib)] internal static extern int st_addc(int op, int inplace, IntPtr a, IntPtr t1, IntPtr t2, double value, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_lerp(IntPtr a, IntPtr b, double w, int inplace, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_where(IntPtr cond, IntPtr a, IntPtr b, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_clamp(IntPtr a, double lo, int hasLo, double hi, int hasHi, int inplace, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_masked_fill(IntPtr a, IntPtr mask, double v, int isInt, int inplace, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_reduce(int op, IntPtr a, long* dims, int ndim, int keepdim, double p, int dtype, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_reduce_index(int op, IntPtr a, long dim, int keepdim, out IntPtr values, out IntPtr indices);
    [DllImport(Lib)] internal static extern int st_sort(IntPtr a, long dim, int descending, int stable, out IntPtr values, out IntPtr indices);
    [DllImport(Lib)] internal static extern int st_topk(IntPtr a, long k, long dim, int largest, int sorted, out IntPtr values, out IntPtr indices);
    [DllImport(Lib)] internal static extern int st_scan(int op, IntPtr a, long dim, out IntPtr result);

    [DllImport(Lib)] internal static extern int st_shape_op(int op, IntPtr a, long* v, int n, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_transpose(IntPtr a, long d0, long d1, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_flatten(IntPtr a, long start, long end, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_narrow(IntPtr a, long dim, long start, long length, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_select(IntPtr a, long dim, long index, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_slice(IntPtr a, long dim, long start, long end, long step, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_index_select(IntPtr a, long dim, IntPtr index, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_gather(IntPtr a, long dim, IntPtr index, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_scatter(int op, int inplace, IntPtr a, long dim, IntPtr index, IntPtr src, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_index(IntPtr a, IntPtr* idx, int n, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_index_put_(IntPtr a, IntPtr* idx, int n, IntPtr values, int accumulate);
    [DllImport(Lib)] internal static extern int st_roll(IntPtr a, long* shifts, long* dims, int n, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_join(int op, IntPtr* ts, int n, long dim, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_split(int op, IntPtr a, long* v, int nv, long dim, IntPtr* result, int cap, out int count);

    [DllImport(Lib)] internal static extern int st_fft(int op, IntPtr a, long* s, int ns, long* dims, int ndim, int norm, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_fftfreq(int op, long n, double d, int dtype, int dev, int devidx, out IntPtr result);

    [DllImport(Lib)] internal static extern int st_convolution(IntPtr input, IntPtr weight, IntPtr bias, long* stride, long* padding, long* dilation, long* outputPadding, int nd, int transposed, long groups, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_linear(IntPtr input, IntPtr weight, IntPtr bias, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_pad(IntPtr input, long* pad, int n, int mode, double value, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_interpolate(IntPtr input, long* size, int ns, double* scale, int nsc, int mode, int alignCorners, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_pool(int op, IntPtr input, int nd, long* kernel, long* stride, long* padding, long* dilation, int ceilMode, int countIncludePad, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_batch_norm(IntPtr input, IntPtr weight, IntPtr bias, IntPtr runningMean, IntPtr runningVar, int training, double momentum, double eps, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_instance_norm(IntPtr input, IntPtr weight, IntPtr bias, IntPtr runningMean, IntPtr runningVar, int useInputStats, double momentum, double eps, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_layer_norm(IntPtr input, long* shape, int n, IntPtr weight, IntPtr bias, double eps, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_group_norm(IntPtr input, long groups, IntPtr weight, IntPtr bias, double eps, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_activation(int op, IntPtr x, double a, double b, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_dropout(IntPtr x, double p, int train, out IntPtr result);
    [DllImport(Lib)] internal static extern int st_loss(int op, IntPtr input, IntPtr target, IntPtr w, IntPtr pw, double a, int reduction, out IntPtr result);

    [DllImport(Lib)] internal static extern int st_backward(IntPtr t, IntPtr grad, int retainGraph, int createGraph);
    [DllImport(Lib)] internal static extern int st_grad(IntPtr t, out IntPtr grad);
    [DllImport(Lib)] internal static extern int st_zero_grad(IntPtr t, int setToNone);
    [DllImport(Lib)] internal static extern int st_set_grad(IntPtr t, IntPtr grad);
    [DllImport(Lib)] internal static extern int st_retain_grad(IntPtr t);
    [DllImport(Lib)] internal static extern int st_autograd_grad(IntPtr* outputs, int nout, IntPtr* inputs, int nin, IntPtr* gradOutputs, int retainGraph, int createGraph, int allowUnused, IntPtr* result);
    [DllImport(Lib)] internal static extern int st_random_(int op, IntPtr t, double a, double b, IntPtr gen);

    [DllImport(Lib)] internal static extern int st_adam_step(IntPtr param, IntPtr grad, IntPtr expAvg, IntPtr expAvgSq, IntPtr maxExpAvgSq, double lr, double beta1, double beta2, double eps, double weightDecay, int decoupled, long step);
    [DllImport(Lib)] internal static extern int st_rmsprop_step(IntPtr param, IntPtr grad, IntPtr squareAvg, IntPtr gradAvg, IntPtr momentumBuffer, double lr, double alpha, double eps, double weightDecay, double momentum);
    [DllImport(Lib)] internal static extern int st_sgd_step(IntPtr param, IntPtr grad, IntPtr momentumBuffer, int firstStep, double lr, double momentum, double dampening, double weightDecay, int nesterov);
}
