namespace SimEmulator.Tests;

/// <summary>Files of the repository itself (shipped configs, checkpoints), found above the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>A path relative to the repository root, e.g. "configs/cubes32.yaml".</summary>
    public static string Of(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "SimEmulator.sln"))) return d.FullName;
        throw new DirectoryNotFoundException($"repository root (SimEmulator.sln) not found above {AppContext.BaseDirectory}");
    }
}
