namespace SimEmulator.Data.Hdf5;

/// <summary>What a link in a group points to.</summary>
public enum H5ObjectKind
{
    Group,
    Dataset,
    NamedDatatype,
    /// <summary>A soft link whose target does not exist.</summary>
    DanglingLink,
    /// <summary>A link into another file (not followed).</summary>
    ExternalLink,
    Unknown,
}
