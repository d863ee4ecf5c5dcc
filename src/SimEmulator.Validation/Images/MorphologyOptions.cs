namespace SimEmulator.Validation.Images;

/// <summary>
/// Choices of <see cref="Morphology.Measure"/> that differ between codes: the total flux the light-fraction radii refer
/// to, the smoothness boxcar, background terms of A and S, and the Petrosian η.
/// </summary>
/// <param name="TotalFluxRadiusArcsec">
/// r20, r½, r80 are radii enclosing 20, 50, 80 % of this circular aperture's flux about the centroid; null (default):
/// of the flux of all masked-in pixels. statmorph uses 1.5 Petrosian radii.
/// </param>
/// <param name="SmoothingWidthArcsec">
/// Boxcar width for the smoothness; null (default): 0.25 Petrosian radii, as Conselice (2003) and statmorph.
/// </param>
/// <param name="BackgroundAsymmetryPerPixel">
/// ⟨|B − B₁₈₀|⟩ per pixel of a sky region (see <see cref="Morphology.BackgroundAsymmetryPerPixel"/>), subtracted
/// N_pix times from Σ|I − I₁₈₀|; 0 (default) for noiseless images.
/// </param>
/// <param name="BackgroundSmoothnessPerPixel">⟨|B − B_S|⟩ per pixel of a sky region, subtracted likewise from Σ|I − I_S|; default 0.</param>
/// <param name="PetrosianEta">Petrosian ratio η at which r_P is defined (default 0.2).</param>
public sealed record MorphologyOptions(
    double? TotalFluxRadiusArcsec = null,
    double? SmoothingWidthArcsec = null,
    double BackgroundAsymmetryPerPixel = 0,
    double BackgroundSmoothnessPerPixel = 0,
    double PetrosianEta = 0.2)
{
    internal void Validate()
    {
        if (TotalFluxRadiusArcsec is double r && !(r > 0 && double.IsFinite(r)))
            throw new ArgumentOutOfRangeException(nameof(TotalFluxRadiusArcsec), r, "The total-flux aperture radius must be finite and > 0 arcsec (or null for all pixels).");
        if (SmoothingWidthArcsec is double w && !(w > 0 && double.IsFinite(w)))
            throw new ArgumentOutOfRangeException(nameof(SmoothingWidthArcsec), w, "The smoothing width must be finite and > 0 arcsec (or null for 0.25 Petrosian radii).");
        if (!double.IsFinite(BackgroundAsymmetryPerPixel) || !double.IsFinite(BackgroundSmoothnessPerPixel))
            throw new ArgumentOutOfRangeException(nameof(BackgroundAsymmetryPerPixel), "Background asymmetry and smoothness per pixel must be finite.");
        if (!(PetrosianEta > 0 && PetrosianEta < 1))
            throw new ArgumentOutOfRangeException(nameof(PetrosianEta), PetrosianEta, "The Petrosian η must be in (0, 1); 0.2 is usual.");
    }
}
