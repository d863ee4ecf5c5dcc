using SimEmulator.Torch;
using SimEmulator.Torch.Modules;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Emulator.Models;

/// <summary>Exponential moving average of a generator's weights (used for sampling).</summary>
/// <remarks>
/// Each <see cref="Update"/> sets shadow ← decay·shadow + (1 − decay)·source for every parameter and copies the buffers.
/// The shadow is a second instance of the same architecture; its parameters stop requiring gradients.
/// </remarks>
public sealed class ExponentialMovingAverage
{
    private readonly (Tensor source, Tensor shadow)[] parameterPairs;
    private readonly (Tensor source, Tensor shadow)[] bufferPairs;

    /// <param name="initialize">Copy the source's weights into the shadow first; pass false when the shadow was just loaded from a checkpoint.</param>
    public ExponentialMovingAverage(Module source, Module shadow, double decay = 0.999, bool initialize = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(shadow);
        if (ReferenceEquals(source, shadow))
            throw new ArgumentException("the shadow must be a separate copy of the model, not the source itself", nameof(shadow));
        if (!(decay is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "EMA decay must be in [0, 1] (typically 0.999)");
        Source = source;
        Shadow = shadow;
        Decay = decay;
        parameterPairs = Pair(source.named_parameters().Select(p => (p.name, (Tensor)p.parameter)), shadow.named_parameters().Select(p => (p.name, (Tensor)p.parameter)), "parameters");
        bufferPairs = Pair(source.named_buffers(), shadow.named_buffers(), "buffers");
        foreach (var p in shadow.parameters()) p.requires_grad = false;
        if (initialize) CopySourceToShadow();
    }

    public Module Source { get; }

    /// <summary>The averaged model; sample from it (in eval mode) rather than from the source.</summary>
    public Module Shadow { get; }

    public double Decay { get; }

    /// <summary>Number of <see cref="Update"/> calls since construction.</summary>
    public long Updates { get; private set; }

    /// <summary>shadow ← decay·shadow + (1 − decay)·source for parameters; buffers are copied.</summary>
    public void Update()
    {
        using var _ = no_grad();
        foreach (var (src, dst) in parameterPairs)
        {
            dst.mul_(Decay);
            dst.add_(src, 1 - Decay);
        }
        foreach (var (src, dst) in bufferPairs) dst.copy_(src);
        Updates++;
    }

    /// <summary>Makes the shadow an exact copy of the source.</summary>
    public void CopySourceToShadow()
    {
        using var _ = no_grad();
        foreach (var (src, dst) in parameterPairs) dst.copy_(src);
        foreach (var (src, dst) in bufferPairs) dst.copy_(src);
    }

    private static (Tensor, Tensor)[] Pair(IEnumerable<(string name, Tensor t)> source, IEnumerable<(string name, Tensor t)> shadow, string what)
    {
        var a = source.ToList();
        var b = shadow.ToDictionary(x => x.name, x => x.t);
        var problems = new List<string>();
        var pairs = new List<(Tensor, Tensor)>();
        foreach (var (name, s) in a)
        {
            if (!b.Remove(name, out var d)) { problems.Add($"'{name}' missing in the shadow"); continue; }
            if (!s.shape.SequenceEqual(d.shape))
                problems.Add($"'{name}': source [{string.Join(", ", s.shape)}], shadow [{string.Join(", ", d.shape)}]");
            else pairs.Add((s, d));
        }
        problems.AddRange(b.Keys.Select(k => $"'{k}' only in the shadow"));
        if (problems.Count > 0)
            throw new ArgumentException($"EMA shadow must have the source's architecture; {what} differ: {string.Join("; ", problems)}", "shadow");
        return pairs.ToArray();
    }
}
