using SimEmulator.Validation.Reports.Svg;

namespace SimEmulator.Validation.Reports;

/// <summary>The standard figure of a <see cref="BinwiseComparison"/>: both ensembles' means with ±1σ bands, and cand/ref with its error under them.</summary>
public static class ComparisonPlot
{
    /// <summary>Only the included bins are drawn; the ratio panel shades the ±tolerance band.</summary>
    public static string Render(BinwiseComparison c, string title, string xTitle, string yTitle, AxisScale xScale, AxisScale yScale)
    {
        var idx = Enumerable.Range(0, c.X.Length).Where(i => c.Included[i]).ToArray();
        double[] Pick(double[] a) => idx.Select(i => a[i]).ToArray();
        var x = Pick(c.X);
        var main = new Panel(xTitle, yTitle, xScale, yScale) { Title = title }
            .MeanWithBand(x, Pick(c.ReferenceMean), Pick(c.ReferenceSigma), Palette.Reference, $"reference (N={c.ReferenceCount}) ±1σ")
            .MeanWithBand(x, Pick(c.CandidateMean), Pick(c.CandidateSigma), Palette.Candidate, $"candidate (N={c.CandidateCount}) ±1σ");
        var ratio = Pick(c.Ratio);
        var error = Pick(c.RatioError);
        var lower = Panel.Ratio(xTitle, xScale, c.Tolerance, ratio)
            .Band(x, ratio.Zip(error, (r, e) => r - e).ToArray(), ratio.Zip(error, (r, e) => r + e).ToArray(), Palette.Candidate)
            .Line(x, ratio, Palette.Candidate, markers: true);
        return SvgFigure.WithRatio(main, lower);
    }
}
