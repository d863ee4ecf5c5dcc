namespace SimEmulator.Data.Png;

/// <summary>Tiles equally sized images into a grid separated by thin lines, for cube slices and galaxy-image mosaics.</summary>
public static class ImageGrid
{
    /// <summary>
    /// Places <paramref name="tiles"/> row by row, <paramref name="columns"/> per row, with
    /// <paramref name="separatorWidth"/>-pixel lines (default 1 px, white) between them; empty cells of the last row
    /// take the separator colour. A 2 × 3 grid of 64 × 64 tiles is 129 × 194 pixels.
    /// </summary>
    public static RgbImage Tile(IReadOnlyList<RgbImage> tiles, int columns, (byte R, byte G, byte B)? separator = null, int separatorWidth = 1)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        if (tiles.Count == 0)
        {
            throw new ArgumentException("need at least one image to tile.", nameof(tiles));
        }
        if (columns <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns, "a grid needs at least one column.");
        }
        if (separatorWidth < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(separatorWidth), separatorWidth, "separator width must be >= 0.");
        }
        int h = tiles[0].Height, w = tiles[0].Width;
        for (int i = 1; i < tiles.Count; i++)
        {
            if (tiles[i].Height != h || tiles[i].Width != w)
            {
                throw new ArgumentException(
                    $"all tiles must have the same size; tile 0 is {h} × {w} but tile {i} is {tiles[i].Height} × {tiles[i].Width} (height × width).");
            }
        }
        int cols = Math.Min(columns, tiles.Count);
        int rows = (tiles.Count + cols - 1) / cols;
        int gridWidth = checked(cols * w + (cols - 1) * separatorWidth);
        int gridHeight = checked(rows * h + (rows - 1) * separatorWidth);
        var grid = RgbImage.Filled(gridHeight, gridWidth, separator ?? ((byte)255, (byte)255, (byte)255));
        for (int k = 0; k < tiles.Count; k++)
        {
            int top = k / cols * (h + separatorWidth);
            int left = k % cols * (w + separatorWidth);
            for (int r = 0; r < h; r++)
            {
                tiles[k].Pixels.AsSpan(3 * r * w, 3 * w).CopyTo(grid.Pixels.AsSpan(3 * ((top + r) * gridWidth + left), 3 * w));
            }
        }
        return grid;
    }
}
