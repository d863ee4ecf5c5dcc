using SimEmulator.Torch;

namespace SimEmulator.Emulator.Models;

/// <summary>A model that also takes a [B, n] block of scalar conditions (e.g. σ₈, Ω_m, z) next to its main input.</summary>
public interface IConditionalModule
{
    /// <summary>Names of the condition columns, in order; empty for an unconditioned model.</summary>
    IReadOnlyList<string> ConditionNames { get; }

    Tensor forward(Tensor input, Tensor? conditions);
}
