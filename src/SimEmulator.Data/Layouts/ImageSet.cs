using SimEmulator.Data.Hdf5;

namespace SimEmulator.Data.Layouts;

/// <summary>Metadata of an image set: pixel scale in arcsec, band names (one per channel), PSF FWHM in arcsec, noise σ.</summary>
public sealed record ImageSetInfo(double PixelScaleArcsec, string[] Bands, double PsfFwhmArcsec, double NoiseSigma, string Source = "")
{
    internal static readonly string[] AttributeNames = ["pixel_scale", "bands", "psf_fwhm", "noise_sigma"];
}

/// <summary>
/// An image set in memory: /images float32 [N, C, H, W] plus per-object parameter columns /params/&lt;name&gt; [N].
/// Written atomically; read back with validation of shapes and attributes.
/// </summary>
public sealed class ImageSet
{
    public ImageSet(ImageSetInfo info, float[] images, long[] shape, IReadOnlyDictionary<string, double[]>? parameters = null)
    {
        if (shape.Length != 4) throw new ArgumentException($"images need shape [N, C, H, W], got [{string.Join(", ", shape)}]", nameof(shape));
        if (shape[1] != info.Bands.Length)
            throw new ArgumentException($"{shape[1]} channels but {info.Bands.Length} band names ({string.Join(",", info.Bands)})", nameof(info));
        if (images.LongLength != shape[0] * shape[1] * shape[2] * shape[3])
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] holds {shape[0] * shape[1] * shape[2] * shape[3]} values, got {images.LongLength}", nameof(images));
        parameters ??= new Dictionary<string, double[]>();
        foreach (var (name, column) in parameters)
            if (column.LongLength != shape[0])
                throw new ArgumentException($"parameter column '{name}' has {column.LongLength} entries for {shape[0]} images", nameof(parameters));
        Info = info;
        Images = images;
        Shape = shape;
        Parameters = parameters;
    }

    public ImageSetInfo Info { get; }
    public float[] Images { get; }
    /// <summary>[N, C, H, W].</summary>
    public long[] Shape { get; }
    public IReadOnlyDictionary<string, double[]> Parameters { get; }
    public long Count => Shape[0];

    public void Save(string path)
    {
        using var f = H5File.CreateAtomic(path);
        var a = f.Attributes;
        a.Set("pixel_scale", Info.PixelScaleArcsec);
        a.Set("bands", string.Join(",", Info.Bands));
        a.Set("psf_fwhm", Info.PsfFwhmArcsec);
        a.Set("noise_sigma", Info.NoiseSigma);
        a.Set("source", Info.Source);
        using (f.WriteDataset<float>("images", Images, Shape, chunks: [1, Shape[1], Shape[2], Shape[3]])) { }
        using (f.CreateGroup("params")) { }
        foreach (var (name, column) in Parameters)
            using (f.WriteDataset<double>($"params/{name}", column, [column.LongLength])) { }
        f.Commit();
    }

    public static ImageSet Load(string path)
    {
        using var f = H5File.Open(path);
        var checks = new LayoutChecks(path, "an image set");
        checks.RequireAttributes(f.Attributes, ImageSetInfo.AttributeNames);
        using var images = checks.RequireDataset(f, "images", 4, "float32 [N, C, H, W]");
        checks.ThrowIfAny();
        var a = f.Attributes;
        var info = new ImageSetInfo(a.Get<double>("pixel_scale"), a.GetString("bands").Split(','), a.Get<double>("psf_fwhm"),
            a.Get<double>("noise_sigma"), a.Contains("source") ? a.GetString("source") : "");
        var parameters = new Dictionary<string, double[]>();
        if (f.Exists("params"))
        {
            using var g = f.Group("params");
            foreach (var name in g.Children.Select(c => c.Name))
                using (var ds = g.Dataset(name)) parameters[name] = ds.Read<double>();
        }
        try { return new ImageSet(info, images!.Read<float>(), images.Shape, parameters); }
        catch (ArgumentException e) { throw new LayoutException(path, e.Message); }
    }
}
