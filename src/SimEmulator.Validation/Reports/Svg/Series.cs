namespace SimEmulator.Validation.Reports.Svg;

/// <summary>Something drawn in a <see cref="Panel"/>; a non-null label puts it in the legend. Colours are CSS colours.</summary>
public abstract record Series(string? Label, string Colour)
{
    internal abstract IEnumerable<double> XValues { get; }
    internal abstract IEnumerable<double> YValues { get; }
}

/// <summary>A polyline through (x, y), broken where a point cannot be drawn, with optional circle markers.</summary>
public sealed record LineSeries(double[] X, double[] Y, string? Label, string Colour, bool Markers = false, bool Dashed = false) : Series(Label, Colour)
{
    internal override IEnumerable<double> XValues => X;
    internal override IEnumerable<double> YValues => Y;
}

/// <summary>A shaded band between Low(x) and High(x), e.g. mean ± 1σ.</summary>
public sealed record BandSeries(double[] X, double[] Low, double[] High, string? Label, string Colour) : Series(Label, Colour)
{
    internal override IEnumerable<double> XValues => X;
    internal override IEnumerable<double> YValues => Low.Concat(High);
}

/// <summary>A step histogram: Values[i] over [Edges[i], Edges[i+1]), drawn from a zero baseline.</summary>
public sealed record StepSeries(double[] Edges, double[] Values, string? Label, string Colour) : Series(Label, Colour)
{
    internal override IEnumerable<double> XValues => Edges;
    internal override IEnumerable<double> YValues => Values.Append(0);
}

/// <summary>A horizontal line across the panel at y (e.g. a ratio of 1).</summary>
public sealed record HorizontalLine(double Y, string Colour, bool Dashed = true, string? Label = null) : Series(Label, Colour)
{
    internal override IEnumerable<double> XValues => [];
    internal override IEnumerable<double> YValues => [Y];
}

/// <summary>A horizontal shaded band across the panel between Low and High (e.g. a ±5 % tolerance).</summary>
public sealed record HorizontalBand(double Low, double High, string Colour, string? Label = null) : Series(Label, Colour)
{
    internal override IEnumerable<double> XValues => [];
    internal override IEnumerable<double> YValues => [Low, High];
}
