namespace SimEmulator.Data.Hdf5;

/// <summary>One member of a group: its name (not path) and what it is.</summary>
public sealed record H5Child(string Name, H5ObjectKind Kind);
