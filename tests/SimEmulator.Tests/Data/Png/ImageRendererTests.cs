using SimEmulator.Data.Png;

namespace SimEmulator.Tests.Data.Png;

public sealed class ImageRendererTests
{
    [Fact]
    public void Render_maps_each_pixel_through_stretch_and_colormap_in_C_order()
    {
        float[] image = [0f, 0.5f, 1f, float.NaN, 2f, -1f]; // 2 rows × 3 columns
        var rgb = ImageRenderer.Render(image, height: 2, width: 3, Colormap.Viridis, Stretch.Linear, vmin: 0, vmax: 1);

        Assert.Equal((2, 3), (rgb.Height, rgb.Width));
        Assert.Equal(Colormap.Viridis.Map(0), rgb[0, 0]);
        Assert.Equal(Colormap.Viridis.Map(0.5), rgb[0, 1]);
        Assert.Equal(Colormap.Viridis.Map(1), rgb[0, 2]);
        Assert.Equal(Colormap.Viridis.Bad, rgb[1, 0]);
        Assert.Equal(Colormap.Viridis.Map(1), rgb[1, 1]); // above vmax: clipped
        Assert.Equal(Colormap.Viridis.Map(0), rgb[1, 2]); // below vmin: clipped
    }

    [Fact]
    public void Default_limits_are_the_finite_minimum_and_maximum()
    {
        double[] image = [10, 20, double.PositiveInfinity, double.NaN];
        var rgb = ImageRenderer.Render(image, 1, 4, Colormap.Gray, Stretch.Linear);

        Assert.Equal(((byte)0, (byte)0, (byte)0), rgb[0, 0]);
        Assert.Equal(((byte)255, (byte)255, (byte)255), rgb[0, 1]);
        Assert.Equal(((byte)255, (byte)255, (byte)255), rgb[0, 2]); // +inf is above vmax
        Assert.Equal((10.0, 20.0), ImageRenderer.FiniteRange(image));
    }

    [Fact]
    public void Asinh_render_of_the_midpoint_uses_the_stretched_colour()
    {
        float[] image = [0f, 0.5f, 1f];
        var rgb = ImageRenderer.Render(image, 1, 3, Colormap.Magma, Stretch.Asinh(0.1), 0, 1);

        // asinh(5)/asinh(10) = 0.77126 → entry ⌊0.77126·256⌋ = 197
        Assert.Equal(Colormap.Magma.Map(Math.Asinh(5) / Math.Asinh(10)), rgb[0, 1]);
        Assert.Equal(Colormap.Magma.Map(197 / 255.0), rgb[0, 1]);
    }

    [Fact]
    public void Percentile_limits_match_numpy_linear_interpolation()
    {
        // numpy.percentile(np.arange(1, 11), [0.5, 99.5]) == [1.045, 9.955]
        var values = Enumerable.Range(1, 10).Select(i => (float)i).Append(float.NaN).ToArray();
        var (lo, hi) = ImageRenderer.PercentileLimits(values);
        Assert.Equal(1.045, lo, 12);
        Assert.Equal(9.955, hi, 12);

        // numpy.percentile([0, 1, 2, 3, 1000], [25, 75]) == [1, 3]: the outlier does not move the limits
        Assert.Equal((1.0, 3.0), ImageRenderer.PercentileLimits(new double[] { 1000, 0, 3, 1, 2 }, 25, 75));
        Assert.Throws<ArgumentException>(() => ImageRenderer.PercentileLimits(new[] { float.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageRenderer.PercentileLimits(new[] { 1f }, 60, 40));
    }

    [Fact]
    public void Render_rejects_a_size_that_does_not_match_the_data_and_inverted_limits()
    {
        var ex = Assert.Throws<ArgumentException>(() => ImageRenderer.Render(new float[5], 2, 3, Colormap.Gray, Stretch.Linear));
        Assert.Contains("needs 6 values; got 5", ex.Message);
        Assert.Throws<ArgumentException>(() => ImageRenderer.Render(new float[1], 1, 1, Colormap.Gray, Stretch.Linear, vmin: 2, vmax: 1));
    }

    [Fact]
    public void Grid_places_tiles_row_by_row_with_one_pixel_separators()
    {
        var red = RgbImage.Filled(2, 3, (255, 0, 0));
        var green = RgbImage.Filled(2, 3, (0, 255, 0));
        var blue = RgbImage.Filled(2, 3, (0, 0, 255));

        var grid = ImageGrid.Tile([red, green, blue], columns: 2, separator: (9, 9, 9));

        // 2 rows × 2 columns of 2 × 3 tiles with 1-px lines: (2·2 + 1) × (2·3 + 1)
        Assert.Equal((5, 7), (grid.Height, grid.Width));
        Assert.Equal(((byte)255, (byte)0, (byte)0), grid[0, 0]);
        Assert.Equal(((byte)255, (byte)0, (byte)0), grid[1, 2]);
        Assert.Equal(((byte)9, (byte)9, (byte)9), grid[0, 3]); // vertical separator
        Assert.Equal(((byte)0, (byte)255, (byte)0), grid[0, 4]);
        Assert.Equal(((byte)0, (byte)255, (byte)0), grid[1, 6]);
        Assert.Equal(((byte)9, (byte)9, (byte)9), grid[2, 0]); // horizontal separator
        Assert.Equal(((byte)0, (byte)0, (byte)255), grid[3, 0]);
        Assert.Equal(((byte)0, (byte)0, (byte)255), grid[4, 2]);
        Assert.Equal(((byte)9, (byte)9, (byte)9), grid[4, 5]); // empty last cell takes the separator colour
        Assert.Throws<ArgumentException>(() => ImageGrid.Tile([red, RgbImage.Filled(3, 3, (0, 0, 0))], 2));
    }

    [Fact]
    public void A_rendered_cube_slice_grid_saves_as_a_png_with_the_same_pixels()
    {
        // Four 8 × 8 slices of a 4 × 8 × 8 cube, tiled 2 × 2: a 17 × 17 image.
        var cube = Enumerable.Range(0, 4 * 64).Select(i => (float)Math.Sin(i * 0.1)).ToArray();
        var (lo, hi) = ImageRenderer.PercentileLimits(cube, 0.5, 99.5);
        var slices = Enumerable.Range(0, 4)
            .Select(z => ImageRenderer.Render(cube.AsSpan(z * 64, 64), 8, 8, Colormap.Magma, Stretch.Linear, lo, hi))
            .ToList();
        var grid = ImageGrid.Tile(slices, columns: 2);
        var path = Path.Combine(Path.GetTempPath(), $"grid-{Guid.NewGuid():N}.png");
        try
        {
            grid.Save(path);
            var png = DecodedPng.Decode(File.ReadAllBytes(path));
            Assert.Equal((17, 17), (png.Height, png.Width));
            Assert.Equal(grid.Pixels, png.Samples);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
