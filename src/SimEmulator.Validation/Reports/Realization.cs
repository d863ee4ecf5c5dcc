using SimEmulator.Data.Mesh;
using SimEmulator.Validation.Statistics;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Validation.Reports;

/// <summary>Which of the two field sets a realization comes from.</summary>
public enum SetRole { Reference, Candidate }

/// <summary>
/// One realization handed to every <see cref="ValidationSection"/>: the overdensity δ (n³, C order) and statistics that
/// several sections share, computed once on first use with the config's options (P(k) with the set's mass-assignment
/// window divided out; the 1+δ PDF and peak counts, smoothed as configured).
/// </summary>
public sealed class Realization(SetRole role, int index, long seed, float[] delta, ValidationContext context)
{
    private PowerSpectrum? power;
    private DensityPdf? pdf;
    private PeakCounts? peaks;

    public SetRole Role { get; } = role;
    /// <summary>Position in its file.</summary>
    public int Index { get; } = index;
    public long Seed { get; } = seed;
    /// <summary>δ = ρ/ρ̄ − 1 on the grid (converted from 1+δ when the set stores density).</summary>
    public float[] Delta { get; } = delta;
    public ValidationContext Context { get; } = context;

    public PowerSpectrum PowerSpectrum => power ??= Statistics.PowerSpectrum.Compute(Delta, Context.BoxSizeMpcH, Context.WindowOf(Role));

    /// <summary>PDF of 1+δ with the density_pdf options (range, bins, smoothing).</summary>
    public DensityPdf DensityPdf => pdf ??= ComputeDensityPdf();

    /// <summary>Peak counts with the peak_counts options (thresholds; the field smoothed first when it smooths).</summary>
    public PeakCounts PeakCounts => peaks ??= ComputePeakCounts();

    private DensityPdf ComputeDensityPdf()
    {
        var o = Context.Config.DensityPdf;
        var filter = ValidationConfig.ParseFilter(o.Smoothing)!.Value;
        return Statistics.DensityPdf.Compute(Delta, Context.BoxSizeMpcH, o.MinDensity, o.MaxDensity, o.Bins,
            filter, filter == SmoothingFilter.None ? 0 : o.SmoothingRadiusMpch);
    }

    private PeakCounts ComputePeakCounts()
    {
        var o = Context.Config.PeakCounts;
        var filter = ValidationConfig.ParseFilter(o.Smoothing)!.Value;
        var n = Context.Grid;
        using var scope = NewDisposeScope();
        var cube = tensor(Delta, [n, n, n]);
        var field = filter == SmoothingFilter.None || o.SmoothingRadiusMpch == 0 ? cube : Smoothing.Apply(cube, Context.BoxSizeMpcH, filter, o.SmoothingRadiusMpch);
        return Statistics.PeakCounts.Compute(field, Context.BoxSizeMpcH, [.. o.Thresholds]);
    }
}
