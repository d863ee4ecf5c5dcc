using SimEmulator.Simulation.Galaxies;

namespace SimEmulator.Simulation.Config;

/// <summary>
/// A galaxy image set (configs/galaxies-*.yaml): stamp geometry, the per-object parameter distributions of the galaxy,
/// the PSF, the noise, an optional GalaxyGAN degradation, and the channels written. Object i of a run uses seed seed0 + i.
/// Angles in degrees, sizes and offsets in arcsec, fluxes in ADU; see configs/galaxies-psf.yaml for every key.
/// </summary>
public sealed record GalaxyConfig(
    long Seed,
    GalaxyConfig.StampSection Stamp,
    GalaxyConfig.GalaxySection Galaxy,
    GalaxyConfig.PsfSection Psf,
    GalaxyConfig.NoiseSection Noise,
    GalaxyConfig.DegradeSection? Degrade,
    IReadOnlyList<string> Channels,
    string SourcePath = "",
    string Sha256 = "")
{
    /// <summary>Channel names an image set may hold, in the order they are made.</summary>
    public static readonly string[] KnownChannels = ["intrinsic", "noiseless", "clean", "degraded"];

    /// <summary>Reads and validates a YAML config; any problem is a GalaxyConfigException naming the file and the key.</summary>
    public static GalaxyConfig Load(string path) => GalaxyConfigReader.Load(path);

    /// <summary>Reads YAML text; sourceName stands for the file in messages.</summary>
    public static GalaxyConfig Parse(string yaml, string sourceName) => GalaxyConfigReader.Parse(yaml, sourceName);

    /// <param name="Nx">Pixels along x (image width W).</param>
    /// <param name="Ny">Pixels along y (image height H).</param>
    /// <param name="PixelScaleArcsec">Arcsec per pixel.</param>
    public sealed record StampSection(int Nx, int Ny, double PixelScaleArcsec);

    public enum GalaxyModel { Sersic, BulgeDisk }

    /// <summary>
    /// Per-object galaxy parameters. Flux in ADU, or Magnitude with Zeropoint (flux = 10^(−0.4(m − zp))); half-light radii
    /// in arcsec (circularised: shear preserves area); ellipticity |g| = (1 − q)/(1 + q); position angle of the major axis
    /// in degrees from x toward y; centroid offset in arcsec, drawn independently for x and y. Bulge+disk: an exponential
    /// disk (HalfLightRadius, Ellipticity) plus a de Vaucouleurs bulge carrying BulgeFraction of the light.
    /// </summary>
    public sealed record GalaxySection(
        GalaxyModel Model,
        ParameterDistribution? Flux,
        ParameterDistribution? Magnitude,
        double Zeropoint,
        ParameterDistribution HalfLightRadius,
        ParameterDistribution? SersicN,
        ParameterDistribution Ellipticity,
        ParameterDistribution PositionAngleDeg,
        ParameterDistribution CentroidOffset,
        ParameterDistribution? BulgeFraction,
        ParameterDistribution? BulgeHalfLightRadius,
        ParameterDistribution? BulgeEllipticity);

    public enum PsfType { None, Gaussian, Moffat }

    /// <param name="Fwhm">FWHM in arcsec.</param>
    /// <param name="Beta">Moffat β.</param>
    /// <param name="TruncArcsec">Moffat truncation radius in arcsec; 0 = none.</param>
    public sealed record PsfSection(PsfType Type, ParameterDistribution? Fwhm, ParameterDistribution? Beta, double TruncArcsec);

    public enum NoiseType { None, Gaussian, Ccd, Snr }

    /// <summary>
    /// Gaussian: Sigma (ADU). CCD: SkyLevel (ADU/pixel, already subtracted), Gain (e⁻/ADU), ReadNoise (e⁻).
    /// Snr: Gaussian noise whose σ gives each noiseless image the matched-filter S/N, (S/N)² = Σ I²/σ².
    /// </summary>
    public sealed record NoiseSection(
        NoiseType Type,
        ParameterDistribution? Sigma,
        ParameterDistribution? SkyLevel,
        ParameterDistribution? Gain,
        ParameterDistribution? ReadNoise,
        ParameterDistribution? Snr);

    /// <summary>GalaxyGAN degradation: Gaussian blur of FWHM (arcsec), final/original background σ = Sig, σ measured on a border of BorderPixels (0 = auto).</summary>
    public sealed record DegradeSection(ParameterDistribution Fwhm, ParameterDistribution Sig, int BorderPixels);
}
