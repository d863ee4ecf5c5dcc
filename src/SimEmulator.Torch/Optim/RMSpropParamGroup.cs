namespace SimEmulator.Torch.Optim;

/// <summary>RMSprop options of one parameter group.</summary>
public sealed class RMSpropParamGroup : ParamGroup
{
    private double alpha_, eps_, momentum_;

    public RMSpropParamGroup(IEnumerable<Parameter> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8,
        double weight_decay = 0, double momentum = 0, bool centered = false) : base(parameters, lr)
    {
        this.eps = eps;
        this.momentum = momentum;
        this.weight_decay = weight_decay;
        this.alpha = alpha;
        this.centered = centered;
    }

    /// <summary>Decay rate of the running average of the squared gradient.</summary>
    public double alpha
    {
        get => alpha_;
        set => alpha_ = Hyperparameter.NonNegative(value, "alpha value", nameof(alpha));
    }

    public double eps
    {
        get => eps_;
        set => eps_ = Hyperparameter.NonNegative(value, "epsilon value", nameof(eps));
    }

    public double momentum
    {
        get => momentum_;
        set => momentum_ = Hyperparameter.NonNegative(value, "momentum value", nameof(momentum));
    }

    /// <summary>Normalise by the estimated variance (mean square minus squared mean) instead of the mean square.</summary>
    public bool centered { get; set; }

    internal override IEnumerable<Hyperparameter> options()
    {
        yield return Hyperparameter.Scalar("alpha", alpha, v => alpha = v);
        yield return Hyperparameter.Scalar("eps", eps, v => eps = v);
        yield return Hyperparameter.Scalar("weight_decay", weight_decay, v => weight_decay = v);
        yield return Hyperparameter.Scalar("momentum", momentum, v => momentum = v);
        yield return Hyperparameter.Flag("centered", centered, v => centered = v);
    }
}
