namespace SimEmulator.Simulation.NBody;

/// <summary>How the PM solver differentiates the potential on the force mesh.</summary>
public enum ForceGradient
{
    /// <summary>
    /// FastPM's default 4-point finite difference, ik → i(8 sin(kΔ) − sin(2kΔ))/(6Δ): exact to O((kΔ)⁴), and smoothly zero at
    /// the mesh Nyquist frequency, which damps the aliasing of the shortest modes.
    /// </summary>
    FiniteDifference4,

    /// <summary>The exact spectral derivative ik (zeroed on the Nyquist planes, whose sign is ambiguous).</summary>
    Exact,
}

/// <summary>Config names of <see cref="ForceGradient"/>: "fd4" and "exact".</summary>
public static class ForceGradientNames
{
    public static string ToName(this ForceGradient gradient) => gradient switch
    {
        ForceGradient.FiniteDifference4 => "fd4",
        ForceGradient.Exact => "exact",
        _ => throw new ArgumentOutOfRangeException(nameof(gradient), gradient, "expected ForceGradient.FiniteDifference4 or Exact"),
    };

    /// <summary>Parses "fd4" or "exact" (any case).</summary>
    public static ForceGradient Parse(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "fd4" => ForceGradient.FiniteDifference4,
        "exact" or "ik" => ForceGradient.Exact,
        _ => throw new ArgumentException($"unknown force gradient '{name}'; expected fd4 or exact", nameof(name)),
    };
}
