using System.Globalization;

namespace SimEmulator.Torch.Optim;

/// <summary>
/// One option of a parameter group as the state dict sees it: its key, tensor shape, current value and setter.
/// Booleans travel as 0/1; an optional option (initial_lr) may be absent (null).
/// </summary>
internal sealed record Hyperparameter(string name, long[] shape, bool isBool, bool optional, double[]? value, Action<double[]?> set)
{
    public static Hyperparameter Scalar(string name, double value, Action<double> set) =>
        new(name, [], false, false, [value], v => set(v![0]));

    public static Hyperparameter Flag(string name, bool value, Action<bool> set) =>
        new(name, [], true, false, [value ? 1 : 0], v => set(v![0] != 0));

    /// <summary>The "Invalid learning rate: -1" checks of torch.optim, which also reject NaN.</summary>
    public static double NonNegative(double value, string what, string paramName) =>
        0.0 <= value ? value : throw new ArgumentOutOfRangeException(paramName, $"Invalid {what}: {Format(value)}");

    /// <summary>Close to Python's repr of a float (1e-08, not 1E-08), so messages read as PyTorch's do.</summary>
    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture).Replace('E', 'e');
}
