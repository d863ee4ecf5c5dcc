using SimEmulator.Torch;

namespace SimEmulator.Cli;

/// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and arrive late).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

/// <summary>Option parsing shared by the verbs.</summary>
internal static class CliSupport
{
    /// <summary>A --device value (cpu, cuda, cuda:N), refusing CUDA when this libtorch has none.</summary>
    public static Device ParseDevice(string spec)
    {
        var device = torch.device(spec);
        if (device.type == DeviceType.CUDA && !torch.cuda.is_available())
            throw new ArgumentException($"--device {spec}: CUDA is not available in this libtorch ({torch.__version__}); see `simemu info`");
        return device;
    }
}
