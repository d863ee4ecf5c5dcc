using SimEmulator.Data.Layouts;
using SimEmulator.Simulation.Config;
using static SimEmulator.Simulation.Config.GalaxyConfig;
using SimEmulator.Data.Randomness;

namespace SimEmulator.Simulation.Galaxies;

/// <summary>
/// Turns a galaxy config into images: object i of a run is simulated from its own generator seeded with seed0 + i
/// (parameters drawn in a fixed order, one uniform each, then the noise), so runs are reproducible, can be extended by
/// starting at seed0 + N, and give the same bytes whatever the thread count.
/// Channels: intrinsic (galaxy, no PSF, no noise), noiseless (galaxy ⊗ PSF), clean (noiseless + noise), degraded
/// (clean after GalaxyGAN's degradation).
/// </summary>
public sealed class GalaxyImageSimulator
{
    private readonly GSParams gsparams;

    public GalaxyImageSimulator(GalaxyConfig config, GSParams? gsparams = null)
    {
        Config = config;
        this.gsparams = gsparams ?? GSParams.Default;
        ParameterNames = Columns(config);
    }

    public GalaxyConfig Config { get; }

    /// <summary>The /params columns every object fills, in order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    private static string[] Columns(GalaxyConfig c)
    {
        var names = new List<string> { "seed", "flux" };
        if (c.Galaxy.Magnitude is not null) names.Add("magnitude");
        names.Add("half_light_radius");
        if (c.Galaxy.Model == GalaxyModel.Sersic) names.Add("sersic_n");
        names.AddRange(["ellipticity", "axis_ratio", "position_angle", "g1", "g2", "dx", "dy"]);
        if (c.Galaxy.Model == GalaxyModel.BulgeDisk) names.AddRange(["bulge_fraction", "bulge_half_light_radius", "bulge_ellipticity"]);
        if (c.Psf.Type != PsfType.None) names.Add("psf_fwhm");
        if (c.Psf.Type == PsfType.Moffat) names.Add("psf_beta");
        if (c.Noise.Type != NoiseType.None) names.AddRange(["noise_sigma", "snr"]);
        if (c.Degrade is not null)
            names.AddRange(["degrade_fwhm", "degrade_sig", "degrade_blur_sigma_px", "sigma_original", "sigma_blurred", "sigma_added", "degraded_noise_sigma"]);
        return names.ToArray();
    }

    /// <summary>The object made from this seed.</summary>
    public SimulatedGalaxy Simulate(long seed)
    {
        var c = Config;
        var g = c.Galaxy;
        var rng = new Xoshiro256StarStar(seed);
        var p = new Dictionary<string, double> { ["seed"] = seed };

        double flux;
        if (g.Flux is not null) flux = g.Flux.Sample(rng);
        else
        {
            var magnitude = g.Magnitude!.Sample(rng);
            p["magnitude"] = magnitude;
            flux = Math.Pow(10, -0.4 * (magnitude - g.Zeropoint));
        }
        p["flux"] = flux;
        var hlr = p["half_light_radius"] = g.HalfLightRadius.Sample(rng);
        var n = g.Model == GalaxyModel.Sersic ? p["sersic_n"] = g.SersicN!.Sample(rng) : 0;
        var e = p["ellipticity"] = g.Ellipticity.Sample(rng);
        var paDeg = p["position_angle"] = g.PositionAngleDeg.Sample(rng);
        var dx = p["dx"] = g.CentroidOffset.Sample(rng);
        var dy = p["dy"] = g.CentroidOffset.Sample(rng);
        var (sin2b, cos2b) = Math.SinCos(2 * paDeg * Math.PI / 180);
        var shear = new Shear(e * cos2b, e * sin2b);
        p["g1"] = shear.G1;
        p["g2"] = shear.G2;
        p["axis_ratio"] = shear.AxisRatio;

        Profile galaxy;
        if (g.Model == GalaxyModel.Sersic)
            galaxy = new Sersic(n, hlr).Shear(shear);
        else
        {
            var bf = p["bulge_fraction"] = g.BulgeFraction!.Sample(rng);
            var bhlr = p["bulge_half_light_radius"] = g.BulgeHalfLightRadius!.Sample(rng);
            var be = p["bulge_ellipticity"] = g.BulgeEllipticity!.Sample(rng);
            var disk = new Exponential(hlr, 1 - bf).Shear(shear);
            var bulge = new DeVaucouleurs(bhlr, bf).Shear(new Shear(be * cos2b, be * sin2b));
            galaxy = bf <= 0 ? disk : bf >= 1 ? bulge : disk + bulge;
        }
        galaxy = galaxy.WithFlux(flux).Shift(dx, dy);

        Profile? psf = null;
        switch (c.Psf.Type)
        {
            case PsfType.Gaussian:
                psf = Gaussian.FromFwhm(p["psf_fwhm"] = c.Psf.Fwhm!.Sample(rng));
                break;
            case PsfType.Moffat:
                var fwhm = p["psf_fwhm"] = c.Psf.Fwhm!.Sample(rng);
                psf = new Moffat(p["psf_beta"] = c.Psf.Beta!.Sample(rng), fwhm, 1, c.Psf.TruncArcsec);
                break;
        }

        // Noise parameters are drawn before any pixel noise, so the parameter stream never depends on the stamp size.
        var nz = c.Noise;
        double sigma = 0, sky = 0, gain = 0, readNoise = 0, snr = 0;
        switch (nz.Type)
        {
            case NoiseType.Gaussian: sigma = nz.Sigma!.Sample(rng); break;
            case NoiseType.Ccd:
                sky = nz.SkyLevel!.Sample(rng);
                gain = nz.Gain!.Sample(rng);
                readNoise = nz.ReadNoise!.Sample(rng);
                break;
            case NoiseType.Snr: snr = nz.Snr!.Sample(rng); break;
        }
        GalaxyGanDegradation? degradation = null;
        if (c.Degrade is { } d)
        {
            degradation = new GalaxyGanDegradation(p["degrade_fwhm"] = d.Fwhm.Sample(rng), p["degrade_sig"] = d.Sig.Sample(rng), d.BorderPixels);
        }

        var (nx, ny, scale) = (c.Stamp.Nx, c.Stamp.Ny, c.Stamp.PixelScaleArcsec);
        var channels = new Dictionary<string, Image>();
        if (c.Channels.Contains("intrinsic")) channels["intrinsic"] = galaxy.DrawImage(nx, ny, scale, gsparams);
        var noiseless = (psf is null ? galaxy : Profile.Convolve(galaxy, psf)).DrawImage(nx, ny, scale, gsparams);
        channels["noiseless"] = noiseless;

        Noise? noise = nz.Type switch
        {
            NoiseType.Gaussian => new GaussianNoise(sigma),
            NoiseType.Ccd => new CcdNoise(sky, gain, readNoise),
            NoiseType.Snr => GaussianNoise.ForSignalToNoise(noiseless, snr),
            _ => null,
        };
        var clean = noise is null ? noiseless : noise.AddTo(noiseless, rng);
        channels["clean"] = clean;
        if (noise is not null)
        {
            p["noise_sigma"] = noise.BackgroundSigma;
            p["snr"] = noise.BackgroundSigma > 0 ? GaussianNoise.MatchedFilterSnr(noiseless, noise.BackgroundSigma) : double.PositiveInfinity;
        }
        if (degradation is not null)
        {
            var r = degradation.Apply(clean, rng);
            channels["degraded"] = r.Degraded;
            p["degrade_blur_sigma_px"] = r.BlurSigmaPixels;
            p["sigma_original"] = r.SigmaOriginal;
            p["sigma_blurred"] = r.SigmaBlurred;
            p["sigma_added"] = r.SigmaAdded;
            p["degraded_noise_sigma"] = r.SigmaTarget;
        }
        return new SimulatedGalaxy(seed, galaxy, psf, channels, p);
    }

    /// <summary>
    /// Objects seed0 … seed0 + count − 1 as an image set (images [count, C, H, W], one /params column per parameter).
    /// progress is called once per finished object (serialised).
    /// </summary>
    public ImageSet Run(int count, long seed0, int maxThreads = 0, Action? progress = null, string source = "")
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be at least 1");
        const long exact = 1L << 53;
        if (seed0 < -exact || seed0 > exact - count)
            throw new ArgumentOutOfRangeException(nameof(seed0), seed0, $"seeds must lie within ±2^53 to be recorded exactly in /params/seed (float64); got {seed0}…{seed0 + count - 1}");
        var c = Config;
        var channelNames = c.Channels.ToArray();
        long perObject = (long)channelNames.Length * c.Stamp.Ny * c.Stamp.Nx;
        if (perObject * count > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(count), count,
                $"{count} objects of {channelNames.Length} × {c.Stamp.Ny} × {c.Stamp.Nx} pixels exceed one in-memory array; write several sets of at most {Array.MaxLength / perObject} objects (seed0 + N continues a run)");
        var images = new float[perObject * count];
        var columns = ParameterNames.ToDictionary(name => name, _ => new double[count]);
        var gate = new object();
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxThreads > 0 ? maxThreads : Environment.ProcessorCount };
        Parallel.For(0, count, options, i =>
        {
            var o = Simulate(seed0 + i);
            var offset = i * perObject;
            var plane = (long)c.Stamp.Ny * c.Stamp.Nx;
            for (var ch = 0; ch < channelNames.Length; ch++)
                o.Channels[channelNames[ch]].CopyTo(images.AsSpan((int)(offset + ch * plane), (int)plane));
            foreach (var name in ParameterNames) columns[name][i] = o.Parameters[name];
            if (progress is not null)
                lock (gate) progress();
        });
        var info = new ImageSetInfo(c.Stamp.PixelScaleArcsec, channelNames, PsfFwhmAttribute(), NoiseSigmaAttribute(), source);
        return new ImageSet(info, images, [count, channelNames.Length, c.Stamp.Ny, c.Stamp.Nx], columns);
    }

    /// <summary>The PSF FWHM (arcsec) when it is the same for every object; 0 without PSF; NaN when it varies (see /params/psf_fwhm).</summary>
    public double PsfFwhmAttribute() => Config.Psf.Type == PsfType.None ? 0 : Config.Psf.Fwhm is ParameterDistribution.Fixed f ? f.Value : double.NaN;

    /// <summary>The clean channel's background σ when the same for every object; 0 without noise; NaN when it varies (see /params/noise_sigma).</summary>
    public double NoiseSigmaAttribute()
    {
        var nz = Config.Noise;
        return nz.Type switch
        {
            NoiseType.None => 0,
            NoiseType.Gaussian when nz.Sigma is ParameterDistribution.Fixed s => s.Value,
            NoiseType.Ccd when nz is { SkyLevel: ParameterDistribution.Fixed sky, Gain: ParameterDistribution.Fixed gain, ReadNoise: ParameterDistribution.Fixed rn }
                => new CcdNoise(sky.Value, gain.Value, rn.Value).BackgroundSigma,
            _ => double.NaN,
        };
    }
}
