using System.Text.Json;
using System.Text.Json.Serialization;
using MathNet.Numerics.Random;

namespace SimEmulator.Validation.Ensembles;

/// <summary>
/// Likelihood-distribution comparison of two sets of summary vectors (simulations A vs observations or emulations B):
/// a Gaussian likelihood is fitted on part of A, held-out members of A and all of B are scored, and the two ln L
/// distributions are compared (Δ⟨ln L⟩ with a bootstrap error as Zanisi et al. 2021 report Δ⟨LLR⟩, KS, Anderson–Darling,
/// Wasserstein-1), alongside per-bin Wasserstein-1 distances and PIT values under A's per-bin Gaussian.
/// </summary>
public static class LikelihoodDistribution
{
    /// <summary>
    /// Splits A (seeded) into a training part, which gives the mean and Hartlap-corrected covariance of the likelihood
    /// (<see cref="Ensemble.LogLikelihood"/>), and a held-out part scored out of sample like B. Needs
    /// N_train &gt; p + 2 (Hartlap) and at least 2 held-out members.
    /// </summary>
    public static LikelihoodDistributionResult Compare(Ensemble a, Ensemble b, LikelihoodDistributionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        options ??= new LikelihoodDistributionOptions();
        options.Validate();
        if (a.P != b.P)
            throw new ArgumentException(
                $"Sets A{Label(a)} and B{Label(b)} have different numbers of summary values (p = {a.P} vs {b.P}); compare the same statistic on the same binning.", nameof(b));

        int nHeld = (int)Math.Round(options.HoldOutFraction * a.N);
        int nTrain = a.N - nHeld;
        if (nHeld < 2)
            throw new ArgumentException(
                $"Hold-out fraction {options.HoldOutFraction} of N_A = {a.N} leaves {nHeld} held-out members of A; at least 2 are needed (raise the fraction or N_A).", nameof(options));
        if (nTrain <= a.P + 2)
            throw new ArgumentException(
                $"Training on {nTrain} of A's {a.N} members with p = {a.P} summary values: the Hartlap-corrected likelihood needs N_train > p + 2 = {a.P + 2}; lower HoldOutFraction or use more realizations.", nameof(options));

        var rng = new MersenneTwister(options.Seed);
        var order = Enumerable.Range(0, a.N).ToArray();
        for (int i = order.Length - 1; i > 0; i--) // Fisher–Yates
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var heldIndex = order.Take(nHeld).Order().ToArray();
        var train = Ensemble.FromRealizations(order.Skip(nHeld).Order().Select(a.Realization).ToArray(), a.Name is null ? "A (training)" : $"{a.Name} (training)");

        var lnA = heldIndex.Select(i => train.LogLikelihood(a.Realization(i), options.Kind)).ToArray();
        var lnB = Enumerable.Range(0, b.N).Select(i => train.LogLikelihood(b.Realization(i), options.Kind)).ToArray();
        double meanA = lnA.Average(), meanB = lnB.Average();
        double delta = meanB - meanA;
        double se = BootstrapStandardError(lnA, lnB, options.BootstrapResamples, rng);

        var ks = TwoSampleTests.KolmogorovSmirnov(lnB, lnA);
        var ad = TwoSampleTests.AndersonDarling(lnB, lnA);
        double w1 = TwoSampleTests.Wasserstein1(lnB, lnA);

        var perBinW1 = new double[a.P];
        for (int j = 0; j < a.P; j++)
        {
            var colA = Enumerable.Range(0, a.N).Select(i => a.Realization(i)[j]).ToArray();
            var colB = Enumerable.Range(0, b.N).Select(i => b.Realization(i)[j]).ToArray();
            perBinW1[j] = TwoSampleTests.Wasserstein1(colB, colA);
        }

        double[] mu = train.Mean(), sigma = train.StandardDeviation();
        var heldSamples = new double[nHeld, a.P];
        for (int r = 0; r < nHeld; r++)
        {
            var x = a.Realization(heldIndex[r]);
            for (int j = 0; j < a.P; j++) heldSamples[r, j] = x[j];
        }
        var pitA = ProbabilityIntegralTransform.Gaussian(heldSamples, mu, sigma);
        var pitB = ProbabilityIntegralTransform.Gaussian(b.Samples(), mu, sigma);

        double lo = Math.Min(lnA.Min(), lnB.Min()), hi = Math.Max(lnA.Max(), lnB.Max());
        if (hi == lo) { lo -= 0.5; hi += 0.5; }
        var edges = Enumerable.Range(0, options.HistogramBins + 1).Select(k => lo + (hi - lo) * k / options.HistogramBins).ToArray();

        var attrs = new LikelihoodDistributionAttrs(a.N, b.N, a.P, a.Name, b.Name, nTrain, nHeld, options.HoldOutFraction,
            options.Seed, options.BootstrapResamples, options.Kind.ToString(), "Gaussian per bin from A's training mean and standard deviation");
        return new LikelihoodDistributionResult(
            heldIndex, lnA, lnB, meanA, meanB, delta, se, ks, ad, w1, perBinW1,
            edges, Histogram(lnA, edges), Histogram(lnB, edges),
            pitA, pitB, ProbabilityIntegralTransform.Histogram(Flatten(pitA), options.PitBins),
            ProbabilityIntegralTransform.Histogram(Flatten(pitB), options.PitBins), attrs);
    }

    /// <summary>Standard deviation (1/(R−1)) of Δ over R bootstrap resamplings of each set independently.</summary>
    private static double BootstrapStandardError(double[] lnA, double[] lnB, int resamples, MersenneTwister rng)
    {
        var deltas = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            double sa = 0, sb = 0;
            for (int i = 0; i < lnA.Length; i++) sa += lnA[rng.Next(lnA.Length)];
            for (int i = 0; i < lnB.Length; i++) sb += lnB[rng.Next(lnB.Length)];
            deltas[r] = sb / lnB.Length - sa / lnA.Length;
        }
        double m = deltas.Average();
        return Math.Sqrt(deltas.Sum(d => (d - m) * (d - m)) / (resamples - 1));
    }

    // Counts in [e_k, e_{k+1}); the maximum falls in the last bin, as numpy.histogram.
    private static long[] Histogram(double[] values, double[] edges)
    {
        int bins = edges.Length - 1;
        var counts = new long[bins];
        double lo = edges[0], width = (edges[^1] - edges[0]) / bins;
        foreach (var v in values)
            counts[Math.Clamp((int)Math.Floor((v - lo) / width), 0, bins - 1)]++;
        return counts;
    }

    private static IEnumerable<double> Flatten(double[,] m)
    {
        foreach (var v in m) yield return v;
    }

    private static string Label(Ensemble e) => e.Name is null ? "" : $" '{e.Name}'";
}

/// <summary>
/// Settings of <see cref="LikelihoodDistribution.Compare"/>: the fraction of A held out, the seed of the split and of the
/// bootstrap, bootstrap resamples, ln L histogram bins, PIT histogram bins and the likelihood form (Gaussian with
/// Hartlap-corrected precision by default).
/// </summary>
public sealed record LikelihoodDistributionOptions(
    double HoldOutFraction = 0.25,
    int Seed = 0,
    int BootstrapResamples = 1000,
    int HistogramBins = 30,
    int PitBins = 10,
    LikelihoodKind Kind = LikelihoodKind.Gaussian)
{
    internal void Validate()
    {
        if (!(HoldOutFraction > 0 && HoldOutFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(HoldOutFraction), HoldOutFraction, "HoldOutFraction must be in (0, 1).");
        if (BootstrapResamples < 2)
            throw new ArgumentOutOfRangeException(nameof(BootstrapResamples), BootstrapResamples, "BootstrapResamples must be at least 2.");
        if (HistogramBins < 1)
            throw new ArgumentOutOfRangeException(nameof(HistogramBins), HistogramBins, "HistogramBins must be at least 1.");
        if (PitBins < 1)
            throw new ArgumentOutOfRangeException(nameof(PitBins), PitBins, "PitBins must be at least 1.");
    }
}

/// <summary>Metadata of a likelihood-distribution comparison: sizes, labels, split, seed and likelihood form.</summary>
public sealed record LikelihoodDistributionAttrs(
    [property: JsonPropertyName("nA")] int NA,
    [property: JsonPropertyName("nB")] int NB,
    int P,
    string? NameA,
    string? NameB,
    int NTrain,
    int NHeldOut,
    double HoldOutFraction,
    int Seed,
    int BootstrapResamples,
    string Likelihood,
    string PitPrediction);

/// <summary>
/// ln L of held-out A members and of all B members under the likelihood fitted on A's training part; Δ⟨ln L⟩ =
/// ⟨ln L⟩_B − ⟨ln L⟩_A,held-out with its bootstrap standard error (negative: B is less likely than A's own members);
/// two-sample tests and W₁ of the ln L distributions (B vs held-out A); per-bin W₁ between all of A and all of B in the
/// units of the summary values; PIT of held-out A and of B per bin (rows realizations, columns bins) with histograms on
/// [0, 1]; ln L histograms of both sets on the common <see cref="HistogramEdges"/>.
/// </summary>
public sealed record LikelihoodDistributionResult(
    int[] HeldOutIndices,
    double[] LogLikelihoodA,
    double[] LogLikelihoodB,
    double MeanLogLikelihoodA,
    double MeanLogLikelihoodB,
    double DeltaMeanLogLikelihood,
    double DeltaStandardError,
    TwoSampleKolmogorovSmirnovResult KS,
    AndersonDarlingResult AndersonDarling,
    double Wasserstein1,
    double[] Wasserstein1PerBin,
    double[] HistogramEdges,
    long[] HistogramA,
    long[] HistogramB,
    double[,] PitA,
    double[,] PitB,
    long[] PitHistogramA,
    long[] PitHistogramB,
    LikelihoodDistributionAttrs Attrs)
{
    public string ToJson() => EnsembleJson.Serialize(this);

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    public static LikelihoodDistributionResult FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<LikelihoodDistributionResult>(json, EnsembleJson.Options)
               ?? throw new FormatException("Likelihood-distribution JSON is empty (null).");
    }
}
