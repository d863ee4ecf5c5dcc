using SimEmulator.Validation.Reports.Sections;

namespace SimEmulator.Validation.Reports;

/// <summary>The sections a validation runs, in report order; a new statistic adds one line here.</summary>
public static class ValidationSections
{
    public static IReadOnlyList<ValidationSection> Create(ValidationContext context)
    {
        var c = context.Config;
        var sections = new List<ValidationSection>();
        if (c.Slices.Enabled && c.Slices.Count > 0) sections.Add(new SlicesSection(context));
        if (c.PowerSpectrum.Enabled) sections.Add(new PowerSpectrumSection(context));
        if (c.CorrelationFunction.Enabled) sections.Add(new CorrelationFunctionSection(context));
        if (c.DensityPdf.Enabled) sections.Add(new DensityPdfSection(context));
        if (c.PeakCounts.Enabled) sections.Add(new PeakCountsSection(context));
        if (c.Covariance.Enabled) sections.Add(new CovarianceSection(context));
        if (c.ChiSquared.Enabled) sections.Add(new ChiSquaredSection(context));
        if (c.Bispectrum.Enabled) sections.Add(new BispectrumSection(context));
        if (c.MinkowskiFunctionals.Enabled) sections.Add(new MinkowskiFunctionalsSection(context));
        if (c.MarkedCorrelation.Enabled) sections.Add(new MarkedCorrelationSection(context));
        if (c.Likelihood.Enabled) sections.Add(new LikelihoodSection(context));
        return sections;
    }
}
