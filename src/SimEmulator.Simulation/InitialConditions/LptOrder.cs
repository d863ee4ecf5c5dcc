namespace SimEmulator.Simulation.InitialConditions;

/// <summary>Order of Lagrangian perturbation theory used to place the initial particles.</summary>
public enum LptOrder
{
    /// <summary>Zel'dovich approximation: x = q + D1 ψ1.</summary>
    First = 1,

    /// <summary>2LPT: x = q + D1 ψ1 + D2 ψ2.</summary>
    Second = 2,
}
