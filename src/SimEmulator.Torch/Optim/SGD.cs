using static SimEmulator.Torch.Native.NativeMethods;

namespace SimEmulator.Torch.Optim;

/// <summary>Stochastic gradient descent with optional (Nesterov) momentum, as torch.optim.SGD.</summary>
public sealed class SGD : Optimizer
{
    private static readonly string[] names = ["momentum_buffer"];
    private readonly SGDParamGroup defaults;

    public SGD(IEnumerable<Parameter> @params, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false)
    {
        defaults = new SGDParamGroup(NonEmpty(@params, nameof(@params)), lr, momentum, dampening, weight_decay, nesterov);
        AddGroup(defaults);
    }

    /// <summary>Adds parameters with their own options; options not given are the constructor's.</summary>
    public SGDParamGroup add_param_group(IEnumerable<Parameter> @params, double? lr = null, double? momentum = null, double? dampening = null,
        double? weight_decay = null, bool? nesterov = null)
    {
        var group = new SGDParamGroup(@params, lr ?? defaults.lr, momentum ?? defaults.momentum, dampening ?? defaults.dampening,
            weight_decay ?? defaults.weight_decay, nesterov ?? defaults.nesterov);
        AddGroup(group);
        return group;
    }

    protected override IReadOnlyList<string> StateNames => names;
    // The momentum buffer appears at the first step with momentum; until then a parameter has no state to check.
    protected override IReadOnlyList<string> RequiredStateNames => [];
    protected override bool UsesStep => false;

    protected override void Update(ParamGroup group, Parameter parameter, Tensor grad, ParamState state)
    {
        var g = (SGDParamGroup)group;
        Tensor? buffer = null;
        var created = false;
        if (g.momentum != 0) buffer = state.zeros("momentum_buffer", parameter, out created);
        try
        {
            // A new buffer starts as a copy of the gradient (PyTorch's clone), not as zeros decayed by momentum.
            TorchException.Check(st_sgd_step(parameter.Handle, grad.Handle, buffer?.Handle ?? IntPtr.Zero, created ? 1 : 0,
                g.lr, g.momentum, g.dampening, g.weight_decay, g.nesterov ? 1 : 0));
        }
        catch when (created)
        {
            state.remove("momentum_buffer");
            throw;
        }
    }
}
