namespace SimEmulator.Data.Gadget;

/// <summary>A file is not a readable Gadget snapshot; the message names the file, and the block and byte offset where known.</summary>
public sealed class GadgetFormatException : IOException
{
    public GadgetFormatException(string filePath, string message, string? block = null, long? offset = null)
        : base(message)
    {
        FilePath = filePath;
        Block = block;
        Offset = offset;
    }

    /// <summary>The offending file.</summary>
    public string FilePath { get; }

    /// <summary>The block label (HEAD, POS, VEL, ID, MASS, …) where the problem was found, if any.</summary>
    public string? Block { get; }

    /// <summary>Byte offset in the file of the record where the problem was found, if any.</summary>
    public long? Offset { get; }
}
