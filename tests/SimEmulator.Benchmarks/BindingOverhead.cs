using BenchmarkDotNet.Attributes;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Benchmarks;

/// <summary>Per-call cost of the C# → shim → libtorch path on tiny tensors, where the binding dominates.</summary>
[MemoryDiagnoser]
public class BindingOverhead
{
    private Tensor a = null!, b = null!;

    [GlobalSetup]
    public void Setup()
    {
        a = ones(4);
        b = ones(4);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        a.Dispose();
        b.Dispose();
    }

    [Benchmark]
    public void AddSmallTensors()
    {
        using var c = a + b;
    }

    [Benchmark]
    public long ShapeQuery() => a.shape[0];

    [Benchmark]
    public void ScopeOfTenOps()
    {
        using var scope = NewDisposeScope();
        var c = a;
        for (var i = 0; i < 10; i++) c = c * 1.0;
    }
}
