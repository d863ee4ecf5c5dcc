namespace SimEmulator.Torch.Optim;

/// <summary>Parameters that share hyperparameters; every option, lr above all, may change between steps (schedulers do).</summary>
public abstract class ParamGroup
{
    private double lr_, weight_decay_;

    protected ParamGroup(IEnumerable<Parameter> parameters, double lr)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToList();
        if (list.Any(p => p is null)) throw new ArgumentException("a parameter group contains a null parameter", nameof(parameters));
        if (list.Distinct(ReferenceEqualityComparer.Instance).Count() != list.Count)
            throw new ArgumentException("a parameter group contains the same parameter twice; it would be updated twice per step", nameof(parameters));
        @params = list;
        this.lr = lr;
    }

    public IReadOnlyList<Parameter> @params { get; }

    public double lr
    {
        get => lr_;
        set => lr_ = Hyperparameter.NonNegative(value, "learning rate", nameof(lr));
    }

    /// <summary>L2 penalty (Adam, RMSprop, SGD) or decoupled decay rate (AdamW); every optimizer here has one.</summary>
    public double weight_decay
    {
        get => weight_decay_;
        set => weight_decay_ = Hyperparameter.NonNegative(value, "weight_decay value", nameof(weight_decay));
    }

    /// <summary>The lr when the first scheduler was attached; schedulers compute from it (PyTorch's group['initial_lr']).</summary>
    public double? initial_lr { get; set; }

    /// <summary>Every option, lr first, as the state dict stores them under param_groups.{g}.{name}.</summary>
    internal IEnumerable<Hyperparameter> hyperparameters()
    {
        yield return Hyperparameter.Scalar("lr", lr, v => lr = v);
        foreach (var h in options()) yield return h;
        yield return new Hyperparameter("initial_lr", [], false, true, initial_lr is { } l ? [l] : null,
            v => initial_lr = v is null ? null : Hyperparameter.NonNegative(v[0], "initial learning rate", nameof(initial_lr)));
    }

    /// <summary>The algorithm's options other than lr.</summary>
    internal abstract IEnumerable<Hyperparameter> options();

    /// <summary>Checks that relate several options (SGD's nesterov); single values are checked by their setters.</summary>
    internal virtual void validate() { }
}
