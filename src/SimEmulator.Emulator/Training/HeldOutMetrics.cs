using SimEmulator.Validation.Statistics;

namespace SimEmulator.Emulator.Training;

/// <summary>One validation pass: how far generated cubes are from the held-out simulations.</summary>
/// <param name="PkRatioRms">RMS over k bins (up to Nyquist) of ⟨P_gen⟩/⟨P_sim⟩ − 1.</param>
/// <param name="PkRatioMaxAbs">Largest |⟨P_gen⟩/⟨P_sim⟩ − 1| over those bins.</param>
/// <param name="PdfL1">∫|p_gen − p_sim| dln(1+δ) of the mean one-point PDFs plus the difference of the out-of-range fractions (0 … 2).</param>
public sealed record HeldOutMetrics(long Step, double PkRatioRms, double PkRatioMaxAbs, double PdfL1, int Generated, int HeldOut)
{
    public double Score(string metric) => metric switch
    {
        "pk_ratio_rms" => PkRatioRms,
        "pdf_l1" => PdfL1,
        _ => PkRatioRms + PdfL1,
    };
}

/// <summary>
/// Summaries of the held-out simulations computed once (mean P(k) without window correction — both sets are deposited
/// fields — and mean PDF), against which each validation pass's generated cubes are scored.
/// </summary>
public sealed class HeldOutReference
{
    private readonly double boxSize;
    private readonly double[] meanPower;
    private readonly MeanPdf meanPdf;

    public HeldOutReference(IReadOnlyList<float[]> cubes, double boxSizeMpcH)
    {
        if (cubes.Count == 0) throw new ArgumentException("the held-out split is empty: raise data.held_out_fraction or add simulations", nameof(cubes));
        boxSize = boxSizeMpcH;
        meanPower = MeanPower(cubes, boxSizeMpcH);
        meanPdf = MeanPdf.Of(cubes, boxSizeMpcH);
        Count = cubes.Count;
    }

    public int Count { get; }

    public HeldOutMetrics Score(long step, IReadOnlyList<float[]> generated)
    {
        var p = MeanPower(generated, boxSize);
        double sum = 0, max = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var d = p[i] / meanPower[i] - 1;
            sum += d * d;
            max = Math.Max(max, Math.Abs(d));
        }
        var pdf = MeanPdf.Of(generated, boxSize);
        return new HeldOutMetrics(step, Math.Sqrt(sum / p.Length), max, meanPdf.L1Distance(pdf), generated.Count, Count);
    }

    private static double[] MeanPower(IReadOnlyList<float[]> cubes, double boxSize)
    {
        double[]? sum = null;
        foreach (var c in cubes)
        {
            var pk = PowerSpectrum.Compute(c, boxSize);
            sum ??= new double[pk.Count];
            for (var i = 0; i < pk.Count; i++) sum[i] += pk.P0[i];
        }
        return sum!.Select(s => s / cubes.Count).ToArray();
    }

    private sealed record MeanPdf(double[] Pdf, double[] Width, double Below, double Above)
    {
        public static MeanPdf Of(IReadOnlyList<float[]> cubes, double boxSize)
        {
            double[]? sum = null, width = null;
            double below = 0, above = 0;
            foreach (var c in cubes)
            {
                var d = DensityPdf.Compute(c, boxSize);
                sum ??= new double[d.Pdf.Length];
                width ??= d.BinEdges.Zip(d.BinEdges.Skip(1), (a, b) => Math.Log(b / a)).ToArray();
                for (var i = 0; i < sum.Length; i++) sum[i] += d.Pdf[i];
                below += d.FractionBelow;
                above += d.FractionAbove;
            }
            var n = cubes.Count;
            return new MeanPdf(sum!.Select(s => s / n).ToArray(), width!, below / n, above / n);
        }

        public double L1Distance(MeanPdf o)
        {
            var s = Math.Abs(Below - o.Below) + Math.Abs(Above - o.Above);
            for (var i = 0; i < Pdf.Length; i++) s += Math.Abs(Pdf[i] - o.Pdf[i]) * Width[i];
            return s;
        }
    }
}
