namespace SimEmulator.Data.Gadget;

/// <summary>SnapFormat of a Gadget binary snapshot, detected from the first record marker.</summary>
public enum GadgetFormat
{
    /// <summary>SnapFormat 1: Fortran records in a fixed order (HEAD, POS, VEL, ID, MASS, gas blocks…); first marker 256.</summary>
    Format1 = 1,

    /// <summary>SnapFormat 2: each block is preceded by a small record with its 4-character label; first marker 8.</summary>
    Format2 = 2,
}
