namespace SimEmulator.Tests;

/// <summary>
/// Tests that compare torch.LiveTensorCount before and after run alone: the counter is process-wide, and test
/// classes otherwise run in parallel and create tensors of their own meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NativeMemoryCollection
{
    public const string Name = "native memory (runs alone)";
}
