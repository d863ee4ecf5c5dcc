using System.Globalization;
using System.Xml.Linq;
using SimEmulator.Validation.Reports.Svg;

namespace SimEmulator.Tests.Validation.Reports.Svg;

public class SvgFigureTests
{
    private static Panel MainPanel() => new Panel("k [h/Mpc]", "P(k) [(Mpc/h)³]", AxisScale.Log, AxisScale.Log) { Title = "a < b & \"c\"" }
        .MeanWithBand([0.1, 0.2, 0.4], [1000, 500, 120.5], [100, 40, 10], Palette.Reference, "reference <sims>")
        .Line([0.1, 0.2, 0.4], [1100, double.NaN, 130], Palette.Candidate, "candidate", markers: true);

    [Fact]
    public void Figure_with_ratio_panel_is_valid_xml_with_escaped_text()
    {
        var svg = SvgFigure.WithRatio(MainPanel(), Panel.Ratio("k [h/Mpc]", AxisScale.Log, 0.05, [1.1, 0.9]).Line([0.1, 0.4], [1.1, 0.9], Palette.Candidate));
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var texts = doc.Descendants(ns + "text").Select(t => t.Value).ToList();
        Assert.Contains("a < b & \"c\"", texts);
        Assert.Contains("reference <sims>", texts);
        Assert.Contains("±5% tolerance", texts);
        // The NaN point breaks the candidate line into two single points: two markers and no segment across the gap;
        // the one candidate polyline is the ratio panel's.
        Assert.Equal(2, doc.Descendants(ns + "circle").Count(c => (string?)c.Attribute("fill") == Palette.Candidate));
        Assert.Single(doc.Descendants(ns + "polyline"), l => (string?)l.Attribute("stroke") == Palette.Candidate);
    }

    [Fact]
    public void Output_is_the_same_bytes_whatever_the_current_culture()
    {
        var before = CultureInfo.CurrentCulture;
        string invariant, german;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            invariant = SvgFigure.Render(MainPanel());
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("0,5", 0.5.ToString()); // the culture really writes decimal commas here
            german = SvgFigure.Render(MainPanel());
        }
        finally { CultureInfo.CurrentCulture = before; }
        Assert.Equal(invariant, german);
        Assert.DoesNotMatch(@"\d,\d+""", invariant);
    }

    [Fact]
    public void Heatmap_uses_the_colorbrewer_rdbu_ends_and_white_at_zero()
    {
        // ColorBrewer RdBu (5-class ends and 11-class centre): #2166ac, #f7f7f7, #b2182b.
        Assert.Equal("#2166ac", SvgHeatmap.DivergingColour(-2, 2));
        Assert.Equal("#f7f7f7", SvgHeatmap.DivergingColour(0, 2));
        Assert.Equal("#b2182b", SvgHeatmap.DivergingColour(5, 2)); // clipped at the limit
        var svg = SvgHeatmap.Comparison("A", new double[,] { { 1, 0.5 }, { 0.5, 1 } }, "B", new double[,] { { 1, 0 }, { 0, 1 } }, "bin");
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Contains("A − B", doc.Descendants(ns + "text").Select(t => t.Value));
    }
}
