using System.Numerics;

namespace SimEmulator.Simulation.Galaxies;

/// <summary>The convolution of profiles (galaxy ⊗ PSF): F = Π F_i, flux = Π flux_i; drawn in Fourier space only.</summary>
public sealed class Convolution : Profile
{
    public Convolution(params IReadOnlyList<Profile> components)
    {
        if (components.Count == 0) throw new ArgumentException("a convolution needs at least one profile", nameof(components));
        Components = components.ToArray();
    }

    public IReadOnlyList<Profile> Components { get; }

    public override double Flux => Components.Aggregate(1.0, (f, c) => f * c.Flux);

    /// <summary>Not available in closed form; draw the image instead.</summary>
    public override double XValue(double xArcsec, double yArcsec) =>
        Components.Count == 1
            ? Components[0].XValue(xArcsec, yArcsec)
            : throw new NotSupportedException("a convolution has no closed-form surface brightness; draw it with DrawImage");

    public override Complex KValue(double kx, double ky)
    {
        var p = Complex.One;
        foreach (var c in Components) p *= c.KValue(kx, ky);
        return p;
    }

    public override double MaxK(GSParams? gsparams = null) => Components.Min(c => c.MaxK(gsparams));

    /// <summary>Sizes add in quadrature: R² = Σ R_i².</summary>
    public override double StepK(GSParams? gsparams = null) =>
        Math.PI / Math.Sqrt(Components.Sum(c => Math.Pow(Math.PI / c.StepK(gsparams), 2)));
}
