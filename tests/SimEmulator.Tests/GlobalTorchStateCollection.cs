namespace SimEmulator.Tests;

/// <summary>
/// Tests that read process-wide libtorch state (the live-tensor counter, the global random generator) run
/// alone, after every parallel test class has finished, so no other test allocates or draws meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalTorchStateCollection
{
    public const string Name = "Global libtorch state";
}
