using SimEmulator.Data.Layouts;
using SimEmulator.Data.Mesh;

namespace SimEmulator.Validation.Reports;

/// <summary>Reads field-set realizations as overdensity δ whatever the set's <c>kind</c>, and names the window its P(k) must divide out.</summary>
public static class FieldSetOverdensity
{
    /// <summary>Realization <paramref name="index"/> as δ (n³ values, C order): 1+δ sets are shifted by −1.</summary>
    public static float[] Read(FieldSet set, long index)
    {
        ArgumentNullException.ThrowIfNull(set);
        var field = set.ReadField(index);
        if (set.Info.Kind == FieldKind.Density)
            for (var i = 0; i < field.Length; i++) field[i] -= 1;
        return field;
    }

    /// <summary>NGP, CIC or TSC from the set's <c>mass_assignment</c> attribute; null (no window) for "none" or anything else.</summary>
    public static MassAssignment? Window(FieldSetInfo info) =>
        info.MassAssignment.Trim().ToUpperInvariant() is "NGP" or "CIC" or "TSC" ? MassAssignmentExtensions.Parse(info.MassAssignment) : null;
}
