using System.Numerics;

namespace SimEmulator.Simulation.Galaxies;

/// <summary>The sum of profiles, e.g. a de Vaucouleurs bulge plus an exponential disk.</summary>
public sealed class Sum : Profile
{
    public Sum(params IReadOnlyList<Profile> components)
    {
        if (components.Count == 0) throw new ArgumentException("a sum needs at least one profile", nameof(components));
        Components = components.ToArray();
    }

    public IReadOnlyList<Profile> Components { get; }

    public override double Flux => Components.Sum(c => c.Flux);

    public override double XValue(double xArcsec, double yArcsec)
    {
        double s = 0;
        foreach (var c in Components) s += c.XValue(xArcsec, yArcsec);
        return s;
    }

    public override Complex KValue(double kx, double ky)
    {
        var s = Complex.Zero;
        foreach (var c in Components) s += c.KValue(kx, ky);
        return s;
    }

    public override double MaxK(GSParams? gsparams = null) => Components.Max(c => c.MaxK(gsparams));

    public override double StepK(GSParams? gsparams = null) => Components.Min(c => c.StepK(gsparams));
}
