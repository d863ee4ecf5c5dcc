using SimEmulator.Data.Layouts;
using SimEmulator.Data.Mesh;

namespace SimEmulator.Validation.Reports;

/// <summary>What every section knows before the first realization: the two sets' metadata, how many realizations of each are used, the config.</summary>
public sealed record ValidationContext(
    string ReferencePath, FieldSetInfo Reference, int ReferenceCount,
    string CandidatePath, FieldSetInfo Candidate, int CandidateCount,
    ValidationConfig Config)
{
    /// <summary>Box side L shared by both sets, Mpc/h.</summary>
    public double BoxSizeMpcH => Reference.BoxSizeMpcH;

    /// <summary>Cells per side shared by both sets.</summary>
    public int Grid => Reference.Grid;

    /// <summary>Nyquist wavenumber πN/L, h/Mpc.</summary>
    public double KNyquist => Math.PI * Grid / BoxSizeMpcH;

    public int CountOf(SetRole role) => role == SetRole.Reference ? ReferenceCount : CandidateCount;

    /// <summary>The mass-assignment window to divide out of the set's P(k); none for fields not made by NGP/CIC/TSC.</summary>
    public MassAssignment? WindowOf(SetRole role) => FieldSetOverdensity.Window(role == SetRole.Reference ? Reference : Candidate);
}
