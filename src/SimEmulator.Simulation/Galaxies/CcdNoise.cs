using SimEmulator.Data.Randomness;
namespace SimEmulator.Simulation.Galaxies;

/// <summary>
/// CCD noise as GalSim's CCDNoise: Poisson photon noise on (image + sky) electrons plus Gaussian read noise; the sky
/// level (ADU per pixel) is taken as already subtracted, so it adds noise but no signal. Gain in e⁻/ADU, read noise in e⁻.
/// Background variance: sky/gain + (readNoise/gain)² ADU².
/// </summary>
public sealed record CcdNoise : Noise
{
    public CcdNoise(double skyLevel, double gain, double readNoise)
    {
        if (!(skyLevel >= 0 && double.IsFinite(skyLevel))) throw new ArgumentOutOfRangeException(nameof(skyLevel), skyLevel, "sky level must be ≥ 0 (ADU per pixel)");
        if (!(gain > 0 && double.IsFinite(gain))) throw new ArgumentOutOfRangeException(nameof(gain), gain, "gain must be positive (e⁻/ADU)");
        if (!(readNoise >= 0 && double.IsFinite(readNoise))) throw new ArgumentOutOfRangeException(nameof(readNoise), readNoise, "read noise must be ≥ 0 (e⁻)");
        SkyLevel = skyLevel;
        Gain = gain;
        ReadNoise = readNoise;
    }

    /// <summary>Sky level in ADU per pixel.</summary>
    public double SkyLevel { get; }
    /// <summary>Electrons per ADU.</summary>
    public double Gain { get; }
    /// <summary>Read noise in electrons (rms).</summary>
    public double ReadNoise { get; }

    public override double BackgroundVariance => SkyLevel / Gain + ReadNoise * ReadNoise / (Gain * Gain);

    public override Image AddTo(Image image, Xoshiro256StarStar rng)
    {
        var v = image.ToArray();
        for (var i = 0; i < v.Length; i++)
        {
            var electrons = Math.Max(0, (v[i] + SkyLevel) * Gain);
            var counted = rng.NextPoisson(electrons) + ReadNoise * rng.NextGaussian();
            v[i] = counted / Gain - SkyLevel;
        }
        return image.With(v);
    }
}
