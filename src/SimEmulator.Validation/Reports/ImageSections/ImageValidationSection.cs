namespace SimEmulator.Validation.Reports.ImageSections;

/// <summary>
/// One part of an image-set validation (morphology distributions, paired image quality, PNG grids). Image sets are small
/// and held in memory, so a section sees both whole sets at once; a new statistic is one subclass registered in
/// <see cref="ImageValidationSections"/>.
/// </summary>
public abstract class ImageValidationSection(ImageValidationContext context)
{
    protected ImageValidationContext Context { get; } = context;

    /// <summary>snake_case key of the section in summary.json and its anchor in report.html.</summary>
    public abstract string Id { get; }

    public abstract string Title { get; }

    public abstract SectionResult Run();
}
