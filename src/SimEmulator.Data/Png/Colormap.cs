namespace SimEmulator.Data.Png;

/// <summary>
/// A 256-entry RGB lookup table mapping [0, 1] to colours as matplotlib does (entry ⌊256·x⌋, clipped), with a
/// separate colour for NaN. Viridis and magma are matplotlib's published tables; entries are rounded to bytes as
/// matplotlib's <c>to_hex</c> does, so <c>Viridis.Map(0)</c> is #440154.
/// </summary>
public sealed partial class Colormap
{
    public const int Size = 256;

    private readonly byte[] _table; // Size × RGB

    private Colormap(string name, byte[] table, (byte R, byte G, byte B) bad)
    {
        Name = name;
        _table = table;
        Bad = bad;
    }

    /// <summary>matplotlib's perceptually uniform default colormap (dark blue → yellow).</summary>
    public static Colormap Viridis { get; } = FromUnitTable("viridis", ViridisData);

    /// <summary>matplotlib's magma (black → pale yellow), good for density fields.</summary>
    public static Colormap Magma { get; } = FromUnitTable("magma", MagmaData);

    /// <summary>Linear grey ramp: entry i is (i, i, i).</summary>
    public static Colormap Gray { get; } = new("gray", Enumerable.Range(0, Size).SelectMany(i => new[] { (byte)i, (byte)i, (byte)i }).ToArray(), (0, 0, 0));

    public string Name { get; }

    /// <summary>The colour of NaN pixels; black unless changed with <see cref="WithBad"/>.</summary>
    public (byte R, byte G, byte B) Bad { get; }

    /// <summary>The 256 × 3 table, entry i at bytes 3i..3i+2.</summary>
    public ReadOnlySpan<byte> Table => _table;

    /// <summary>A colormap by its matplotlib name: "viridis", "magma" or "gray" (also "grey").</summary>
    public static Colormap FromName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "viridis" => Viridis,
        "magma" => Magma,
        "gray" or "grey" => Gray,
        _ => throw new ArgumentException($"unknown colormap '{name}'; choose viridis, magma or gray.", nameof(name)),
    };

    /// <summary>The same table with another colour for NaN pixels.</summary>
    public Colormap WithBad(byte r, byte g, byte b) => new(Name, _table, (r, g, b));

    /// <summary>The colour of x in [0, 1]: values below 0 take entry 0, above 1 entry 255, NaN the bad colour.</summary>
    public (byte R, byte G, byte B) Map(double x)
    {
        if (double.IsNaN(x))
        {
            return Bad;
        }
        int i = Index(x);
        return (_table[3 * i], _table[3 * i + 1], _table[3 * i + 2]);
    }

    internal void MapInto(double x, Span<byte> rgb)
    {
        if (double.IsNaN(x))
        {
            (rgb[0], rgb[1], rgb[2]) = Bad;
            return;
        }
        int i = Index(x);
        rgb[0] = _table[3 * i];
        rgb[1] = _table[3 * i + 1];
        rgb[2] = _table[3 * i + 2];
    }

    // matplotlib's Colormap.__call__: int(x·N), with x = 1 folded into the last entry.
    private static int Index(double x) => x <= 0 ? 0 : x >= 1 ? Size - 1 : Math.Min((int)(x * Size), Size - 1);

    private static Colormap FromUnitTable(string name, ReadOnlySpan<double> unit)
    {
        if (unit.Length != 3 * Size)
        {
            throw new InvalidOperationException($"colormap '{name}' table has {unit.Length / 3} entries, expected {Size}.");
        }
        // Python's round() is half-to-even, as is Math.Round's default.
        var table = new byte[unit.Length];
        for (int i = 0; i < unit.Length; i++)
        {
            table[i] = (byte)Math.Round(unit[i] * 255);
        }
        return new Colormap(name, table, (0, 0, 0));
    }
}
