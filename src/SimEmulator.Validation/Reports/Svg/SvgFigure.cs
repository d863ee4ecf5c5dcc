using System.Text;
using static SimEmulator.Validation.Reports.Svg.SvgFormat;

namespace SimEmulator.Validation.Reports.Svg;

/// <summary>
/// Renders panels stacked vertically with a shared x axis (a main panel over a ratio panel, say) as one standalone
/// SVG element: nice ticks, grid lines, axis titles, a legend in each panel with labelled series. Deterministic text output.
/// </summary>
public static class SvgFigure
{
    private const int Left = 74, Right = 16, TitleSpace = 26, Gap = 8, XLabelSpace = 44;

    /// <summary>One panel, <paramref name="height"/> pixels of plot area.</summary>
    public static string Render(Panel panel, int width = 640, int height = 330) => Stack([panel], [height], width);

    /// <summary>A main panel over a ratio panel (see <see cref="Panel.Ratio"/>), sharing the x axis.</summary>
    public static string WithRatio(Panel main, Panel ratio, int width = 640) => Stack([main, ratio], [280, 120], width);

    /// <summary>Panels top to bottom with plot-area heights <paramref name="heights"/>; x limits come from all of them.</summary>
    public static string Stack(IReadOnlyList<Panel> panels, IReadOnlyList<int> heights, int width = 640)
    {
        if (panels.Count == 0 || panels.Count != heights.Count)
            throw new ArgumentException($"give one height per panel (got {panels.Count} panels and {heights.Count} heights, at least one)", nameof(heights));
        var first = panels[0];
        var x = Axis.Fit(panels.SelectMany(p => p.Series.SelectMany(s => s.XValues)), first.XScale,
            panels.Select(p => p.XMin).FirstOrDefault(v => v is not null), panels.Select(p => p.XMax).FirstOrDefault(v => v is not null), pad: 0.03);
        var hasTitle = first.Title is not null;
        var total = (hasTitle ? TitleSpace : 10) + heights.Sum() + Gap * (panels.Count - 1) + XLabelSpace;
        var plotWidth = width - Left - Right;
        var sb = new StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{total}\" viewBox=\"0 0 {width} {total}\" ")
          .Append("font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n");
        sb.Append($"<rect width=\"{width}\" height=\"{total}\" fill=\"white\"/>\n");
        if (hasTitle) sb.Append($"<text x=\"{N(Left + plotWidth / 2.0)}\" y=\"17\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">{Escape(first.Title!)}</text>\n");
        double top = hasTitle ? TitleSpace : 10;
        for (var i = 0; i < panels.Count; i++)
        {
            var p = panels[i];
            var y = Axis.Fit(p.Series.SelectMany(s => s.YValues), p.YScale, p.YMin, p.YMax);
            DrawPanel(sb, p, x, y, Left, top, plotWidth, heights[i], bottom: i == panels.Count - 1);
            top += heights[i] + Gap;
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void DrawPanel(StringBuilder sb, Panel p, Axis xAxis, Axis yAxis, double left, double top, double w, double h, bool bottom)
    {
        double Px(double v) => left + xAxis.Fraction(v) * w;
        double Py(double v) => top + (1 - yAxis.Fraction(v)) * h;

        // Grid and ticks.
        foreach (var t in xAxis.Ticks())
        {
            var px = N(Px(t.Value));
            if (t.Major) sb.Append($"<line x1=\"{px}\" y1=\"{N(top)}\" x2=\"{px}\" y2=\"{N(top + h)}\" stroke=\"#e6e6e6\"/>\n");
            sb.Append($"<line x1=\"{px}\" y1=\"{N(top + h)}\" x2=\"{px}\" y2=\"{N(top + h + (t.Major ? 5 : 3))}\" stroke=\"black\"/>\n");
            if (bottom && t.Label.Length > 0)
                sb.Append($"<text x=\"{px}\" y=\"{N(top + h + 17)}\" text-anchor=\"middle\">{Escape(t.Label)}</text>\n");
        }
        foreach (var t in yAxis.Ticks())
        {
            var py = N(Py(t.Value));
            if (t.Major) sb.Append($"<line x1=\"{N(left)}\" y1=\"{py}\" x2=\"{N(left + w)}\" y2=\"{py}\" stroke=\"#e6e6e6\"/>\n");
            sb.Append($"<line x1=\"{N(left - (t.Major ? 5 : 3))}\" y1=\"{py}\" x2=\"{N(left)}\" y2=\"{py}\" stroke=\"black\"/>\n");
            if (t.Label.Length > 0)
                sb.Append($"<text x=\"{N(left - 8)}\" y=\"{N(Py(t.Value) + 4)}\" text-anchor=\"end\">{Escape(t.Label)}</text>\n");
        }

        // Data, clipped by a nested viewport (no ids needed, so several figures can share one HTML page).
        sb.Append($"<svg x=\"{N(left)}\" y=\"{N(top)}\" width=\"{N(w)}\" height=\"{N(h)}\" viewBox=\"{N(left)} {N(top)} {N(w)} {N(h)}\" overflow=\"hidden\">\n");
        foreach (var s in p.Series)
        {
            switch (s)
            {
                case HorizontalBand b when yAxis.Accepts(b.Low) && yAxis.Accepts(b.High):
                    sb.Append($"<rect x=\"{N(left)}\" y=\"{N(Py(b.High))}\" width=\"{N(w)}\" height=\"{N(Py(b.Low) - Py(b.High))}\" fill=\"{b.Colour}\" fill-opacity=\"0.15\"/>\n");
                    break;
                case HorizontalLine l when yAxis.Accepts(l.Y):
                    sb.Append($"<line x1=\"{N(left)}\" y1=\"{N(Py(l.Y))}\" x2=\"{N(left + w)}\" y2=\"{N(Py(l.Y))}\" stroke=\"{l.Colour}\"{Dash(l.Dashed)}/>\n");
                    break;
                case BandSeries b:
                    foreach (var run in Runs(b.X.Length, i => xAxis.Accepts(b.X[i]) && yAxis.Accepts(b.Low[i]) && yAxis.Accepts(b.High[i])))
                    {
                        var pts = run.Select(i => $"{N(Px(b.X[i]))},{N(Py(b.High[i]))}")
                            .Concat(run.AsEnumerable().Reverse().Select(i => $"{N(Px(b.X[i]))},{N(Py(b.Low[i]))}"));
                        sb.Append($"<polygon points=\"{string.Join(" ", pts)}\" fill=\"{b.Colour}\" fill-opacity=\"0.22\" stroke=\"none\"/>\n");
                    }
                    break;
                case StepSeries st:
                    DrawSteps(sb, st, xAxis, yAxis, Px, Py);
                    break;
                case LineSeries l:
                    foreach (var run in Runs(l.X.Length, i => xAxis.Accepts(l.X[i]) && yAxis.Accepts(l.Y[i])))
                    {
                        if (run.Count > 1)
                            sb.Append($"<polyline points=\"{string.Join(" ", run.Select(i => $"{N(Px(l.X[i]))},{N(Py(l.Y[i]))}"))}\" fill=\"none\" stroke=\"{l.Colour}\" stroke-width=\"1.6\"{Dash(l.Dashed)}/>\n");
                        if (l.Markers)
                            foreach (var i in run)
                                sb.Append($"<circle cx=\"{N(Px(l.X[i]))}\" cy=\"{N(Py(l.Y[i]))}\" r=\"2.6\" fill=\"{l.Colour}\"/>\n");
                    }
                    break;
            }
        }
        sb.Append("</svg>\n");
        sb.Append($"<rect x=\"{N(left)}\" y=\"{N(top)}\" width=\"{N(w)}\" height=\"{N(h)}\" fill=\"none\" stroke=\"black\"/>\n");

        // Axis titles: x only under the bottom panel, y rotated along the left edge.
        if (bottom)
            sb.Append($"<text x=\"{N(left + w / 2)}\" y=\"{N(top + h + 36)}\" text-anchor=\"middle\" font-size=\"12\">{Escape(p.XTitle)}</text>\n");
        var yMid = top + h / 2;
        sb.Append($"<text x=\"14\" y=\"{N(yMid)}\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 {N(yMid)})\">{Escape(p.YTitle)}</text>\n");

        DrawLegend(sb, p, left + w, top);
    }

    private static void DrawSteps(StringBuilder sb, StepSeries st, Axis xAxis, Axis yAxis, Func<double, double> px, Func<double, double> py)
    {
        var baseline = yAxis.Scale == AxisScale.Log ? yAxis.Min : Math.Max(yAxis.Min, Math.Min(0, yAxis.Max));
        var pts = new List<string>();
        for (var i = 0; i < st.Values.Length; i++)
        {
            if (!xAxis.Accepts(st.Edges[i]) || !xAxis.Accepts(st.Edges[i + 1])) continue;
            var v = yAxis.Accepts(st.Values[i]) ? st.Values[i] : baseline;
            if (pts.Count == 0) pts.Add($"{N(px(st.Edges[i]))},{N(py(baseline))}");
            pts.Add($"{N(px(st.Edges[i]))},{N(py(v))}");
            pts.Add($"{N(px(st.Edges[i + 1]))},{N(py(v))}");
        }
        if (pts.Count == 0) return;
        pts.Add($"{N(px(st.Edges[^1]))},{N(py(baseline))}");
        sb.Append($"<polyline points=\"{string.Join(" ", pts)}\" fill=\"{st.Colour}\" fill-opacity=\"0.12\" stroke=\"{st.Colour}\" stroke-width=\"1.4\"/>\n");
    }

    private static void DrawLegend(StringBuilder sb, Panel p, double right, double top)
    {
        var entries = p.Series.Where(s => s.Label is not null).ToList();
        if (entries.Count == 0) return;
        var boxWidth = 34 + entries.Max(e => e.Label!.Length) * 6.2;
        var x0 = right - boxWidth - 6;
        var y0 = top + 6;
        sb.Append($"<rect x=\"{N(x0)}\" y=\"{N(y0)}\" width=\"{N(boxWidth)}\" height=\"{N(entries.Count * 16 + 6)}\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#cccccc\"/>\n");
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var cy = y0 + 12 + i * 16;
            if (e is BandSeries or HorizontalBand or StepSeries)
                sb.Append($"<rect x=\"{N(x0 + 6)}\" y=\"{N(cy - 5)}\" width=\"20\" height=\"10\" fill=\"{e.Colour}\" fill-opacity=\"0.3\" stroke=\"{e.Colour}\"/>\n");
            else
                sb.Append($"<line x1=\"{N(x0 + 6)}\" y1=\"{N(cy)}\" x2=\"{N(x0 + 26)}\" y2=\"{N(cy)}\" stroke=\"{e.Colour}\" stroke-width=\"2\"{Dash(e is LineSeries { Dashed: true } or HorizontalLine { Dashed: true })}/>\n");
            sb.Append($"<text x=\"{N(x0 + 30)}\" y=\"{N(cy + 4)}\">{Escape(e.Label!)}</text>\n");
        }
    }

    private static string Dash(bool dashed) => dashed ? " stroke-dasharray=\"5,4\"" : "";

    /// <summary>Maximal runs of consecutive indices whose points can be drawn.</summary>
    private static List<List<int>> Runs(int count, Func<int, bool> drawable)
    {
        var runs = new List<List<int>>();
        List<int>? current = null;
        for (var i = 0; i < count; i++)
        {
            if (!drawable(i)) { current = null; continue; }
            if (current is null) runs.Add(current = []);
            current.Add(i);
        }
        return runs;
    }
}
