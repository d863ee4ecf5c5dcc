using System.Text.Json;
using SimEmulator.Validation.Ensembles;

namespace SimEmulator.Validation.Images;

/// <summary>
/// Non-parametric morphology of one galaxy image (see <see cref="Morphology.Measure"/> for every definition).
/// Positions are in pixels (x = column, y = row, pixel centres at integers); radii in arcsec; flux in image units.
/// </summary>
public sealed record MorphologyMeasurement(
    double Flux,
    double CentroidXPixel,
    double CentroidYPixel,
    double E1,
    double E2,
    double EMagnitude,
    double AxisRatio,
    double PositionAngleDeg,
    double HalfLightRadiusArcsec,
    double R20Arcsec,
    double R80Arcsec,
    double PetrosianRadiusArcsec,
    double Concentration,
    double Asymmetry,
    double AsymmetryCentreXPixel,
    double AsymmetryCentreYPixel,
    double Smoothness,
    int SmoothingWidthPixels,
    double Gini,
    double M20,
    MorphologyAttrs Attrs)
{
    public string ToJson() => JsonSerializer.Serialize(this, EnsembleJson.Options);

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    public static MorphologyMeasurement FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<MorphologyMeasurement>(json, EnsembleJson.Options)
               ?? throw new FormatException("Morphology JSON is empty (null).");
    }
}

/// <summary>Image metadata of a morphology measurement: size, pixel scale (arcsec), masked-in pixels, flux the radii refer to, conventions.</summary>
public sealed record MorphologyAttrs(
    int Height,
    int Width,
    double PixelScaleArcsec,
    int MaskPixels,
    double TotalFluxForRadii,
    double? TotalFluxRadiusArcsec,
    double PetrosianEta,
    string Conventions);
