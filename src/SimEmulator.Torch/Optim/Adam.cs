using static SimEmulator.Torch.Native.NativeMethods;

namespace SimEmulator.Torch.Optim;

/// <summary>Adam (Kingma &amp; Ba 2015) as torch.optim.Adam: L2 weight decay added to the gradient, optional AMSGrad.</summary>
public class Adam : Optimizer
{
    private static readonly string[] names = ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"];
    private static readonly string[] required = ["exp_avg", "exp_avg_sq"];
    private readonly bool decoupled;
    private readonly AdamParamGroup defaults;

    public Adam(IEnumerable<Parameter> @params, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
        double weight_decay = 0, bool amsgrad = false)
        : this(@params, lr, betas, eps, weight_decay, amsgrad, decoupled: false)
    {
    }

    private protected Adam(IEnumerable<Parameter> @params, double lr, (double, double)? betas, double eps, double weight_decay, bool amsgrad,
        bool decoupled)
    {
        this.decoupled = decoupled;
        defaults = new AdamParamGroup(NonEmpty(@params, nameof(@params)), lr, betas, eps, weight_decay, amsgrad);
        AddGroup(defaults);
    }

    /// <summary>Adds parameters with their own options; options not given are the constructor's.</summary>
    public AdamParamGroup add_param_group(IEnumerable<Parameter> @params, double? lr = null, (double, double)? betas = null, double? eps = null,
        double? weight_decay = null, bool? amsgrad = null)
    {
        var group = new AdamParamGroup(@params, lr ?? defaults.lr, betas ?? defaults.betas, eps ?? defaults.eps,
            weight_decay ?? defaults.weight_decay, amsgrad ?? defaults.amsgrad);
        AddGroup(group);
        return group;
    }

    protected override IReadOnlyList<string> StateNames => names;
    protected override IReadOnlyList<string> RequiredStateNames => required;

    protected override void Update(ParamGroup group, Parameter parameter, Tensor grad, ParamState state)
    {
        var g = (AdamParamGroup)group;
        var expAvg = state.zeros("exp_avg", parameter);
        var expAvgSq = state.zeros("exp_avg_sq", parameter);
        var maxExpAvgSq = g.amsgrad ? state.zeros("max_exp_avg_sq", parameter) : null;
        var step = state.step + 1;
        TorchException.Check(st_adam_step(parameter.Handle, grad.Handle, expAvg.Handle, expAvgSq.Handle, maxExpAvgSq?.Handle ?? IntPtr.Zero,
            g.lr, g.betas.Item1, g.betas.Item2, g.eps, g.weight_decay, decoupled ? 1 : 0, step));
        state.step = step;
    }
}
