using System.Globalization;
using System.Text;
using static SimEmulator.Validation.Reports.Svg.SvgFormat;

namespace SimEmulator.Validation.Reports.Svg;

/// <summary>
/// Matrices drawn as heatmaps side by side (row 0 at the top, as matplotlib's imshow) on a blue–white–red diverging
/// scale symmetric about 0, with colourbars: <see cref="Comparison"/> shows A and B on one scale and A − B on its own.
/// </summary>
public static class SvgHeatmap
{
    private const int Side = 210, Pad = 18, BarWidth = 12, BarSpace = 62, Top = 30, Bottom = 34;

    /// <summary>A, B and A − B for two square matrices of equal size; <paramref name="axisLabel"/> names the bin index (e.g. "k bin").</summary>
    public static string Comparison(string titleA, double[,] a, string titleB, double[,] b, string axisLabel, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int p = a.GetLength(0);
        if (a.GetLength(1) != p || b.GetLength(0) != p || b.GetLength(1) != p)
            throw new ArgumentException($"both matrices must be square and of one size, got {p}×{a.GetLength(1)} and {b.GetLength(0)}×{b.GetLength(1)}", nameof(b));
        var diff = new double[p, p];
        for (var i = 0; i < p; i++)
            for (var j = 0; j < p; j++) diff[i, j] = a[i, j] - b[i, j];
        var shared = Math.Max(MaxAbs(a), MaxAbs(b));
        var ownDiff = MaxAbs(diff);

        var width = 3 * Side + 2 * Pad + 2 * BarSpace + 20;
        var height = (title is null ? 10 : Top) + 18 + Side + Bottom;
        var sb = new StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" ")
          .Append("font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n");
        sb.Append($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        if (title is not null) sb.Append($"<text x=\"{width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">{Escape(title)}</text>\n");
        double y0 = (title is null ? 10 : Top) + 18;
        double x = 10;
        Matrix(sb, titleA, a, shared, x, y0, axisLabel);
        x += Side + Pad;
        Matrix(sb, titleB, b, shared, x, y0, axisLabel);
        x += Side + 6;
        Colourbar(sb, shared, x, y0);
        x += BarSpace;
        Matrix(sb, $"{titleA} − {titleB}", diff, ownDiff, x, y0, axisLabel);
        x += Side + 6;
        Colourbar(sb, ownDiff, x, y0);
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>The colour of v on a scale from −limit (blue #2166ac) through 0 (white) to +limit (red #b2182b); NaN is grey.</summary>
    public static string DivergingColour(double v, double limit)
    {
        if (double.IsNaN(v)) return "#bbbbbb";
        var t = limit > 0 ? Math.Clamp(v / limit, -1, 1) : 0;
        // RdBu stops at −1, −0.5, 0, 0.5, 1 (ColorBrewer), linearly interpolated.
        (double R, double G, double B)[] stops = [(33, 102, 172), (103, 169, 207), (247, 247, 247), (239, 138, 98), (178, 24, 43)];
        var pos = (t + 1) * 2; // 0 … 4
        var k = Math.Min(3, (int)Math.Floor(pos));
        var f = pos - k;
        var c = (R: stops[k].R + f * (stops[k + 1].R - stops[k].R), G: stops[k].G + f * (stops[k + 1].G - stops[k].G), B: stops[k].B + f * (stops[k + 1].B - stops[k].B));
        return string.Create(CultureInfo.InvariantCulture, $"#{(int)Math.Round(c.R):x2}{(int)Math.Round(c.G):x2}{(int)Math.Round(c.B):x2}");
    }

    private static void Matrix(StringBuilder sb, string title, double[,] m, double limit, double x0, double y0, string axisLabel)
    {
        var p = m.GetLength(0);
        var cell = (double)Side / p;
        sb.Append($"<text x=\"{N(x0 + Side / 2.0)}\" y=\"{N(y0 - 6)}\" text-anchor=\"middle\" font-size=\"12\">{Escape(title)}</text>\n");
        for (var i = 0; i < p; i++)
            for (var j = 0; j < p; j++)
                sb.Append($"<rect x=\"{N(x0 + j * cell)}\" y=\"{N(y0 + i * cell)}\" width=\"{N(cell + 0.3)}\" height=\"{N(cell + 0.3)}\" fill=\"{DivergingColour(m[i, j], limit)}\"/>\n");
        sb.Append($"<rect x=\"{N(x0)}\" y=\"{N(y0)}\" width=\"{Side}\" height=\"{Side}\" fill=\"none\" stroke=\"black\"/>\n");
        sb.Append($"<text x=\"{N(x0)}\" y=\"{N(y0 + Side + 13)}\">0</text>\n");
        sb.Append($"<text x=\"{N(x0 + Side)}\" y=\"{N(y0 + Side + 13)}\" text-anchor=\"end\">{p - 1}</text>\n");
        sb.Append($"<text x=\"{N(x0 + Side / 2.0)}\" y=\"{N(y0 + Side + 26)}\" text-anchor=\"middle\">{Escape(axisLabel)}</text>\n");
    }

    private static void Colourbar(StringBuilder sb, double limit, double x0, double y0)
    {
        const int steps = 40;
        for (var s = 0; s < steps; s++)
        {
            var v = limit * (1 - 2.0 * (s + 0.5) / steps);
            sb.Append($"<rect x=\"{N(x0)}\" y=\"{N(y0 + s * (double)Side / steps)}\" width=\"{BarWidth}\" height=\"{N(Side / (double)steps + 0.3)}\" fill=\"{DivergingColour(v, limit)}\"/>\n");
        }
        sb.Append($"<rect x=\"{N(x0)}\" y=\"{N(y0)}\" width=\"{BarWidth}\" height=\"{Side}\" fill=\"none\" stroke=\"black\"/>\n");
        foreach (var (frac, v) in new[] { (0.0, limit), (0.5, 0.0), (1.0, -limit) })
            sb.Append($"<text x=\"{N(x0 + BarWidth + 4)}\" y=\"{N(y0 + frac * Side + 4)}\">{Escape(Value(v))}</text>\n");
    }

    private static double MaxAbs(double[,] m)
    {
        var max = 0.0;
        foreach (var v in m)
            if (double.IsFinite(v)) max = Math.Max(max, Math.Abs(v));
        return max;
    }
}
