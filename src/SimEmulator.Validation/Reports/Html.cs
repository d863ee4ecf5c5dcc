using System.Text.RegularExpressions;
using SimEmulator.Validation.Reports.Svg;

namespace SimEmulator.Validation.Reports;

/// <summary>Small HTML building blocks for section fragments; output is well-formed XML so report.html can be checked with an XML parser.</summary>
public static partial class Html
{
    public static string Escape(string text) => SvgFormat.Escape(text);

    /// <summary>An inline SVG figure with a caption; the SVG namespace declaration is dropped (HTML puts &lt;svg&gt; in it) so the page names no URL at all.</summary>
    public static string Figure(string svg, string caption) =>
        $"<figure>{XmlnsAttribute().Replace(svg, "", 1)}<figcaption>{Escape(caption)}</figcaption></figure>\n";

    public static string Paragraph(string text) => $"<p>{Escape(text)}</p>\n";

    /// <summary>A note in the muted style, e.g. why a test was skipped.</summary>
    public static string Note(string text) => $"<p class=\"note\">{Escape(text)}</p>\n";

    /// <summary>An embedded PNG as a data URI.</summary>
    public static string Image(byte[] png, string alt, int? width = null) =>
        $"<img src=\"data:image/png;base64,{Convert.ToBase64String(png)}\" alt=\"{Escape(alt)}\"{(width is { } w ? $" width=\"{w}\"" : "")}/>";

    [GeneratedRegex(" xmlns=\"http://www.w3.org/2000/svg\"")]
    private static partial Regex XmlnsAttribute();
}
