namespace SimEmulator.Validation.Images;

/// <summary>
/// Non-parametric galaxy morphology of a single 2D image (float[] H × W, row-major): flux, centroid, unweighted
/// second-moment ellipticity, light-fraction radii and concentration, CAS asymmetry and smoothness (Conselice 2003),
/// Gini and M20 (Lotz et al. 2004), with the definitions of statmorph where they are not stated here.
/// </summary>
public static class Morphology
{
    /// <summary>The conventions recorded in every <see cref="MorphologyAttrs"/>.</summary>
    public const string Conventions =
        "pixel centres at integer (x=column, y=row); centroid = flux-weighted first moment over the mask; "
        + "e = (Qxx-Qyy + 2i Qxy)/(Qxx+Qyy) from unweighted second moments about the centroid (distortion chi, |e|=(1-q^2)/(1+q^2), GalSim Shear e1/e2, not adaptive); "
        + "radii from circular apertures about the centroid, pixels uniform within (sub-sampled near the centre); "
        + "C = 5 log10(r80/r20); Petrosian r where SB(0.8r..1.25r)/<SB>(<r) = eta; "
        + "A = (sum|I-I180| - N a_bkg)/sum|I|, I180 bilinear, 0 outside the image, centre minimising A; "
        + "S = (sum|I-I_S| - N s_bkg)/sum|I|, odd boxcar, scipy 'reflect' edges; "
        + "Gini (Lotz 2004) of |I| over the mask; M20 with negatives set to 0, brightest pixels holding 20% of the flux (statmorph threshold)";

    // Pixels whose centre lies within this many pixels of the centroid are split into SubSamples² parts for the
    // curve of growth, so that r20 of a cuspy (Sérsic n = 4) profile is not quantised by whole pixels.
    private const double SubSampleRadiusPixels = 12;
    private const int SubSamples = 8;

    /// <summary>
    /// Measures one galaxy image of <paramref name="height"/> × <paramref name="width"/> pixels at
    /// <paramref name="pixelScaleArcsec"/> arcsec per pixel. <paramref name="mask"/> (H × W, true = galaxy pixel;
    /// default all) is the segmentation: every sum runs over it, while the 180° rotation and the smoothing see the
    /// whole image.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>Ellipticity: the distortion χ of unweighted moments, which equals GalSim's <c>Shear.e1/e2</c> convention and,
    /// for an elliptical Gaussian, <c>FindAdaptiveMom</c>'s result; for other profiles adaptive (Gaussian-weighted) moments
    /// differ. Axis ratio q = √((1−|e|)/(1+|e|)); position angle ½ atan2(e2, e1) from +x towards +y, in degrees.</item>
    /// <item>r½, r20, r80: circular apertures about the flux-weighted centroid (statmorph uses the asymmetry centre),
    /// enclosing 50, 20, 80 % of the total flux: all masked-in pixels, or <see cref="MorphologyOptions.TotalFluxRadiusArcsec"/>
    /// (statmorph: 1.5 r_P).</item>
    /// <item>Asymmetry: minimised over the rotation centre by a pattern search from the centroid down to 1/64 pixel.</item>
    /// <item>Smoothness: boxcar of <see cref="MorphologyOptions.SmoothingWidthArcsec"/> or 0.25 r_P, rounded to whole
    /// pixels and up to an odd width; a width of 1 pixel gives S = 0. NaN when r_P is undefined and no width is given.</item>
    /// <item>M20 = log10(Σ_brightest M_i / M_tot), M_i = f_i r_i² about the centre minimising M_tot, i.e. the centroid of
    /// the non-negative pixels.</item>
    /// </list>
    /// </remarks>
    public static MorphologyMeasurement Measure(
        float[] image, int height, int width, double pixelScaleArcsec, bool[]? mask = null, MorphologyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= new MorphologyOptions();
        options.Validate();
        if (height < 3 || width < 3)
            throw new ArgumentException($"Morphology needs an image of at least 3 × 3 pixels; got {height} × {width}.", nameof(height));
        if (image.Length != height * width)
            throw new ArgumentException($"Image has {image.Length} pixels; expected height × width = {height} × {width} = {height * width}.", nameof(image));
        if (!(pixelScaleArcsec > 0) || !double.IsFinite(pixelScaleArcsec))
            throw new ArgumentOutOfRangeException(nameof(pixelScaleArcsec), pixelScaleArcsec, "The pixel scale must be finite and > 0 arcsec per pixel.");
        if (mask is not null && mask.Length != image.Length)
            throw new ArgumentException($"Mask has {mask.Length} entries; expected one per pixel ({height} × {width} = {image.Length}).", nameof(mask));
        for (int i = 0; i < image.Length; i++)
            if (!float.IsFinite(image[i]))
                throw new ArgumentException($"Pixel (row {i / width}, column {i % width}) is {image[i]}; mask or replace non-finite pixels first.", nameof(image));

        var pixels = new List<int>(image.Length);
        for (int i = 0; i < image.Length; i++)
            if (mask is null || mask[i]) pixels.Add(i);
        if (pixels.Count < 2)
            throw new ArgumentException($"The mask selects {pixels.Count} pixel(s); morphology needs at least 2.", nameof(mask));

        double flux = 0, sx = 0, sy = 0, absFlux = 0;
        foreach (int i in pixels)
        {
            double v = image[i];
            flux += v;
            absFlux += Math.Abs(v);
            sx += v * (i % width);
            sy += v * (i / width);
        }
        if (!(flux > 0))
            throw new ArgumentException($"The flux within the mask is {flux}; the centroid and light-fraction radii need a positive total flux.", nameof(image));
        double xc = sx / flux, yc = sy / flux;

        // Unweighted second moments about the centroid.
        double qxx = 0, qyy = 0, qxy = 0;
        foreach (int i in pixels)
        {
            double v = image[i], dx = i % width - xc, dy = i / width - yc;
            qxx += v * dx * dx;
            qyy += v * dy * dy;
            qxy += v * dx * dy;
        }
        double trace = qxx + qyy;
        double e1 = (qxx - qyy) / trace, e2 = 2 * qxy / trace, emag = Math.Sqrt(e1 * e1 + e2 * e2);
        double q = emag < 1 ? Math.Sqrt((1 - emag) / (1 + emag)) : double.NaN;
        double angle = 0.5 * Math.Atan2(e2, e1) * 180 / Math.PI;

        var growth = CurveOfGrowth.Build(image, width, pixels, xc, yc);
        double total = options.TotalFluxRadiusArcsec is double rt ? growth.Enclosed(rt / pixelScaleArcsec) : flux;
        double r20 = growth.RadiusEnclosing(0.2 * total) * pixelScaleArcsec;
        double r50 = growth.RadiusEnclosing(0.5 * total) * pixelScaleArcsec;
        double r80 = growth.RadiusEnclosing(0.8 * total) * pixelScaleArcsec;
        double rPetro = growth.PetrosianRadius(options.PetrosianEta) * pixelScaleArcsec;

        var (asym, axc, ayc) = MinimiseAsymmetry(image, height, width, pixels, xc, yc, absFlux, options.BackgroundAsymmetryPerPixel);

        double? widthArcsec = options.SmoothingWidthArcsec ?? (double.IsFinite(rPetro) ? 0.25 * rPetro : null);
        int box = 0;
        double smooth = double.NaN;
        if (widthArcsec is double wa)
        {
            box = Math.Max(1, (int)(wa / pixelScaleArcsec));
            if (box % 2 == 0) box++;
            smooth = Smoothness(image, height, width, pixels, box, absFlux, options.BackgroundSmoothnessPerPixel);
        }

        var attrs = new MorphologyAttrs(height, width, pixelScaleArcsec, pixels.Count, total, options.TotalFluxRadiusArcsec,
            options.PetrosianEta, Conventions);
        return new MorphologyMeasurement(flux, xc, yc, e1, e2, emag, q, angle, r50, r20, r80, rPetro,
            5 * Math.Log10(r80 / r20), asym, axc, ayc, smooth, box,
            Gini(pixels.Select(i => (double)image[i]).ToArray()), M20(image, width, pixels), attrs);
    }

    /// <summary>
    /// Gini coefficient of Lotz, Primack &amp; Madau (2004) of |X|: G = Σ_i (2i − n − 1)|X|_(i) / (⟨|X|⟩ n (n − 1)) with
    /// |X| sorted ascending, i = 1..n; 0 when all values are equal, 1 when one pixel holds all the flux.
    /// </summary>
    public static double Gini(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
            throw new ArgumentException($"The Gini coefficient needs at least 2 values; got {values.Length}.", nameof(values));
        var a = new double[values.Length];
        for (int i = 0; i < a.Length; i++) a[i] = Math.Abs(values[i]);
        Array.Sort(a);
        int n = a.Length;
        double sum = 0, weighted = 0;
        for (int i = 0; i < n; i++)
        {
            sum += a[i];
            weighted += (2.0 * (i + 1) - n - 1) * a[i];
        }
        if (sum == 0) return double.NaN;
        return weighted / ((sum / n) * n * (n - 1.0));
    }

    /// <summary>
    /// Mean |B − B₁₈₀| per pixel of a source-free sky patch (H × W) rotated about its own centre, the background
    /// term of the asymmetry (Conselice 2000; statmorph's sky asymmetry).
    /// </summary>
    public static double BackgroundAsymmetryPerPixel(float[] sky, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(sky);
        if (sky.Length != height * width || sky.Length == 0)
            throw new ArgumentException($"Sky patch has {sky.Length} pixels; expected a non-empty {height} × {width}.", nameof(sky));
        double s = 0;
        for (int i = 0; i < sky.Length; i++) s += Math.Abs(sky[i] - sky[sky.Length - 1 - i]);
        return s / sky.Length;
    }

    private static (double A, double X, double Y) MinimiseAsymmetry(
        float[] image, int height, int width, List<int> pixels, double x0, double y0, double absFlux, double background)
    {
        double best = Asymmetry(image, height, width, pixels, x0, y0, absFlux, background);
        double bx = x0, by = y0;
        for (double step = 1.0; step >= 1.0 / 64; step /= 2)
        {
            bool moved = true;
            for (int iter = 0; moved && iter < 100; iter++)
            {
                moved = false;
                double cx = bx, cy = by;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        if (dx == 0 && dy == 0) continue;
                        double a = Asymmetry(image, height, width, pixels, cx + dx * step, cy + dy * step, absFlux, background);
                        if (a < best - 1e-15)
                        {
                            best = a;
                            bx = cx + dx * step;
                            by = cy + dy * step;
                            moved = true;
                        }
                    }
            }
        }
        return (best, bx, by);
    }

    private static double Asymmetry(float[] image, int height, int width, List<int> pixels, double xc, double yc, double absFlux, double background)
    {
        double s = 0;
        foreach (int i in pixels)
        {
            int x = i % width, y = i / width;
            s += Math.Abs(image[i] - Bilinear(image, height, width, 2 * xc - x, 2 * yc - y));
        }
        return (s - pixels.Count * background) / absFlux;
    }

    private static double Bilinear(float[] image, int height, int width, double x, double y)
    {
        // Centres carry round-off (a centroid of 24 + 1e-15), so a partner pixel a hair outside the edge still counts.
        const double slack = 1e-9;
        if (x < -slack || y < -slack || x > width - 1 + slack || y > height - 1 + slack) return 0;
        x = Math.Clamp(x, 0, width - 1);
        y = Math.Clamp(y, 0, height - 1);
        int x0 = Math.Min((int)x, width - 2), y0 = Math.Min((int)y, height - 2);
        double fx = x - x0, fy = y - y0;
        int i = y0 * width + x0;
        return (1 - fy) * ((1 - fx) * image[i] + fx * image[i + 1]) + fy * ((1 - fx) * image[i + width] + fx * image[i + width + 1]);
    }

    private static double Smoothness(float[] image, int height, int width, List<int> pixels, int box, double absFlux, double background)
    {
        var kernel = Enumerable.Repeat(1.0 / box, box).ToArray();
        var smoothed = ImageQuality.Filter(image.Select(v => (double)v).ToArray(), height, width, kernel);
        double s = 0;
        foreach (int i in pixels) s += Math.Abs(image[i] - smoothed[i]);
        return (s - pixels.Count * background) / absFlux;
    }

    private static double M20(float[] image, int width, List<int> pixels)
    {
        var f = pixels.Select(i => Math.Max(0.0, image[i])).ToArray();
        double ftot = f.Sum(), mx = 0, my = 0;
        for (int k = 0; k < f.Length; k++)
        {
            mx += f[k] * (pixels[k] % width);
            my += f[k] * (pixels[k] / width);
        }
        mx /= ftot;
        my /= ftot;
        var m = new double[f.Length];
        double mtot = 0;
        for (int k = 0; k < f.Length; k++)
        {
            double dx = pixels[k] % width - mx, dy = pixels[k] / width - my;
            m[k] = f[k] * (dx * dx + dy * dy);
            mtot += m[k];
        }
        // statmorph: the threshold is the faintest pixel among those whose ascending cumulative flux is ≥ 80 % of the total.
        var sorted = (double[])f.Clone();
        Array.Sort(sorted);
        double cum = 0, threshold = sorted[^1];
        for (int k = 0; k < sorted.Length; k++)
        {
            cum += sorted[k];
            if (cum / ftot >= 0.8) { threshold = sorted[k]; break; }
        }
        double m20 = 0;
        for (int k = 0; k < f.Length; k++)
            if (f[k] >= threshold) m20 += m[k];
        return Math.Log10(m20 / mtot);
    }

    /// <summary>Enclosed flux of circular apertures about a centre, from pixels (sub-sampled near the centre) sorted by radius.</summary>
    private sealed class CurveOfGrowth
    {
        private readonly double[] _radius;
        private readonly double[] _enclosed; // flux inside radius[k], counting sample k half (its flux straddles its radius)

        private readonly double _total;

        private CurveOfGrowth(double[] radius, double[] enclosed, double total)
        {
            _radius = radius;
            _enclosed = enclosed;
            _total = total;
        }

        public static CurveOfGrowth Build(float[] image, int width, List<int> pixels, double xc, double yc)
        {
            var r = new List<double>(pixels.Count * 2);
            var w = new List<double>(pixels.Count * 2);
            foreach (int i in pixels)
            {
                double dx = i % width - xc, dy = i / width - yc;
                if (dx * dx + dy * dy < SubSampleRadiusPixels * SubSampleRadiusPixels)
                {
                    double share = image[i] / (double)(SubSamples * SubSamples);
                    for (int a = 0; a < SubSamples; a++)
                        for (int b = 0; b < SubSamples; b++)
                        {
                            double ox = (a + 0.5) / SubSamples - 0.5, oy = (b + 0.5) / SubSamples - 0.5;
                            r.Add(Math.Sqrt((dx + ox) * (dx + ox) + (dy + oy) * (dy + oy)));
                            w.Add(share);
                        }
                }
                else
                {
                    r.Add(Math.Sqrt(dx * dx + dy * dy));
                    w.Add(image[i]);
                }
            }
            var radius = r.ToArray();
            var weight = w.ToArray();
            Array.Sort(radius, weight);
            var enclosed = new double[radius.Length];
            double cum = 0;
            for (int k = 0; k < radius.Length; k++)
            {
                enclosed[k] = cum + 0.5 * weight[k];
                cum += weight[k];
            }
            return new CurveOfGrowth(radius, enclosed, cum);
        }

        public double MaxRadius => _radius[^1];

        /// <summary>Enclosed flux at radius r (pixels), linear between samples, from (0, 0).</summary>
        public double Enclosed(double r)
        {
            int k = Array.BinarySearch(_radius, r);
            if (k < 0) k = ~k;
            if (k >= _radius.Length) return _total;
            double r0 = k == 0 ? 0 : _radius[k - 1], f0 = k == 0 ? 0 : _enclosed[k - 1];
            double r1 = _radius[k], f1 = _enclosed[k];
            return r1 == r0 ? f1 : f0 + (f1 - f0) * (r - r0) / (r1 - r0);
        }

        /// <summary>Smallest radius (pixels) at which the enclosed flux reaches <paramref name="target"/>.</summary>
        public double RadiusEnclosing(double target)
        {
            double r0 = 0, f0 = 0;
            for (int k = 0; k < _radius.Length; k++)
            {
                if (_enclosed[k] >= target)
                    return _enclosed[k] == f0 ? _radius[k] : r0 + (_radius[k] - r0) * (target - f0) / (_enclosed[k] - f0);
                r0 = _radius[k];
                f0 = _enclosed[k];
            }
            return double.NaN;
        }

        /// <summary>
        /// Circular Petrosian radius (pixels): the smallest r ≥ 1 pixel where the mean surface brightness in the annulus
        /// 0.8r–1.25r falls to η times the mean within r; NaN when the annulus leaves the data first.
        /// </summary>
        public double PetrosianRadius(double eta)
        {
            double Ratio(double r)
            {
                double annulus = (Enclosed(1.25 * r) - Enclosed(0.8 * r)) / (1.25 * 1.25 - 0.8 * 0.8);
                return annulus / Enclosed(r) - eta; // the π r² factors cancel
            }
            const double step = 0.25;
            double rPrev = 1.0, fPrev = Ratio(rPrev);
            if (fPrev <= 0) return rPrev;
            for (double r = rPrev + step; 1.25 * r <= MaxRadius; r += step)
            {
                double f = Ratio(r);
                if (f <= 0)
                {
                    double lo = rPrev, hi = r;
                    for (int it = 0; it < 50; it++)
                    {
                        double mid = 0.5 * (lo + hi);
                        if (Ratio(mid) > 0) lo = mid; else hi = mid;
                    }
                    return 0.5 * (lo + hi);
                }
                rPrev = r;
            }
            return double.NaN;
        }
    }
}
