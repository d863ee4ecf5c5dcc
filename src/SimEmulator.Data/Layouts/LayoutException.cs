namespace SimEmulator.Data.Layouts;

/// <summary>A file that does not hold the expected SimEmulator layout; the message names the file and what is missing.</summary>
public sealed class LayoutException(string path, string message) : Exception($"{path}: {message}")
{
    public string FilePath { get; } = path;
}
