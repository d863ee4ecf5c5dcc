using System.Text.Json.Nodes;
using SimEmulator.Validation.Images;
using SimEmulator.Validation.Reports.Svg;
using SimEmulator.Validation.Statistics;

namespace SimEmulator.Validation.Reports.ImageSections;

/// <summary>
/// Paired sets (images.paired: candidate image i reconstructs reference image i, e.g. PSF recovery): PSNR and SSIM of every
/// pair with one data range R = max − min over all used reference images (band measured), their means, medians and histograms.
/// Reported, not checked: what PSNR is good enough depends on the experiment.
/// </summary>
public sealed class ImagePairsSection(ImageValidationContext context) : ImageValidationSection(context)
{
    public override string Id => "image_pairs";
    public override string Title => "Paired image quality (PSNR, SSIM)";

    public override SectionResult Run()
    {
        int nRef = Context.ReferenceCount, nCand = Context.CandidateCount;
        var (h, w) = Context.SizeOf(SetRole.Reference);
        var numbers = new JsonObject();
        if (nRef != nCand || Context.SizeOf(SetRole.Candidate) != (h, w))
        {
            var why = $"images.paired is set, but the sets are not pairable: {nRef} reference vs {nCand} candidate images of " +
                      $"{h}×{w} vs {Context.SizeOf(SetRole.Candidate).Height}×{Context.SizeOf(SetRole.Candidate).Width} pixels; PSNR and SSIM need equal counts and sizes";
            return new SectionResult(Id, Title, [], numbers, [why], Html.Note(why));
        }

        // One data range for every pair: the reference set's peak-to-peak, so that PSNR values are comparable across pairs.
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        var refImages = Enumerable.Range(0, nRef).Select(i => Context.Image(SetRole.Reference, i)).ToArray();
        foreach (var image in refImages)
            foreach (var v in image) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        var range = hi > lo ? hi - lo : 1;
        var psnr = new double[nRef];
        var ssim = new double[nRef];
        Parallel.For(0, nRef, i =>
        {
            var cand = Context.Image(SetRole.Candidate, i);
            psnr[i] = ImageQuality.PeakSignalToNoiseRatio(refImages[i], cand, range);
            ssim[i] = h >= 11 && w >= 11 ? ImageQuality.StructuralSimilarity(refImages[i], cand, h, w, range) : double.NaN;
        });
        var finitePsnr = psnr.Where(double.IsFinite).ToArray();
        numbers["data_range"] = range;
        numbers["data_range_definition"] = "max - min over all used reference images (band measured)";
        numbers["psnr_db"] = ResultJson.Node(psnr);
        numbers["ssim"] = ResultJson.Node(ssim);
        numbers["psnr_mean_db"] = finitePsnr.Length > 0 ? finitePsnr.Average() : double.NaN;
        numbers["psnr_median_db"] = Median(psnr);
        numbers["identical_pairs"] = psnr.Count(double.IsPositiveInfinity);
        numbers["ssim_mean"] = ssim.Average();
        numbers["ssim_median"] = Median(ssim);

        var html = new System.Text.StringBuilder("<div class=\"figures\">\n");
        html.Append(Histogram(finitePsnr, "PSNR [dB]", $"PSNR = 10 log10(R²/MSE) of each pair, R = {Fmt.G(range)} (reference peak-to-peak); mean {Fmt.G((double)numbers["psnr_mean_db"]!)} dB, " +
                                                      $"median {Fmt.G(Median(psnr))} dB{(psnr.Any(double.IsPositiveInfinity) ? $"; {psnr.Count(double.IsPositiveInfinity)} identical pair(s) (∞) not drawn" : "")}."));
        html.Append(Histogram(ssim.Where(double.IsFinite).ToArray(), "SSIM", $"Mean SSIM (Gaussian window σ = 1.5 px, scikit-image conventions) of each pair with the same R; mean {Fmt.G(ssim.Average())}, median {Fmt.G(Median(ssim))}."));
        html.Append("</div>\n");
        return new SectionResult(Id, Title, [], numbers, [], html.ToString());
    }

    private static double Median(double[] v)
    {
        var s = v.Where(x => !double.IsNaN(x)).Order().ToArray();
        return s.Length == 0 ? double.NaN : s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    private static string Histogram(double[] values, string label, string caption)
    {
        if (values.Length == 0) return Html.Note($"{label}: no finite values to draw");
        double lo = values.Min(), hi = values.Max();
        if (!(hi > lo)) { lo -= 0.5; hi += 0.5; }
        const int bins = 20;
        var edges = Enumerable.Range(0, bins + 1).Select(i => lo + (hi - lo) * i / bins).ToArray();
        var counts = new double[bins];
        foreach (var v in values) counts[Math.Clamp((int)((v - lo) / (hi - lo) * bins), 0, bins - 1)]++;
        var panel = new Panel(label, "pairs") { Title = label, YMin = 0 }.Steps(edges, counts, Palette.Candidate, $"N = {values.Length}");
        return Html.Figure(SvgFigure.Render(panel, 330, 230), caption);
    }
}
