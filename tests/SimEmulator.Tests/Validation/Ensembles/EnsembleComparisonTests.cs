using System.Text.Json;
using MathNet.Numerics.Distributions;
using SimEmulator.Validation.Ensembles;

namespace SimEmulator.Tests.Validation.Ensembles;

public class EnsembleComparisonTests
{
    [Fact]
    public void KL_divergence_between_two_independent_estimates_is_small_positive_and_near_its_expectation()
    {
        const int n = 2000, p = 5;
        var draws = new GaussianDraws(new double[p], GaussianDraws.ToeplitzCovariance(p, 0.6), seed: 11);
        var a = new Ensemble(draws.Draw(n), "A");
        var b = new Ensemble(draws.Draw(n), "B");
        var kl = EnsembleComparison.KLDivergence(a, b);

        // Exact expectation for equal N: p(p+1)/(2(N−p−2)) = 30/3986 ≈ 0.0075 (≈ p(p+1)/(4N) per estimate, two estimates).
        Assert.Equal(30.0 / (2 * (n - p - 2)), kl.ExpectedUnderNull, 1e-12);
        Assert.True(kl.Divergence > 0);
        // Approximate: 2N·KL is roughly χ² with p(p+1)/2 = 15 dof, so ±3σ spans about [0.1, 2.3]× the mean.
        Assert.InRange(kl.Divergence, 0.1 * kl.ExpectedUnderNull, 2.5 * kl.ExpectedUnderNull);
    }

    [Fact]
    public void KL_divergence_of_an_ensemble_with_itself_is_zero_and_detects_a_rescaled_covariance()
    {
        var draws = new GaussianDraws(new double[3], GaussianDraws.ToeplitzCovariance(3, 0.2), seed: 5);
        var x = draws.Draw(500);
        var a = new Ensemble(x);
        Assert.Equal(0, EnsembleComparison.KLDivergence(a, a).Divergence, 1e-12);
        // C_A = 2 C_B exactly: KL = ½ p (2 − 1 − ln 2), by hand.
        var doubled = new double[500, 3];
        for (int i = 0; i < 500; i++)
            for (int j = 0; j < 3; j++) doubled[i, j] = Math.Sqrt(2) * x[i, j];
        var kl = EnsembleComparison.KLDivergence(new Ensemble(doubled), a).Divergence;
        Assert.Equal(1.5 * (1 - Math.Log(2)), kl, 1e-10);
    }

    [Fact]
    public void Diagonal_ratio_of_independent_ensembles_is_one_within_its_Wishart_error()
    {
        const int p = 5;
        var draws = new GaussianDraws(new double[p], GaussianDraws.ToeplitzCovariance(p, 0.6), seed: 13);
        var r = EnsembleComparison.DiagonalRatio(new Ensemble(draws.Draw(1000)), new Ensemble(draws.Draw(501)));
        Assert.Equal(Math.Sqrt(2.0 / 999), r.RelativeErrorA, 1e-15);
        Assert.Equal(Math.Sqrt(2.0 / 500), r.RelativeErrorB, 1e-15);
        for (int i = 0; i < p; i++) Assert.InRange(r.Ratio[i], 1 - 5 * r.RatioError[i], 1 + 5 * r.RatioError[i]);
        using var doc = JsonDocument.Parse(r.ToJson());
        Assert.Equal(1000, doc.RootElement.GetProperty("attrs").GetProperty("nA").GetInt32());
    }

    [Fact]
    public void Estimated_covariance_chi2_law_has_the_Hotelling_mean()
    {
        // E[F(d1, d2)] = d2/(d2−2), so E[χ²] = (N+1)/N · p(N−1)/(N−p) · (N−p)/(N−p−2).
        var law = new EstimatedCovarianceChiSquared(p: 10, n: 30);
        Assert.Equal(31.0 / 30 * 10 * 29 / 20, law.Prefactor, 1e-12);
        Assert.Equal(31.0 * 29 * 10 / (30 * 18), law.Mean, 1e-12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new EstimatedCovarianceChiSquared(p: 10, n: 10));
    }

    /// <summary>
    /// The point of the exact law: with N_A = 30, p = 10 the χ² of an independent realization is ≈ 1.67× larger on average
    /// than χ²(p) predicts. Each of the 2000 draws uses a fresh reference ensemble A, so the χ² values are i.i.d. from the
    /// marginal law (Hotelling T², Anderson 2003 §5.2) and the KS test is valid.
    /// </summary>
    [Fact]
    public void Chi2_under_estimated_covariance_follows_scaled_F_and_not_chi2_p()
    {
        const int nA = 30, p = 10, draws = 2000;
        var gen = new GaussianDraws(new double[p], GaussianDraws.ToeplitzCovariance(p, 0.5), seed: 2016);
        var chi2 = new double[draws];
        for (int k = 0; k < draws; k++)
        {
            var a = new Ensemble(gen.Draw(nA));
            var b = gen.Draw(1);
            var x = new double[p];
            for (int j = 0; j < p; j++) x[j] = b[0, j];
            chi2[k] = a.ChiSquared(x);
        }
        var law = new EstimatedCovarianceChiSquared(p, nA);
        var exact = KolmogorovSmirnov.OneSample(chi2, law.CumulativeDistribution, "scaled F");
        var naive = KolmogorovSmirnov.OneSample(chi2, new ChiSquared(p).CumulativeDistribution, "chi2(p)");
        Assert.True(exact.PValue > 0.01, $"KS vs exact F law rejected: D = {exact.Statistic}, p = {exact.PValue}");
        Assert.True(naive.PValue < 1e-6, $"KS vs chi2(p) did not reject: D = {naive.Statistic}, p = {naive.PValue}");
    }

    [Fact]
    public void ChiSquaredTest_accepts_an_independent_ensemble_and_detects_a_mean_shift()
    {
        const int p = 5;
        var gen = new GaussianDraws(new double[p], GaussianDraws.ToeplitzCovariance(p, 0.6), seed: 99);
        var reference = new Ensemble(gen.Draw(400), "simulations");
        var same = EnsembleComparison.ChiSquaredTest(reference, new Ensemble(gen.Draw(300), "emulator"));
        Assert.True(same.KS.PValue > 0.01, $"independent ensemble rejected: {same.KS}");
        Assert.Equal(new EstimatedCovarianceChiSquared(p, 400).Mean, same.ExpectedMeanChiSquared, 1e-12);

        // Every bin 1σ high. Along the positively correlated direction that is only a noncentrality
        // 1ᵀR⁻¹1 ≈ (p(1−ρ) + 2ρ)/(1 + ρ) = 2 (E[χ²] 5 → 7), yet 300 realizations detect it.
        var shifted = EnsembleComparison.ChiSquaredTest(reference, new Ensemble(gen.Draw(300, shift: 1.0), "biased"));
        Assert.True(shifted.KS.PValue < 1e-3, $"mean shift not detected: {shifted.KS}");

        using var doc = JsonDocument.Parse(shifted.ToJson());
        Assert.Equal(300, doc.RootElement.GetProperty("chiSquared").GetArrayLength());
        Assert.Equal(5, doc.RootElement.GetProperty("attrs").GetProperty("p").GetInt32());
    }

    [Fact]
    public void Comparisons_reject_ensembles_with_different_bins()
    {
        var a = new Ensemble(new double[,] { { 1, 2 }, { 2, 1 }, { 3, 5 } }, "A");
        var b = new Ensemble(new double[,] { { 1 }, { 2 }, { 4 } }, "B");
        var ex = Assert.Throws<ArgumentException>(() => EnsembleComparison.DiagonalRatio(a, b));
        Assert.Contains("p = 2 vs 1", ex.Message);
    }
}
