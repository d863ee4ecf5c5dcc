using SimEmulator.Data.Png;

namespace SimEmulator.Tests.Data.Png;

public sealed class ColormapTests
{
    // Expected colours are matplotlib's: matplotlib.colors.to_hex(matplotlib.colormaps[name](x)), e.g. viridis(0) is
    // #440154 and viridis(1) #fde725, as published in matplotlib's colormap reference.
    [Theory]
    [InlineData("viridis", 0.0, 68, 1, 84)]
    [InlineData("viridis", 1.0, 253, 231, 37)]
    [InlineData("viridis", 0.5, 33, 145, 140)] // #21918c
    [InlineData("viridis", 0.25, 59, 82, 139)] // #3b528b
    [InlineData("magma", 0.0, 0, 0, 4)]
    [InlineData("magma", 1.0, 252, 253, 191)]
    [InlineData("magma", 0.5, 183, 55, 121)] // #b73779
    [InlineData("gray", 0.0, 0, 0, 0)]
    [InlineData("gray", 1.0, 255, 255, 255)]
    public void Colormaps_match_matplotlib_at_known_points(string name, double x, int r, int g, int b)
    {
        Assert.Equal(((byte)r, (byte)g, (byte)b), Colormap.FromName(name).Map(x));
    }

    [Fact]
    public void Lookup_uses_matplotlibs_index_floor_256x_and_clips_out_of_range_values()
    {
        var gray = Colormap.Gray;
        for (int i = 0; i < 256; i++)
        {
            Assert.Equal(((byte)i, (byte)i, (byte)i), gray.Map(i / 255.0)); // ⌊256·i/255⌋ = i for i < 255
        }
        Assert.Equal(gray.Map(0), gray.Map(-3));
        Assert.Equal(gray.Map(1), gray.Map(7));
        Assert.Equal(((byte)127, (byte)127, (byte)127), gray.Map(0.4999)); // ⌊127.97⌋
    }

    [Fact]
    public void NaN_takes_the_bad_colour_black_by_default()
    {
        Assert.Equal(((byte)0, (byte)0, (byte)0), Colormap.Viridis.Map(double.NaN));
        var white = Colormap.Viridis.WithBad(255, 255, 255);
        Assert.Equal(((byte)255, (byte)255, (byte)255), white.Map(double.NaN));
        Assert.Equal(Colormap.Viridis.Map(0.3), white.Map(0.3));
    }

    [Theory]
    [InlineData("viridis")]
    [InlineData("magma")]
    public void Tables_have_256_entries_that_change_smoothly(string name)
    {
        // A mistyped digit in the embedded matplotlib data would show up as a jump between neighbours;
        // the largest real step of either map is below 3/255 per channel.
        var table = Colormap.FromName(name).Table;
        Assert.Equal(256 * 3, table.Length);
        for (int i = 3; i < table.Length; i++)
        {
            Assert.InRange(Math.Abs(table[i] - table[i - 3]), 0, 3);
        }
    }

    [Fact]
    public void Unknown_names_are_rejected_with_the_choices()
    {
        var ex = Assert.Throws<ArgumentException>(() => Colormap.FromName("jet"));
        Assert.Contains("viridis, magma or gray", ex.Message);
        Assert.Same(Colormap.Gray, Colormap.FromName("Grey"));
    }
}
