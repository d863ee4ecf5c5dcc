using SimEmulator.Validation.Ensembles;

namespace SimEmulator.Tests.Validation.Ensembles;

public class LikelihoodDistributionTests
{
    private const int P = 4;

    private static (Ensemble A, Ensemble B) Draw(double covarianceScaleB, int seed)
    {
        var cov = GaussianDraws.ToeplitzCovariance(P, 0.5);
        var mean = new[] { 10.0, 5.0, 2.0, 1.0 };
        var a = new Ensemble(new GaussianDraws(mean, cov, seed).Draw(400), "simulations");
        var covB = (double[,])cov.Clone();
        for (int i = 0; i < P; i++)
            for (int j = 0; j < P; j++) covB[i, j] *= covarianceScaleB;
        var b = new Ensemble(new GaussianDraws(mean, covB, seed + 1000).Draw(300), "observations");
        return (a, b);
    }

    [Fact]
    public void Delta_mean_lnL_is_consistent_with_zero_when_both_sets_share_one_Gaussian()
    {
        var (a, b) = Draw(1.0, seed: 3);
        var r = LikelihoodDistribution.Compare(a, b, new LikelihoodDistributionOptions(HoldOutFraction: 0.25, Seed: 5));
        Assert.Equal(100, r.Attrs.NHeldOut);
        Assert.Equal(300, r.Attrs.NTrain);
        Assert.True(r.DeltaStandardError > 0);
        Assert.True(Math.Abs(r.DeltaMeanLogLikelihood) < 3 * r.DeltaStandardError,
            $"Δ⟨ln L⟩ = {r.DeltaMeanLogLikelihood} ± {r.DeltaStandardError} should be within 3σ of 0");
        Assert.True(r.KS.PValue > 0.01 && r.AndersonDarling.PValue > 0.01);
    }

    [Fact]
    public void Delta_mean_lnL_is_clearly_negative_when_B_has_50_percent_more_covariance()
    {
        var (a, b) = Draw(1.5, seed: 3);
        var r = LikelihoodDistribution.Compare(a, b, new LikelihoodDistributionOptions(HoldOutFraction: 0.25, Seed: 5));
        // For x independent of the N_train training members, E[χ²] = (N+1)(N−1)p/(N(N−p−2)) (EstimatedCovarianceChiSquared);
        // B's covariance 1.5 Σ raises it by half, so E[Δ ln L] = −½ · h · 0.5 · E[χ²] with the Hartlap factor h.
        int n = r.Attrs.NTrain;
        double h = Ensemble.HartlapFactor(n, P);
        double expected = -0.25 * h * new EstimatedCovarianceChiSquared(P, n).Mean;
        Assert.True(r.DeltaMeanLogLikelihood < -5 * r.DeltaStandardError, $"Δ = {r.DeltaMeanLogLikelihood} ± {r.DeltaStandardError}");
        Assert.True(Math.Abs(r.DeltaMeanLogLikelihood - expected) < 4 * r.DeltaStandardError,
            $"Δ = {r.DeltaMeanLogLikelihood} ± {r.DeltaStandardError}, expected ≈ {expected}");
        Assert.True(r.KS.PValue < 0.01);
        // The inflated set spreads wider in every bin; the PIT of B under A's per-bin Gaussian piles up in the tails.
        Assert.True(r.PitHistogramB[0] + r.PitHistogramB[^1] > 1.3 * 0.2 * b.N * P);
    }

    [Fact]
    public void Result_histograms_cover_both_sets_and_JSON_round_trips()
    {
        var (a, b) = Draw(1.0, seed: 9);
        var r = LikelihoodDistribution.Compare(a, b, new LikelihoodDistributionOptions(Seed: 1, BootstrapResamples: 200, HistogramBins: 12));
        Assert.Equal(13, r.HistogramEdges.Length);
        Assert.Equal(r.LogLikelihoodA.Length, r.HistogramA.Sum());
        Assert.Equal(b.N, r.HistogramB.Sum());
        Assert.Equal(b.N * P, r.PitHistogramB.Sum());

        var json = r.ToJson();
        var back = LikelihoodDistributionResult.FromJson(json);
        Assert.Equal(r.DeltaMeanLogLikelihood, back.DeltaMeanLogLikelihood);
        Assert.Equal(r.PitB, back.PitB);
        Assert.Equal(r.LogLikelihoodB, back.LogLikelihoodB);
        Assert.Equal(r.Attrs, back.Attrs);
        Assert.Equal(json, back.ToJson());
        Assert.Contains("\"nA\": 400", json);

        // Same seed, same bytes.
        Assert.Equal(json, LikelihoodDistribution.Compare(a, b, new LikelihoodDistributionOptions(Seed: 1, BootstrapResamples: 200, HistogramBins: 12)).ToJson());
    }

    [Fact]
    public void Too_few_training_members_for_the_Hartlap_factor_is_rejected_with_advice()
    {
        var (a, b) = Draw(1.0, seed: 2);
        var small = Ensemble.FromRealizations(Enumerable.Range(0, 8).Select(a.Realization).ToArray());
        var ex = Assert.Throws<ArgumentException>(() => LikelihoodDistribution.Compare(small, b, new LikelihoodDistributionOptions(HoldOutFraction: 0.5)));
        Assert.Contains("N_train > p + 2", ex.Message);
    }
}
