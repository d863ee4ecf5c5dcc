namespace SimEmulator.Torch.Optim;

/// <summary>AdamW (Loshchilov &amp; Hutter 2019) as torch.optim.AdamW: the weight decay shrinks the parameter, not the gradient.</summary>
public sealed class AdamW : Adam
{
    public AdamW(IEnumerable<Parameter> @params, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
        double weight_decay = 1e-2, bool amsgrad = false)
        : base(@params, lr, betas, eps, weight_decay, amsgrad, decoupled: true)
    {
    }
}
