using SimEmulator.Validation.Reports.Svg;

namespace SimEmulator.Tests.Validation.Reports.Svg;

public class TicksTests
{
    [Fact]
    public void Log_axis_labels_the_decades_inside_the_range_and_marks_2_to_9_as_minor_ticks()
    {
        // 0.03 … 2.5 holds the decades 0.1 and 1; minor ticks at 0.03…0.09 (the limits are inclusive), 0.2…0.9 and 2
        // (7 + 8 + 1), as matplotlib's LogLocator(subs = 2…9).
        var ticks = Ticks.Log(0.03, 2.5);
        Assert.Equal([(0.1, "0.1"), (1.0, "1")], ticks.Where(t => t.Major).Select(t => (t.Value, t.Label)));
        var minor = ticks.Where(t => !t.Major).ToList();
        Assert.Equal(16, minor.Count);
        Assert.All(minor, t => Assert.Equal("", t.Label));
        Assert.Equal(0.03, minor[0].Value, 15);
        Assert.Equal(2.0, minor[^1].Value, 15);
    }

    [Fact]
    public void Log_axis_over_many_decades_labels_every_second_one_in_exponent_form_outside_1e_3_to_1e4()
    {
        // 1e-4 … 1e6 is 11 decades: more than 8, so every second is labelled and no minor ticks are drawn.
        var ticks = Ticks.Log(1e-4, 1e6);
        Assert.Equal(["1e-4", "0.01", "1", "100", "10000", "1e6"], ticks.Where(t => t.Major).Select(t => t.Label));
        Assert.Equal(11, ticks.Count);
    }

    [Fact]
    public void Log_axis_within_one_decade_labels_2_and_5_so_it_still_has_numbers()
    {
        var ticks = Ticks.Log(0.15, 0.95);
        Assert.Equal([(0.2, "0.2"), (0.5, "0.5")], ticks.Where(t => t.Label != "").Select(t => (Math.Round(t.Value, 12), t.Label)));
    }

    [Fact]
    public void Log_axis_rejects_a_non_positive_limit()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ticks.Log(0, 10));
    }

    [Theory]
    // Steps of 1, 2 or 5 × 10^k giving about five intervals, as matplotlib's MaxNLocator with steps [1, 2, 5, 10].
    [InlineData(0.0, 1.0, new[] { 0, 0.2, 0.4, 0.6, 0.8, 1.0 }, new[] { "0", "0.2", "0.4", "0.6", "0.8", "1.0" })]
    [InlineData(-3.7, 12.2, new[] { 0.0, 5, 10 }, new[] { "0", "5", "10" })]
    [InlineData(0.95, 1.05, new[] { 0.96, 0.98, 1.0, 1.02, 1.04 }, new[] { "0.96", "0.98", "1.00", "1.02", "1.04" })]
    public void Linear_axis_uses_1_2_5_steps(double min, double max, double[] values, string[] labels)
    {
        var ticks = Ticks.Linear(min, max);
        Assert.Equal(labels, ticks.Select(t => t.Label));
        Assert.Equal(values, ticks.Select(t => Math.Round(t.Value, 12)));
    }
}
