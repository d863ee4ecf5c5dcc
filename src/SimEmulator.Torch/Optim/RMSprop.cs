using static SimEmulator.Torch.Native.NativeMethods;

namespace SimEmulator.Torch.Optim;

/// <summary>RMSprop (Hinton's lecture 6e; Graves 2013 for the centered form) as torch.optim.RMSprop.</summary>
public sealed class RMSprop : Optimizer
{
    private static readonly string[] names = ["square_avg", "momentum_buffer", "grad_avg"];
    private static readonly string[] required = ["square_avg"];
    private readonly RMSpropParamGroup defaults;

    public RMSprop(IEnumerable<Parameter> @params, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0,
        double momentum = 0, bool centered = false)
    {
        defaults = new RMSpropParamGroup(NonEmpty(@params, nameof(@params)), lr, alpha, eps, weight_decay, momentum, centered);
        AddGroup(defaults);
    }

    /// <summary>Adds parameters with their own options; options not given are the constructor's.</summary>
    public RMSpropParamGroup add_param_group(IEnumerable<Parameter> @params, double? lr = null, double? alpha = null, double? eps = null,
        double? weight_decay = null, double? momentum = null, bool? centered = null)
    {
        var group = new RMSpropParamGroup(@params, lr ?? defaults.lr, alpha ?? defaults.alpha, eps ?? defaults.eps,
            weight_decay ?? defaults.weight_decay, momentum ?? defaults.momentum, centered ?? defaults.centered);
        AddGroup(group);
        return group;
    }

    protected override IReadOnlyList<string> StateNames => names;
    protected override IReadOnlyList<string> RequiredStateNames => required;

    protected override void Update(ParamGroup group, Parameter parameter, Tensor grad, ParamState state)
    {
        var g = (RMSpropParamGroup)group;
        var squareAvg = state.zeros("square_avg", parameter);
        var momentumBuffer = g.momentum > 0 ? state.zeros("momentum_buffer", parameter) : null;
        var gradAvg = g.centered ? state.zeros("grad_avg", parameter) : null;
        TorchException.Check(st_rmsprop_step(parameter.Handle, grad.Handle, squareAvg.Handle, gradAvg?.Handle ?? IntPtr.Zero,
            momentumBuffer?.Handle ?? IntPtr.Zero, g.lr, g.alpha, g.eps, g.weight_decay, g.momentum));
        state.step++;
    }
}
