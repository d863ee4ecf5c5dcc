namespace SimEmulator.Simulation.Cosmology;

/// <summary>
/// The expansion and linear-growth history the initial conditions and the PM solver need, for a flat ΛCDM background.
/// a is the scale factor (a = 1 today). D1 is normalised to D1(1) = 1; D2 is the second-order growth factor with
/// D2 ≈ −3/7·D1² in matter domination (the 2LPT sign convention of FastPM / Scoccimarro 1998).
/// </summary>
public interface IGrowth
{
    /// <summary>Ω_m today.</summary>
    double OmegaM { get; }

    /// <summary>E(a) = H(a)/H0.</summary>
    double E(double a);

    /// <summary>dE/da.</summary>
    double DEda(double a);

    double D1(double a);
    double D2(double a);

    /// <summary>f1 = dlnD1/dlna.</summary>
    double F1(double a);

    /// <summary>f2 = dlnD2/dlna.</summary>
    double F2(double a);

    /// <summary>dD1/da.</summary>
    double DD1da(double a);

    /// <summary>dD2/da.</summary>
    double DD2da(double a);

    /// <summary>d²D1/da², from the growth ODE.</summary>
    double D2D1da2(double a);

    /// <summary>d²D2/da², from the second-order growth ODE.</summary>
    double D2D2da2(double a);
}

/// <summary>A linear matter power spectrum at z = 0: P(k) in (Mpc/h)³ for k in h/Mpc.</summary>
public interface ILinearPower
{
    double P(double kHMpc);
}
