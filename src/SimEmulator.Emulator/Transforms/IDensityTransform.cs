using System.Text.Json.Nodes;
using SimEmulator.Torch;

namespace SimEmulator.Emulator.Transforms;

/// <summary>
/// Pointwise invertible map of the overdensity δ to the network's range. Pointwise, so it commutes with the cube
/// symmetries and crops used for augmentation; serialized into model.json so generation can undo it.
/// </summary>
public interface IDensityTransform
{
    /// <summary>The name <see cref="DensityTransform.Create"/> and <see cref="DensityTransform.FromJson"/> know it by.</summary>
    string Name { get; }

    /// <summary>y = f(δ) elementwise; throws ArgumentException naming the first δ outside the transform's domain.</summary>
    void Forward(ReadOnlySpan<float> delta, Span<float> y);

    /// <summary>δ = f⁻¹(y) elementwise (computed in double).</summary>
    void Inverse(ReadOnlySpan<float> y, Span<float> delta);

    /// <summary>δ = f⁻¹(y) on the tensor's device, computed in float64 and returned in y's dtype; a new tensor.</summary>
    Tensor Inverse(Tensor y);

    /// <summary>{"name": ..., parameters...}; <see cref="DensityTransform.FromJson"/> reads it back exactly.</summary>
    JsonObject ToJson();
}
