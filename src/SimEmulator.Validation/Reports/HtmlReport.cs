using System.Globalization;
using System.Text;
using static SimEmulator.Validation.Reports.Html;

namespace SimEmulator.Validation.Reports;

/// <summary>Lays out report.html: verdict, inputs, the table of checks, then each section's figures; one file, inline CSS, no scripts, well-formed XML.</summary>
internal static class HtmlReport
{
    private const string Css = """
        body { font-family: Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; line-height: 1.4; }
        h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; }
        table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
        th, td { border: 1px solid #ddd; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
        th { background: #f4f4f4; } td.num { text-align: right; font-family: Menlo, Consolas, monospace; white-space: nowrap; }
        .pass { color: #1a7f37; font-weight: bold; } .fail { color: #c62828; font-weight: bold; }
        .verdict { font-size: 1.2em; padding: 0.5em 0.8em; border-radius: 4px; display: inline-block; }
        .verdict.pass { background: #e6f4ea; } .verdict.fail { background: #fdecea; }
        figure { margin: 1em 0; } figcaption { font-size: 0.9em; color: #555; max-width: 900px; }
        .note { color: #8a6d00; background: #fff8e1; padding: 0.4em 0.6em; }
        .slices img { image-rendering: pixelated; border: 1px solid #ccc; } .slice { display: inline-block; text-align: center; margin: 0 0.6em 0.6em 0; font-size: 0.85em; }
        .figures figure { display: inline-block; vertical-align: top; margin: 0.5em 1em 0.5em 0; max-width: 340px; }
        nav a { margin-right: 1em; } pre { background: #f7f7f7; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
        """;

    public static string Render(ValidationSummary s, IReadOnlyList<SectionResult> sections)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>SimEmulator validation report</title>\n")
          .Append("<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n");
        sb.Append("<h1>Validation: candidate vs reference</h1>\n");
        var verdict = s.Passed ? $"All {s.ChecksPassed} checks passed" : $"{s.ChecksFailed} of {s.ChecksPassed + s.ChecksFailed} checks failed";
        sb.Append($"<p class=\"verdict {(s.Passed ? "pass" : "fail")}\">{Escape(verdict)}</p>\n");

        sb.Append("<h2 id=\"inputs\">Inputs</h2>\n<table>\n<tr><th></th><th>reference</th><th>candidate</th></tr>\n");
        void Row(string name, Func<ValidationInput, string> value) =>
            sb.Append($"<tr><th>{Escape(name)}</th><td>{Escape(value(s.Reference))}</td><td>{Escape(value(s.Candidate))}</td></tr>\n");
        Row("file", i => i.Path);
        if (s.Reference.Images is not null && s.Candidate.Images is not null)
        {
            Row("image size [pixels]", i => $"{i.Images!.Height} × {i.Images.Width}");
            Row("pixel scale [arcsec]", i => F(i.Images!.PixelScaleArcsec));
            Row("bands (measured)", i => $"{i.Images!.Bands} ({i.Images.Bands.Split(',').ElementAtOrDefault(i.Images.Band) ?? i.Images.Band.ToString(CultureInfo.InvariantCulture)})");
            Row("PSF FWHM [arcsec], noise σ", i => $"{F(i.Images!.PsfFwhmArcsec)}, {F(i.Images.NoiseSigma)}");
            Row("images used / in file", i => $"{i.RealizationsUsed} / {i.Realizations}");
        }
        else
        {
            Row("box size [Mpc/h]", i => F(i.BoxSizeMpcH));
            Row("grid", i => $"{i.Grid}³");
            Row("redshift", i => F(i.Redshift));
            Row("kind, mass assignment", i => $"{i.Kind}, {i.MassAssignment}");
            Row("realizations used / in file", i => $"{i.RealizationsUsed} / {i.Realizations}");
        }
        Row("seeds (used)", i => $"{i.FirstSeed} … {i.LastSeed} ({i.DistinctSeeds} distinct)");
        if (s.Reference.Cosmology is not null || s.Candidate.Cosmology is not null)
            Row("cosmology", i => i.Cosmology is not { } c ? "" : $"Ωm {F(c.OmegaM)}, Ωb {F(c.OmegaB)}, h {F(c.H)}, ns {F(c.NS)}, σ8 {F(c.Sigma8)}");
        Row("source", i => i.Source);
        sb.Append("</table>\n");
        foreach (var n in s.Notes) sb.Append(Note(n));

        sb.Append("<h2 id=\"checks\">Checks</h2>\n<table>\n<tr><th>section</th><th>check</th><th>value</th><th></th><th>tolerance</th><th>result</th><th>detail</th></tr>\n");
        foreach (var c in s.Checks)
            sb.Append($"<tr><td><a href=\"#{Escape(c.Section)}\">{Escape(c.Section)}</a></td><td>{Escape(c.Name)}</td><td class=\"num\">{F(c.Value)}</td>" +
                      $"<td>{(c.Comparison == ValidationCheck.AtLeastSymbol ? "≥" : "≤")}</td><td class=\"num\">{F(c.Tolerance)}</td>" +
                      $"<td class=\"{(c.Passed ? "pass" : "fail")}\">{(c.Passed ? "✓ pass" : "✗ fail")}</td><td>{Escape(c.Detail)}</td></tr>\n");
        sb.Append("</table>\n<nav>");
        foreach (var r in sections) sb.Append($"<a href=\"#{Escape(r.Id)}\">{Escape(r.Title)}</a>");
        sb.Append("</nav>\n");

        foreach (var r in sections)
            sb.Append($"<section id=\"{Escape(r.Id)}\">\n<h2>{Escape(r.Title)}</h2>\n{r.Html}</section>\n");

        sb.Append("<h2 id=\"config\">Configuration</h2>\n<pre>")
          .Append(Escape(s.Config.ToJsonString(ValidationSummary.JsonOptions)))
          .Append("</pre>\n");
        sb.Append($"<p class=\"note\">Generated by {Escape(s.Tool)} {Escape(s.Version)} on {Escape(s.Date.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))}; " +
                  "every number shown here is in summary.json next to this file.</p>\n");
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
