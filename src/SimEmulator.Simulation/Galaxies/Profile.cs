using System.Numerics;

namespace SimEmulator.Simulation.Galaxies;

/// <summary>
/// A surface-brightness profile on the sky, GalSim-style: an immutable value; Shear, Rotate, Dilate, Shift and WithFlux
/// return new profiles; Add and Convolve compose them; DrawImage is a separate last step. Positions are in arcsec,
/// wavenumbers in rad/arcsec, and the Fourier transform is F(k) = ∫ I(x) e^(−i k·x) d²x, so F(0) is the flux.
/// </summary>
public abstract class Profile
{
    /// <summary>Total flux, in the image units summed over pixels (e.g. ADU).</summary>
    public abstract double Flux { get; }

    /// <summary>Surface brightness at (x, y) in arcsec from the profile's origin, flux per arcsec².</summary>
    public abstract double XValue(double xArcsec, double yArcsec);

    /// <summary>Fourier transform at (kx, ky) in rad/arcsec.</summary>
    public abstract Complex KValue(double kxRadPerArcsec, double kyRadPerArcsec);

    /// <summary>The |k| (rad/arcsec) beyond which |F(k)| stays below MaxKThreshold·flux.</summary>
    public abstract double MaxK(GSParams? gsparams = null);

    /// <summary>π / R, where R (arcsec) holds all but FoldingThreshold of the light: the k-space step that avoids wrapping.</summary>
    public abstract double StepK(GSParams? gsparams = null);

    /// <summary>Sheared by g (area preserved).</summary>
    public Profile Shear(Shear shear) => Transformed(shear.Jacobian(), 0, 0, 1);

    /// <summary>Sheared to axis ratio q = b/a with the major axis at betaRad from the x axis (counter-clockwise).</summary>
    public Profile Shear(double q, double betaRad) => Shear(Galaxies.Shear.FromAxisRatio(q, betaRad));

    /// <summary>Rotated counter-clockwise by thetaRad about the origin.</summary>
    public Profile Rotate(double thetaRad)
    {
        var (s, c) = Math.SinCos(thetaRad);
        return Transformed(new Jacobian(c, -s, s, c), 0, 0, 1);
    }

    /// <summary>Linear size scaled by the factor, flux kept.</summary>
    public Profile Dilate(double scale)
    {
        if (!(scale > 0)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "dilation must be positive");
        return Transformed(new Jacobian(scale, 0, 0, scale), 0, 0, 1);
    }

    /// <summary>Moved by (dx, dy) arcsec: a sub-pixel centroid offset when drawn.</summary>
    public Profile Shift(double dxArcsec, double dyArcsec) => Transformed(Jacobian.Identity, dxArcsec, dyArcsec, 1);

    /// <summary>The same shape with total flux f.</summary>
    public virtual Profile WithFlux(double flux)
    {
        if (Flux == 0) throw new InvalidOperationException("cannot rescale a profile of zero flux to a given flux");
        return Transformed(Jacobian.Identity, 0, 0, flux / Flux);
    }

    /// <summary>The same shape with its flux multiplied by the factor.</summary>
    public Profile MultiplyFlux(double factor) => Transformed(Jacobian.Identity, 0, 0, factor);

    public static Profile operator *(double factor, Profile p) => p.MultiplyFlux(factor);
    public static Profile operator *(Profile p, double factor) => p.MultiplyFlux(factor);
    public static Profile operator +(Profile a, Profile b) => Add(a, b);

    /// <summary>The sum of profiles (e.g. bulge + disk).</summary>
    public static Profile Add(params Profile[] profiles) => new Sum(profiles);

    /// <summary>The convolution of profiles (galaxy ⊗ PSF); its flux is the product of theirs.</summary>
    public static Profile Convolve(params Profile[] profiles) => new Convolution(profiles);

    /// <summary>
    /// Draws the profile integrated over square pixels of pixelScaleArcsec on an nx × ny stamp (row-major, y slowest),
    /// in flux per pixel, with the profile's origin at the stamp centre ((nx − 1)/2, (ny − 1)/2) in pixel coordinates.
    /// Drawn in Fourier space: F(k)·pixel(k), folded into the Nyquist band, then one inverse FFT — so pixel integration
    /// is exact and the pixel sum is the flux up to what falls outside the stamp.
    /// </summary>
    public Image DrawImage(int nx, int ny, double pixelScaleArcsec, GSParams? gsparams = null) =>
        FourierDrawing.Draw(this, nx, ny, pixelScaleArcsec, gsparams ?? GSParams.Default);

    /// <summary>x ↦ fluxScale·I(J⁻¹(x − offset))/|det J|; transformations compose into one.</summary>
    internal virtual Profile Transformed(in Jacobian jacobian, double dxArcsec, double dyArcsec, double fluxScale) =>
        new Transformation(this, jacobian, dxArcsec, dyArcsec, fluxScale);
}
