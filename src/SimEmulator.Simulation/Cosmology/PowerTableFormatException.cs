namespace SimEmulator.Simulation.Cosmology;

/// <summary>A P(k) table that cannot be used; the message names the file and the line, and says what was expected.</summary>
public sealed class PowerTableFormatException : FormatException
{
    public PowerTableFormatException(string filePath, int? line, string message)
        : base(line is null ? $"{filePath}: {message}" : $"{filePath}, line {line}: {message}")
    {
        FilePath = filePath;
        Line = line;
    }

    /// <summary>The table file (or the source name given to an in-memory table).</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line number of the offending line, or null for problems with the table as a whole.</summary>
    public int? Line { get; }
}
