namespace SimEmulator.Torch.Optim;

/// <summary>
/// Base of torch.optim.lr_scheduler: after each step() every group's lr is the closed form at last_epoch
/// (PyTorch's _get_closed_form_lr) of the group's initial_lr, so a schedule resumes exactly from last_epoch.
/// </summary>
public abstract class LRScheduler
{
    private int last_epoch_;
    private double[] last_lr = [];

    /// <summary>
    /// With last_epoch = -1 each group's initial_lr is set from its lr (if not set already); to resume, pass the saved
    /// epoch and an optimizer whose groups carry initial_lr (restored by load_state_dict), or set last_epoch afterwards.
    /// Subclasses call <see cref="initial_step"/> at the end of their constructor, as PyTorch's base __init__ does.
    /// </summary>
    protected LRScheduler(Optimizer optimizer, int last_epoch = -1)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        this.optimizer = optimizer;
        var groups = optimizer.param_groups;
        if (last_epoch == -1)
            foreach (var g in groups) g.initial_lr ??= g.lr;
        else
            for (var i = 0; i < groups.Count; i++)
                if (groups[i].initial_lr is null)
                    throw new ArgumentException($"param 'initial_lr' is not specified in param_groups[{i}] when resuming an optimizer", nameof(optimizer));
        base_lrs = groups.Select(g => g.initial_lr!.Value).ToArray();
        last_epoch_ = last_epoch;
    }

    public Optimizer optimizer { get; }

    /// <summary>Each group's initial_lr when the scheduler was made; the closed forms scale these.</summary>
    public IReadOnlyList<double> base_lrs { get; }

    /// <summary>Steps taken (0 right after construction). Setting it, to resume, moves every lr to that epoch's value.</summary>
    public int last_epoch
    {
        get => last_epoch_;
        set
        {
            last_epoch_ = value;
            Apply();
        }
    }

    protected void initial_step() => step();

    /// <summary>Advances one epoch (call after optimizer.step()) and sets every group's lr.</summary>
    public void step()
    {
        last_epoch_++;
        Apply();
    }

    /// <summary>The lrs this scheduler set last, one per group.</summary>
    public IReadOnlyList<double> get_last_lr() => last_lr;

    /// <summary>The lr at epoch for a group that started at base_lr.</summary>
    protected abstract double ClosedFormLr(double base_lr, int epoch);

    private void Apply()
    {
        var groups = optimizer.param_groups;
        if (groups.Count != base_lrs.Count)
            throw new InvalidOperationException($"the optimizer has {groups.Count} parameter groups but the scheduler was made for {base_lrs.Count}");
        var lrs = new double[groups.Count];
        for (var i = 0; i < lrs.Length; i++) groups[i].lr = lrs[i] = ClosedFormLr(base_lrs[i], last_epoch_);
        last_lr = lrs;
    }
}
