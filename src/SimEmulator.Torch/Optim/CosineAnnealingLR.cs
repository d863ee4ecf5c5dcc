namespace SimEmulator.Torch.Optim;

/// <summary>
/// Cosine annealing without restarts (Loshchilov &amp; Hutter 2017), torch.optim.lr_scheduler.CosineAnnealingLR:
/// lr = eta_min + (base_lr − eta_min)(1 + cos(π·epoch/T_max))/2, which climbs back after T_max epochs.
/// </summary>
public sealed class CosineAnnealingLR : LRScheduler
{
    public CosineAnnealingLR(Optimizer optimizer, int T_max, double eta_min = 0, int last_epoch = -1) : base(optimizer, last_epoch)
    {
        if (T_max < 1) throw new ArgumentOutOfRangeException(nameof(T_max), $"CosineAnnealingLR T_max must be at least 1 epoch, got {T_max}");
        this.T_max = T_max;
        this.eta_min = eta_min;
        initial_step();
    }

    /// <summary>Epochs from base_lr down to eta_min.</summary>
    public int T_max { get; }
    public double eta_min { get; }

    // Same operation order as PyTorch's _get_closed_form_lr, so the doubles agree bit for bit.
    protected override double ClosedFormLr(double base_lr, int epoch) =>
        eta_min + (base_lr - eta_min) * (1 + Math.Cos(Math.PI * epoch / T_max)) / 2;
}
