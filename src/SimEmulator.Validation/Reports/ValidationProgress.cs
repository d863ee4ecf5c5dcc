namespace SimEmulator.Validation.Reports;

/// <summary>Progress of a validation run: <paramref name="Done"/> of <paramref name="Total"/> steps, the current one described.</summary>
public readonly record struct ValidationProgress(string Stage, int Done, int Total);
