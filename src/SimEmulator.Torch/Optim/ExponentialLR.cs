namespace SimEmulator.Torch.Optim;

/// <summary>Multiplies the lr by gamma every epoch: lr = base_lr · gamma^epoch (torch.optim.lr_scheduler.ExponentialLR).</summary>
public sealed class ExponentialLR : LRScheduler
{
    public ExponentialLR(Optimizer optimizer, double gamma, int last_epoch = -1) : base(optimizer, last_epoch)
    {
        this.gamma = gamma;
        initial_step();
    }

    public double gamma { get; }

    protected override double ClosedFormLr(double base_lr, int epoch) => base_lr * Math.Pow(gamma, epoch);
}
