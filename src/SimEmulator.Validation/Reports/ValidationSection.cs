namespace SimEmulator.Validation.Reports;

/// <summary>
/// One part of a validation (P(k), ξ(r), a covariance test…). The runner reads each realization once and hands it to
/// every section, reference set first, then candidate; after the last one <see cref="Finish"/> compares the two
/// ensembles. Keep per-realization summaries, not fields. A new statistic is one new subclass registered in
/// <see cref="ValidationSections"/>.
/// </summary>
public abstract class ValidationSection(ValidationContext context)
{
    protected ValidationContext Context { get; } = context;

    /// <summary>snake_case key of the section in summary.json and its anchor in report.html.</summary>
    public abstract string Id { get; }

    public abstract string Title { get; }

    public abstract void Add(Realization realization);

    public abstract SectionResult Finish();
}
