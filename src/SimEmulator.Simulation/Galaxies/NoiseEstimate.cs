namespace SimEmulator.Simulation.Galaxies;

/// <summary>Robust background noise from an image: 1.4826 × the median absolute deviation, which ignores the galaxy's light.</summary>
public static class NoiseEstimate
{
    /// <summary>MAD → σ for Gaussian noise: 1/Φ⁻¹(3/4).</summary>
    public const double MadToSigma = 1.482602218505602;

    /// <summary>The default border: an eighth of the smaller side, at least 2 pixels.</summary>
    public static int DefaultBorder(Image image) => Math.Max(2, Math.Min(image.Nx, image.Ny) / 8);

    /// <summary>σ from the pixels within borderPixels of the stamp edge (0 = DefaultBorder).</summary>
    public static double BorderMadSigma(Image image, int borderPixels = 0)
    {
        var b = borderPixels > 0 ? borderPixels : DefaultBorder(image);
        if (2 * b >= Math.Min(image.Nx, image.Ny)) b = (Math.Min(image.Nx, image.Ny) + 1) / 2; // the whole stamp
        var values = new List<double>();
        for (var y = 0; y < image.Ny; y++)
            for (var x = 0; x < image.Nx; x++)
                if (x < b || y < b || x >= image.Nx - b || y >= image.Ny - b)
                    values.Add(image[x, y]);
        return MadSigma(values.ToArray());
    }

    /// <summary>1.4826 × median |v − median(v)|.</summary>
    public static double MadSigma(double[] values)
    {
        if (values.Length == 0) throw new ArgumentException("no pixels to estimate the noise from", nameof(values));
        var median = Median(values);
        var dev = new double[values.Length];
        for (var i = 0; i < values.Length; i++) dev[i] = Math.Abs(values[i] - median);
        return MadToSigma * Median(dev);
    }

    private static double Median(double[] v)
    {
        var s = (double[])v.Clone();
        Array.Sort(s);
        var n = s.Length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
