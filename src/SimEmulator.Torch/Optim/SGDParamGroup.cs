namespace SimEmulator.Torch.Optim;

/// <summary>SGD options of one parameter group.</summary>
public sealed class SGDParamGroup : ParamGroup
{
    private double momentum_;

    public SGDParamGroup(IEnumerable<Parameter> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0,
        bool nesterov = false) : base(parameters, lr)
    {
        this.momentum = momentum;
        this.dampening = dampening;
        this.weight_decay = weight_decay;
        this.nesterov = nesterov;
    }

    public double momentum
    {
        get => momentum_;
        set => momentum_ = Hyperparameter.NonNegative(value, "momentum value", nameof(momentum));
    }

    /// <summary>Fraction of the new gradient held back from the momentum buffer (PyTorch does not range-check it).</summary>
    public double dampening { get; set; }

    /// <summary>Nesterov momentum (Sutskever et al. 2013); needs momentum &gt; 0 and dampening 0.</summary>
    public bool nesterov { get; set; }

    internal override void validate()
    {
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening " +
                $"(got momentum {Hyperparameter.Format(momentum)}, dampening {Hyperparameter.Format(dampening)})", nameof(nesterov));
    }

    internal override IEnumerable<Hyperparameter> options()
    {
        yield return Hyperparameter.Scalar("momentum", momentum, v => momentum = v);
        yield return Hyperparameter.Scalar("dampening", dampening, v => dampening = v);
        yield return Hyperparameter.Scalar("weight_decay", weight_decay, v => weight_decay = v);
        yield return Hyperparameter.Flag("nesterov", nesterov, v => nesterov = v);
    }
}
