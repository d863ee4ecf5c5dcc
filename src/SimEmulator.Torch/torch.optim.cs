using SimEmulator.Torch.Optim;

namespace SimEmulator.Torch;

public static partial class torch
{
    /// <summary>torch.optim: optimizers and learning-rate schedulers (<c>torch.optim.Adam(model.parameters(), lr: 1e-4)</c>).</summary>
    public static class optim
    {
        public static Optim.Adam Adam(IEnumerable<Parameter> @params, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
            double weight_decay = 0, bool amsgrad = false) => new(@params, lr, betas, eps, weight_decay, amsgrad);

        public static Optim.AdamW AdamW(IEnumerable<Parameter> @params, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
            double weight_decay = 1e-2, bool amsgrad = false) => new(@params, lr, betas, eps, weight_decay, amsgrad);

        public static Optim.RMSprop RMSprop(IEnumerable<Parameter> @params, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8,
            double weight_decay = 0, double momentum = 0, bool centered = false) => new(@params, lr, alpha, eps, weight_decay, momentum, centered);

        public static Optim.SGD SGD(IEnumerable<Parameter> @params, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0,
            bool nesterov = false) => new(@params, lr, momentum, dampening, weight_decay, nesterov);

        /// <summary>torch.optim.lr_scheduler: call scheduler.step() after optimizer.step(), once per epoch (or per step).</summary>
        public static class lr_scheduler
        {
            public static Optim.StepLR StepLR(Optimizer optimizer, int step_size, double gamma = 0.1, int last_epoch = -1) =>
                new(optimizer, step_size, gamma, last_epoch);

            public static Optim.CosineAnnealingLR CosineAnnealingLR(Optimizer optimizer, int T_max, double eta_min = 0, int last_epoch = -1) =>
                new(optimizer, T_max, eta_min, last_epoch);

            public static Optim.ExponentialLR ExponentialLR(Optimizer optimizer, double gamma, int last_epoch = -1) =>
                new(optimizer, gamma, last_epoch);
        }
    }

    public static partial class nn
    {
        /// <summary>torch.nn.utils: gradient clipping.</summary>
        public static partial class utils
        {
            /// <summary>
            /// Scales all gradients in place so that their joint norm (the norm_type-norm of the per-parameter norms, or the
            /// largest |g| for +∞) is at most max_norm, as PyTorch: coef = min(1, max_norm / (total + 1e-6)).
            /// Parameters without a gradient are ignored. Returns the total norm before clipping (0 if no gradients).
            /// </summary>
            public static double clip_grad_norm_(IEnumerable<Parameter> parameters, double max_norm, double norm_type = 2.0, bool error_if_nonfinite = false)
            {
                ArgumentNullException.ThrowIfNull(parameters);
                // Every handle made here (grads, norms, the coefficient) dies with this scope; the result is a double.
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                var grads = parameters.Select(p => p.grad).OfType<Tensor>().ToList();
                if (grads.Count == 0) return 0;
                var device = grads[0].device;
                Tensor total;
                if (double.IsPositiveInfinity(norm_type))
                {
                    var norms = grads.Select(g => g.abs().max().to(device)).ToList();
                    total = norms.Count == 1 ? norms[0] : stack(norms).max();
                }
                else
                {
                    total = stack(grads.Select(g => g.norm(norm_type).to(device)).ToList()).norm(norm_type);
                }
                var value = total.item<double>();
                if (error_if_nonfinite && !double.IsFinite(value))
                    throw new InvalidOperationException($"The total norm of order {norm_type} for gradients from `parameters` is non-finite ({value}), " +
                        "so it cannot be clipped. To scale the gradients by the non-finite norm anyway, set error_if_nonfinite = false");
                var coef = (max_norm / (total + 1e-6)).clamp(max: 1.0);
                foreach (var g in grads) g.mul_(coef.to(g.device));
                return value;
            }
        }
    }
}
