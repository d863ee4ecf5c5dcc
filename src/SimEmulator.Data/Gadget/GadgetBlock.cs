namespace SimEmulator.Data.Gadget;

/// <summary>Where a block's data lies in its file: DataOffset is just after the start marker.</summary>
internal readonly record struct GadgetBlock(string Name, long DataOffset, long Bytes, int ElementBytes)
{
    public long NextOffset => DataOffset + Bytes + 4;
}
