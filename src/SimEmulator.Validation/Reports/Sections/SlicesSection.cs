using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SimEmulator.Data.Png;

namespace SimEmulator.Validation.Reports.Sections;

/// <summary>
/// The middle x-plane of the first few realizations of each set as PNG images embedded in the page, all on the reference's
/// colour scale: log10(1+δ) when every reference cell has 1+δ &gt; 0, δ itself otherwise; 0.5–99.5 percentile limits.
/// </summary>
public sealed class SlicesSection(ValidationContext context) : ValidationSection(context)
{
    private readonly List<(int Index, long Seed, float[] Slice)> reference = [], candidate = [];

    public override string Id => "slices";
    public override string Title => "Slices";

    public override void Add(Realization r)
    {
        var list = r.Role == SetRole.Reference ? reference : candidate;
        if (list.Count >= Context.Config.Slices.Count) return;
        var n = Context.Grid;
        var plane = n / 2;
        list.Add((r.Index, r.Seed, r.Delta.AsSpan(plane * n * n, n * n).ToArray()));
    }

    public override SectionResult Finish()
    {
        var n = Context.Grid;
        var all = reference.SelectMany(s => s.Slice).ToArray();
        var logScale = all.Length > 0 && all.All(v => v > -1);
        float Value(float d) => logScale ? (float)Math.Log10(Math.Max(1 + d, 1e-6)) : d;
        var scaled = all.Select(Value).ToArray();
        var (vmin, vmax) = scaled.Length > 0 ? ImageRenderer.PercentileLimits(scaled, 0.5, 99.5) : (0.0, 1.0);
        var colormap = Colormap.FromName(Context.Config.Slices.Colormap);
        var zoom = Math.Max(1, 128 / n);

        string Row(string label, List<(int Index, long Seed, float[] Slice)> slices)
        {
            var sb = new StringBuilder($"<div class=\"slices\"><h3>{Html.Escape(label)}</h3>");
            foreach (var (index, seed, slice) in slices)
            {
                var image = ImageRenderer.Render(slice.Select(Value).ToArray(), n, n, colormap, Stretch.Linear, vmin, vmax);
                using var png = new MemoryStream();
                var big = Zoom(image, zoom);
                PngWriter.WriteRgb(png, big.Width, big.Height, big.Pixels);
                sb.Append($"<span class=\"slice\">{Html.Image(png.ToArray(), $"{label} realization {index} (seed {seed}), plane x = {n / 2}", Math.Max(big.Width, 128))}" +
                          $"<br/>#{index}, seed {seed}</span>");
            }
            return sb.Append("</div>\n").ToString();
        }

        var quantity = logScale ? "log10(1+δ)" : "δ";
        var html = Row("reference", reference) + Row("candidate", candidate) +
                   Html.Paragraph($"Plane x = {n / 2} of {n}³ cubes, {Context.BoxSizeMpcH.ToString("G4", CultureInfo.InvariantCulture)} Mpc/h on a side; colour: {quantity} " +
                                  $"from {vmin.ToString("G4", CultureInfo.InvariantCulture)} to {vmax.ToString("G4", CultureInfo.InvariantCulture)} ({colormap.Name}, the reference's 0.5–99.5 percentiles, same scale for both sets).");
        var numbers = new JsonObject
        {
            ["plane"] = n / 2,
            ["quantity"] = quantity,
            ["vmin"] = vmin,
            ["vmax"] = vmax,
            ["colormap"] = colormap.Name,
            ["reference_indices"] = new JsonArray(reference.Select(s => (JsonNode)s.Index).ToArray()),
            ["candidate_indices"] = new JsonArray(candidate.Select(s => (JsonNode)s.Index).ToArray()),
        };
        return new SectionResult(Id, Title, [], numbers, [], html);
    }

    /// <summary>Nearest-neighbour enlargement, so that small grids are visible without relying on CSS scaling.</summary>
    private static RgbImage Zoom(RgbImage image, int factor)
    {
        if (factor == 1) return image;
        int h = image.Height * factor, w = image.Width * factor;
        var pixels = new byte[3 * h * w];
        for (var r = 0; r < h; r++)
            for (var c = 0; c < w; c++)
                image.Pixels.AsSpan(3 * ((r / factor) * image.Width + c / factor), 3).CopyTo(pixels.AsSpan(3 * (r * w + c), 3));
        return new RgbImage(h, w, pixels);
    }
}
