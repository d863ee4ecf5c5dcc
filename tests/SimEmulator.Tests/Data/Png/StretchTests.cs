using SimEmulator.Data.Png;

namespace SimEmulator.Tests.Data.Png;

public sealed class StretchTests
{
    [Fact]
    public void Asinh_stretch_matches_astropy_AsinhStretch_at_known_points()
    {
        // astropy.visualization.AsinhStretch(a=0.1): y = asinh(x/a)/asinh(1/a) on x normalised to [0, 1].
        var s = Stretch.Asinh(0.1);
        Assert.Equal(0.0, s.Apply(0, 0, 1), 15);
        Assert.Equal(1.0, s.Apply(1, 0, 1), 15);
        Assert.Equal(Math.Asinh(5) / Math.Asinh(10), s.Apply(0.5, 0, 1), 15);
        Assert.Equal(Math.Asinh(5) / Math.Asinh(10), s.Apply(15, 10, 20), 15); // the same point after normalising
        Assert.Equal(Math.Asinh(0.25 / 0.02) / Math.Asinh(1 / 0.02), Stretch.Asinh(0.02).Apply(0.25, 0, 1), 15);
    }

    [Fact]
    public void Linear_stretch_normalises_and_clips_like_matplotlib_Normalize()
    {
        var s = Stretch.Linear;
        Assert.Equal(0.5, s.Apply(15, 10, 20));
        Assert.Equal(0.0, s.Apply(-100, 10, 20));
        Assert.Equal(1.0, s.Apply(100, 10, 20));
        Assert.Equal(0.0, s.Apply(5, 5, 5)); // vmin == vmax maps everything to 0, as matplotlib
        Assert.True(double.IsNaN(s.Apply(double.NaN, 0, 1)));
    }

    [Fact]
    public void Log_stretch_is_log10_between_the_limits_with_values_below_the_floor_at_zero()
    {
        var s = Stretch.Log(floor: 1e-2);
        Assert.Equal(0.5, s.Apply(10, 1, 100), 15); // log10: 0, 1, 2
        Assert.Equal(0.0, s.Apply(0, 1, 100));
        Assert.Equal(1.0, s.Apply(1000, 1, 100));
        // vmin below the floor: the floor (log10 = -2) is the bottom, so 1 sits half way to 100.
        Assert.Equal(0.5, s.Apply(1, -5, 100), 15);
        Assert.Equal(0.0, s.Apply(-3, -5, 100));
        Assert.True(double.IsNaN(s.Apply(double.NaN, 1, 100)));
    }

    [Fact]
    public void Invalid_parameters_are_rejected_and_stretches_describe_themselves()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Stretch.Asinh(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Stretch.Log(-1));
        Assert.Equal("asinh(a=0.1)", Stretch.Asinh(0.1).ToString());
        Assert.Equal("log10(floor=0.001)", Stretch.Log(1e-3).ToString());
        Assert.Equal("linear", Stretch.Linear.ToString());
        Assert.Equal(Stretch.Asinh(0.1), Stretch.Asinh(0.1)); // stretches are values
    }
}
