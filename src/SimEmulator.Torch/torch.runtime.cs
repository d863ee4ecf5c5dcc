using System.Text;
using static SimEmulator.Torch.Native.NativeMethods;

namespace SimEmulator.Torch;

public static partial class torch
{
    /// <summary>torch.cuda: availability, device count and names, synchronisation.</summary>
    public static class cuda
    {
        public static bool is_available() => st_cuda_is_available() != 0;
        public static int device_count() => st_cuda_device_count();
        public static void synchronize(int device = -1) => TorchException.Check(st_cuda_synchronize(device));
        public static void manual_seed(long seed) => torch.manual_seed(seed);

        public static unsafe string get_device_name(int device = 0)
        {
            TorchException.Check(st_cuda_device_name(device, null, 0, out var needed));
            var buf = new byte[needed];
            fixed (byte* p = buf) TorchException.Check(st_cuda_device_name(device, p, buf.Length, out _));
            return Encoding.UTF8.GetString(buf, 0, Math.Max(0, needed - 1));
        }
    }

    /// <summary>torch.backends: the cuDNN autotuner and TF32 switches.</summary>
    public static class backends
    {
        public static class cudnn
        {
            public static bool benchmark
            {
                get => st_get_cudnn_benchmark() != 0;
                set => TorchException.Check(st_set_cudnn_benchmark(value ? 1 : 0));
            }

            public static bool allow_tf32
            {
                get { TorchException.Check(st_get_allow_tf32(out _, out var c)); return c != 0; }
                set => TorchException.Check(st_set_allow_tf32(-1, value ? 1 : 0));
            }
        }

        public static class cuda
        {
            public static class matmul
            {
                public static bool allow_tf32
                {
                    get { TorchException.Check(st_get_allow_tf32(out var b, out _)); return b != 0; }
                    set => TorchException.Check(st_set_allow_tf32(value ? 1 : 0, -1));
                }
            }
        }
    }

    /// <summary>torch.autograd.grad: gradients of outputs w.r.t. inputs without touching .grad.</summary>
    public static class autograd
    {
        /// <summary>
        /// Returns d(outputs)/d(inputs) weighted by grad_outputs. create_graph keeps the result differentiable
        /// (WGAN-GP's gradient penalty needs it); an input the outputs do not depend on gives null when allow_unused.
        /// </summary>
        public static unsafe Tensor?[] grad(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor> inputs,
            IReadOnlyList<Tensor?>? grad_outputs = null, bool? retain_graph = null, bool create_graph = false, bool allow_unused = false)
        {
            var o = outputs.Select(t => t.Handle).ToArray();
            var i = inputs.Select(t => t.Handle).ToArray();
            IntPtr[]? g = null;
            if (grad_outputs is not null)
            {
                if (grad_outputs.Count != o.Length)
                    throw new ArgumentException($"{grad_outputs.Count} grad_outputs for {o.Length} outputs", nameof(grad_outputs));
                g = grad_outputs.Select(t => t?.Handle ?? IntPtr.Zero).ToArray();
            }
            var result = new IntPtr[i.Length];
            var rg = retain_graph is null ? -1 : retain_graph.Value ? 1 : 0;
            fixed (IntPtr* po = o) fixed (IntPtr* pi = i) fixed (IntPtr* pg = g) fixed (IntPtr* pr = result)
                TorchException.Check(st_autograd_grad(po, o.Length, pi, i.Length, pg, rg, create_graph ? 1 : 0, allow_unused ? 1 : 0, pr));
            return result.Select(h => h == IntPtr.Zero ? null : new Tensor(h)).ToArray();
        }
    }
}
