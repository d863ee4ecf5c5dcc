namespace SimEmulator.Torch.Optim;

/// <summary>Multiplies the lr by gamma every step_size epochs: lr = base_lr · gamma^⌊epoch / step_size⌋ (torch.optim.lr_scheduler.StepLR).</summary>
public sealed class StepLR : LRScheduler
{
    public StepLR(Optimizer optimizer, int step_size, double gamma = 0.1, int last_epoch = -1) : base(optimizer, last_epoch)
    {
        if (step_size < 1) throw new ArgumentOutOfRangeException(nameof(step_size), $"StepLR step_size must be at least 1 epoch, got {step_size}");
        this.step_size = step_size;
        this.gamma = gamma;
        initial_step();
    }

    public int step_size { get; }
    public double gamma { get; }

    protected override double ClosedFormLr(double base_lr, int epoch) => base_lr * Math.Pow(gamma, Math.Floor((double)epoch / step_size));
}
