namespace SimEmulator.Data.Fits;

/// <summary>A file that is not well-formed FITS; the message names the file, the HDU and what was expected.</summary>
public sealed class FitsFormatException : Exception
{
    public FitsFormatException(string? path, int? hduIndex, string message, Exception? innerException = null)
        : base(path is null ? message : $"{path}: {message}", innerException)
    {
        FilePath = path;
        HduIndex = hduIndex;
    }

    /// <summary>The file being read, or null when the bytes came from a stream without a name.</summary>
    public string? FilePath { get; }

    /// <summary>Zero-based index of the HDU that is malformed (0 = primary), or null for file-level problems.</summary>
    public int? HduIndex { get; }
}
