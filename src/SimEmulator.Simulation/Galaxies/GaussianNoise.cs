using SimEmulator.Data.Randomness;
namespace SimEmulator.Simulation.Galaxies;

/// <summary>White Gaussian noise of standard deviation Sigma (image units, e.g. ADU per pixel): a sky-dominated background.</summary>
public sealed record GaussianNoise : Noise
{
    public GaussianNoise(double sigma)
    {
        if (!(sigma >= 0 && double.IsFinite(sigma))) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "noise σ must be finite and ≥ 0");
        Sigma = sigma;
    }

    public double Sigma { get; }

    public override double BackgroundVariance => Sigma * Sigma;

    /// <summary>
    /// The σ that gives a noiseless image the matched-filter S/N: (S/N)² = Σ I²/σ² (GalSim's addNoiseSNR with
    /// preserve_flux=True), i.e. σ = √(Σ I²)/snr.
    /// </summary>
    public static GaussianNoise ForSignalToNoise(Image noiseless, double snr)
    {
        if (!(snr > 0 && double.IsFinite(snr))) throw new ArgumentOutOfRangeException(nameof(snr), snr, "S/N must be positive");
        var sumSq = noiseless.SumOfSquares();
        if (!(sumSq > 0)) throw new ArgumentException("the noiseless image is empty: no σ gives it a positive S/N", nameof(noiseless));
        return new GaussianNoise(Math.Sqrt(sumSq) / snr);
    }

    /// <summary>The matched-filter S/N of a noiseless image under white noise σ: √(Σ I²)/σ.</summary>
    public static double MatchedFilterSnr(Image noiseless, double sigma) => Math.Sqrt(noiseless.SumOfSquares()) / sigma;

    public override Image AddTo(Image image, Xoshiro256StarStar rng)
    {
        var v = image.ToArray();
        for (var i = 0; i < v.Length; i++) v[i] += Sigma * rng.NextGaussian();
        return image.With(v);
    }
}
