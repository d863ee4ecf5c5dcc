namespace SimEmulator.Torch.Optim;

/// <summary>Adam/AdamW options of one parameter group; for AdamW weight_decay is the decoupled decay rate.</summary>
public sealed class AdamParamGroup : ParamGroup
{
    private (double, double) betas_;
    private double eps_;

    public AdamParamGroup(IEnumerable<Parameter> parameters, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
        double weight_decay = 0, bool amsgrad = false) : base(parameters, lr)
    {
        this.eps = eps;
        this.betas = betas ?? (0.9, 0.999);
        this.weight_decay = weight_decay;
        this.amsgrad = amsgrad;
    }

    /// <summary>Decay rates of the running averages of the gradient and of its square, each in [0, 1).</summary>
    public (double, double) betas
    {
        get => betas_;
        set
        {
            if (!(0.0 <= value.Item1 && value.Item1 < 1.0))
                throw new ArgumentOutOfRangeException(nameof(betas), $"Invalid beta parameter at index 0: {Hyperparameter.Format(value.Item1)}");
            if (!(0.0 <= value.Item2 && value.Item2 < 1.0))
                throw new ArgumentOutOfRangeException(nameof(betas), $"Invalid beta parameter at index 1: {Hyperparameter.Format(value.Item2)}");
            betas_ = value;
        }
    }

    public double eps
    {
        get => eps_;
        set => eps_ = Hyperparameter.NonNegative(value, "epsilon value", nameof(eps));
    }

    /// <summary>Normalise by the running maximum of the second moment (Reddi et al. 2018).</summary>
    public bool amsgrad { get; set; }

    internal override IEnumerable<Hyperparameter> options()
    {
        yield return new Hyperparameter("betas", [2], false, false, [betas.Item1, betas.Item2], v => betas = (v![0], v[1]));
        yield return Hyperparameter.Scalar("eps", eps, v => eps = v);
        yield return Hyperparameter.Scalar("weight_decay", weight_decay, v => weight_decay = v);
        yield return Hyperparameter.Flag("amsgrad", amsgrad, v => amsgrad = v);
    }
}
