using System.Globalization;

namespace SimEmulator.Validation.Reports.Svg;

/// <summary>
/// One set of axes and what is drawn on them, built fluently:
/// <c>new Panel("k [h/Mpc]", "P(k) [(Mpc/h)³]", AxisScale.Log, AxisScale.Log).Band(...).Line(...)</c>; render with <see cref="SvgFigure"/>.
/// </summary>
public sealed class Panel(string xTitle, string yTitle, AxisScale xScale = AxisScale.Linear, AxisScale yScale = AxisScale.Linear)
{
    private readonly List<Series> series = [];

    public string XTitle { get; } = xTitle;
    public string YTitle { get; } = yTitle;
    public AxisScale XScale { get; } = xScale;
    public AxisScale YScale { get; } = yScale;
    public string? Title { get; init; }
    public double? XMin { get; init; }
    public double? XMax { get; init; }
    public double? YMin { get; init; }
    public double? YMax { get; init; }
    public IReadOnlyList<Series> Series => series;

    public Panel Add(Series s)
    {
        ArgumentNullException.ThrowIfNull(s);
        series.Add(s);
        return this;
    }

    public Panel Line(double[] x, double[] y, string colour, string? label = null, bool markers = false, bool dashed = false) =>
        Add(new LineSeries(x, y, label, colour, markers, dashed));

    public Panel Band(double[] x, double[] low, double[] high, string colour, string? label = null) =>
        Add(new BandSeries(x, low, high, label, colour));

    /// <summary>Mean as a line with markers over its mean ± σ band, the usual way to show an ensemble.</summary>
    public Panel MeanWithBand(double[] x, double[] mean, double[] sigma, string colour, string label)
    {
        Band(x, mean.Zip(sigma, (m, s) => m - s).ToArray(), mean.Zip(sigma, (m, s) => m + s).ToArray(), colour);
        return Line(x, mean, colour, label, markers: true);
    }

    public Panel Steps(double[] edges, double[] values, string colour, string? label = null) => Add(new StepSeries(edges, values, label, colour));

    public Panel HLine(double y, string colour = Palette.Neutral, bool dashed = true, string? label = null) => Add(new HorizontalLine(y, colour, dashed, label));

    public Panel HBand(double low, double high, string colour = Palette.Tolerance, string? label = null) => Add(new HorizontalBand(low, high, colour, label));

    /// <summary>
    /// A ratio panel (candidate / reference) to stack under a main panel: a shaded band 1 ± <paramref name="tolerance"/>,
    /// a dashed line at 1, and y limits that show the band and the ratios up to ±3 tolerances (values beyond are clipped).
    /// </summary>
    public static Panel Ratio(string xTitle, AxisScale xScale, double tolerance, IEnumerable<double> ratios, string yTitle = "cand. / ref.")
    {
        var finite = ratios.Where(double.IsFinite).ToList();
        var spread = finite.Count == 0 ? 0 : finite.Max(r => Math.Abs(r - 1));
        var half = Math.Clamp(spread * 1.15, 1.5 * tolerance, 3 * tolerance);
        if (!(half > 0)) half = 0.1;
        return new Panel(xTitle, yTitle, xScale) { YMin = 1 - half, YMax = 1 + half }
            .HBand(1 - tolerance, 1 + tolerance, Palette.Tolerance, string.Create(CultureInfo.InvariantCulture, $"±{tolerance * 100:0.##}% tolerance"))
            .HLine(1, Palette.Neutral);
    }
}
