namespace SimEmulator.Validation.Reports.ImageSections;

/// <summary>The sections of an image-set validation, in report order; a new image statistic adds one line here.</summary>
public static class ImageValidationSections
{
    public static IReadOnlyList<ImageValidationSection> Create(ImageValidationContext context)
    {
        var o = context.Config.Images;
        var sections = new List<ImageValidationSection>();
        if (o.Show > 0) sections.Add(new ImageGridSection(context));
        sections.Add(new MorphologySection(context));
        if (o.Paired) sections.Add(new ImagePairsSection(context));
        return sections;
    }
}
