namespace SimEmulator.Validation.Reports;

/// <summary>Attrs of an image-set input of a validation: pixel scale (arcsec), band names and the band compared, stamp size, PSF FWHM (arcsec), noise σ.</summary>
/// <param name="Bands">Comma-separated band names, one per channel.</param>
/// <param name="Band">Channel index that was measured.</param>
public sealed record ValidationImageInput(double PixelScaleArcsec, string Bands, int Band, int Height, int Width, double PsfFwhmArcsec, double NoiseSigma);
