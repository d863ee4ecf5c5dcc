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

/// <summary>Reads of process-wide libtorch state for the tests in <see cref="GlobalTorchStateCollection"/>.</summary>
internal static class TorchState
{
    /// <summary>
    /// torch.LiveTensorCount after tensors leaked by earlier tests have been finalized: otherwise the finalizer thread
    /// could free them while a test counts, and move the counter under it.
    /// </summary>
    public static long SettledLiveCount()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return SimEmulator.Torch.torch.LiveTensorCount;
    }
}

/// <summary>
/// Tests that run CLI verbs: Spectre.Console allows one live progress display per process at a time, so these run one
/// after another (in parallel with the other test classes).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCommandsCollection
{
    public const string Name = "Console commands";
}
