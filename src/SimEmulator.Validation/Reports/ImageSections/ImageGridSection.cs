using System.Text;
using System.Text.Json.Nodes;
using SimEmulator.Data.Png;

namespace SimEmulator.Validation.Reports.ImageSections;

/// <summary>
/// The first images.show images of each set as one PNG grid per set, embedded in the page, on the reference's colour
/// scale (0.5–99.5 percentiles of the shown reference images, asinh stretch so faint outskirts and bright cores show together).
/// </summary>
public sealed class ImageGridSection(ImageValidationContext context) : ImageValidationSection(context)
{
    public override string Id => "images";
    public override string Title => "Images";

    public override SectionResult Run()
    {
        var o = Context.Config.Images;
        var colormap = Colormap.FromName(o.Colormap);
        var stretch = Stretch.Asinh();
        var shown = new[] { SetRole.Reference, SetRole.Candidate }
            .ToDictionary(role => role, role => Enumerable.Range(0, Math.Min(o.Show, Context.CountOf(role))).Select(i => Context.Image(role, i)).ToArray());
        var (vmin, vmax) = ImageRenderer.PercentileLimits(shown[SetRole.Reference].SelectMany(x => x).ToArray(), 0.5, 99.5);
        var sb = new StringBuilder();
        foreach (var role in new[] { SetRole.Reference, SetRole.Candidate })
        {
            var (h, w) = Context.SizeOf(role);
            var zoom = Math.Max(1, 96 / Math.Max(h, w));
            var tiles = shown[role].Select(image => Zoom(ImageRenderer.Render(image, h, w, colormap, stretch, vmin, vmax), zoom)).ToList();
            if (tiles.Count == 0) continue;
            var grid = ImageGrid.Tile(tiles, Math.Min(8, tiles.Count), (255, 255, 255), 2);
            using var png = new MemoryStream();
            PngWriter.WriteRgb(png, grid.Width, grid.Height, grid.Pixels);
            var label = role == SetRole.Reference ? "reference" : "candidate";
            sb.Append($"<div class=\"slices\"><h3>{label}</h3>{Html.Image(png.ToArray(), $"first {tiles.Count} {label} images, band {Context.Band}")}</div>\n");
        }
        sb.Append(Html.Paragraph($"First {o.Show} images of each set, band {Context.Band}; colour: asinh stretch from {Fmt.G(vmin)} to {Fmt.G(vmax)} " +
                                 $"({colormap.Name}, the shown reference images' 0.5–99.5 percentiles, same scale for both sets)."));
        var numbers = new JsonObject { ["vmin"] = vmin, ["vmax"] = vmax, ["colormap"] = colormap.Name, ["stretch"] = "asinh a=0.1", ["shown"] = o.Show };
        return new SectionResult(Id, Title, [], numbers, [], sb.ToString());
    }

    /// <summary>Nearest-neighbour enlargement, so that small stamps are visible without relying on CSS scaling.</summary>
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
