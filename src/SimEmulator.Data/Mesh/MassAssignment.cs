namespace SimEmulator.Data.Mesh;

/// <summary>
/// How a particle's mass is shared among mesh cells, named as in Pylians' MAS_library. The numeric value is the
/// order p of the scheme's Fourier window W(k) = Π_i sinc^p(π n_i / N), the factor P(k) is divided by.
/// </summary>
public enum MassAssignment
{
    /// <summary>Nearest grid point: all of the weight to the nearest node, round(x/Δ) mod N.</summary>
    NGP = 1,

    /// <summary>Cloud in cell: linear weights to the two nodes bracketing x in each dimension (8 cells).</summary>
    CIC = 2,

    /// <summary>Triangular-shaped cloud: quadratic weights to the nearest node and its two neighbours (27 cells).</summary>
    TSC = 3,
}

/// <summary>Properties of a <see cref="MassAssignment"/> scheme that downstream statistics need.</summary>
public static class MassAssignmentExtensions
{
    /// <summary>Order p of the window Π sinc^p(π n_i/N) to divide out of a power spectrum once per field.</summary>
    public static int WindowOrder(this MassAssignment assignment) => assignment switch
    {
        MassAssignment.NGP => 1,
        MassAssignment.CIC => 2,
        MassAssignment.TSC => 3,
        _ => throw Unknown(assignment),
    };

    /// <summary>Number of cells per dimension one particle touches (1, 2 or 3).</summary>
    public static int StencilWidth(this MassAssignment assignment) => assignment.WindowOrder();

    /// <summary>The Pylians / nbodykit name ("NGP", "CIC", "TSC"), as written into metadata.</summary>
    public static string ToName(this MassAssignment assignment) => assignment switch
    {
        MassAssignment.NGP => "NGP",
        MassAssignment.CIC => "CIC",
        MassAssignment.TSC => "TSC",
        _ => throw Unknown(assignment),
    };

    /// <summary>Parses "NGP", "CIC" or "TSC" (any case), e.g. from a config file or a CLI option.</summary>
    public static MassAssignment Parse(string name) => name?.Trim().ToUpperInvariant() switch
    {
        "NGP" => MassAssignment.NGP,
        "CIC" => MassAssignment.CIC,
        "TSC" => MassAssignment.TSC,
        _ => throw new ArgumentException($"unknown mass assignment '{name}'; expected NGP, CIC or TSC", nameof(name)),
    };

    private static ArgumentOutOfRangeException Unknown(MassAssignment assignment) =>
        new(nameof(assignment), assignment, "expected MassAssignment.NGP, CIC or TSC");
}
