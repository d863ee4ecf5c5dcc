using System.Text.Json;
using SimEmulator.Validation.Ensembles;

namespace SimEmulator.Tests.Validation.Ensembles;

public class EnsembleTests
{
    // Hand computation: means (2.5, 5); deviations x: −1.5, −0.5, 0.5, 1.5 and y: −3, −1, 0, 4;
    // Σdx² = 5, Σdy² = 26, Σdxdy = 11, each divided by N − 1 = 3.
    private static readonly double[,] HandData = { { 1, 2 }, { 2, 4 }, { 3, 5 }, { 4, 9 } };

    [Fact]
    public void Covariance_of_hand_made_4x2_dataset_equals_hand_computation()
    {
        var e = new Ensemble(HandData);
        var c = e.Covariance();
        Assert.Equal(5.0 / 3, c[0, 0], 1e-14);
        Assert.Equal(26.0 / 3, c[1, 1], 1e-14);
        Assert.Equal(11.0 / 3, c[0, 1], 1e-14);
        Assert.Equal(11.0 / 3, c[1, 0], 1e-14);
        Assert.Equal(2.5, e.Mean()[0], 1e-14);
        Assert.Equal(5.0, e.Mean()[1], 1e-14);
        Assert.Equal(Math.Sqrt(26.0 / 3), e.StandardDeviation()[1], 1e-14);
        Assert.Equal(11 / Math.Sqrt(5 * 26.0), e.Correlation()[0, 1], 1e-14);
        Assert.Equal(1.0, e.Correlation()[1, 1], 1e-14);
    }

    [Fact]
    public void Eigenvalues_of_hand_dataset_match_the_2x2_closed_form_largest_first()
    {
        // λ = (a+d)/2 ± √(((a−d)/2)² + b²) for [[a, b], [b, d]] = [[5, 11], [11, 26]]/3.
        double a = 5.0 / 3, d = 26.0 / 3, b = 11.0 / 3;
        double mid = (a + d) / 2, rad = Math.Sqrt((a - d) * (a - d) / 4 + b * b);
        var ev = new Ensemble(HandData).EigenvalueSpectrum();
        Assert.Equal(mid + rad, ev[0], 1e-12);
        Assert.Equal(mid - rad, ev[1], 1e-12);
    }

    [Theory]
    // (N − p − 2)/(N − 1) by hand.
    [InlineData(100, 10, 88.0 / 99)]
    [InlineData(30, 10, 18.0 / 29)]
    [InlineData(13, 10, 1.0 / 12)]
    [InlineData(2000, 5, 1993.0 / 1999)]
    public void Hartlap_factor_is_N_minus_p_minus_2_over_N_minus_1(int n, int p, double expected)
    {
        Assert.Equal(expected, Ensemble.HartlapFactor(n, p), 1e-15);
    }

    [Fact]
    public void Hartlap_precision_with_too_few_realizations_throws_a_message_naming_N_and_p()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ensemble.HartlapFactor(12, 10));
        var e = new Ensemble(HandData); // N = 4, p = 2: N ≤ p + 2
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => e.Precision());
        Assert.Contains("N = 4, p = 2", ex.Message);
        // The plain inverse exists for N > p.
        var prec = e.Precision(hartlap: false);
        double det = 5.0 / 3 * 26.0 / 3 - 11.0 / 3 * 11.0 / 3;
        Assert.Equal(26.0 / 3 / det, prec[0, 0], 1e-12);
    }

    [Fact]
    public void Hartlap_precision_is_factor_times_inverse_covariance()
    {
        var draws = new GaussianDraws(new double[4], GaussianDraws.ToeplitzCovariance(4, 0.5), seed: 7);
        var e = new Ensemble(draws.Draw(50));
        var plain = e.Precision(hartlap: false);
        var hart = e.Precision();
        double h = 44.0 / 49;
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                Assert.Equal(h * plain[i, j], hart[i, j], 1e-9 * Math.Abs(plain[i, i]));
    }

    [Fact]
    public void Covariance_of_2000_Gaussian_draws_is_within_5_sigma_Wishart_error_of_truth()
    {
        const int n = 2000, p = 5;
        var truth = GaussianDraws.ToeplitzCovariance(p, 0.6);
        var e = new Ensemble(new GaussianDraws(new double[p], truth, seed: 42).Draw(n));
        var c = e.Covariance();
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
            {
                // Wishart: Var(Ĉ_ij) = (Σ_ij² + Σ_ii Σ_jj)/(N − 1).
                double sigma = Math.Sqrt((truth[i, j] * truth[i, j] + truth[i, i] * truth[j, j]) / (n - 1));
                Assert.InRange(c[i, j], truth[i, j] - 5 * sigma, truth[i, j] + 5 * sigma);
            }
    }

    [Fact]
    public void Summary_serializes_matrices_as_rows_with_attrs()
    {
        var json = new Ensemble(HandData, "hand").Summarize().ToJson();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(4, root.GetProperty("attrs").GetProperty("n").GetInt32());
        Assert.Equal(2, root.GetProperty("attrs").GetProperty("p").GetInt32());
        Assert.Equal(11.0 / 3, root.GetProperty("covariance")[0][1].GetDouble(), 1e-14);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("hartlapFactor").ValueKind);
    }

    [Fact]
    public void Constructor_rejects_non_finite_values_naming_the_cell()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Ensemble(new double[,] { { 1, 2 }, { double.NaN, 3 } }));
        Assert.Contains("realization 1, bin 0", ex.Message);
    }

    [Fact]
    public void Sellentin_Heavens_likelihood_is_the_normalized_multivariate_t()
    {
        var draws = new GaussianDraws(new double[3], GaussianDraws.ToeplitzCovariance(3, 0.3), seed: 3);
        var e = new Ensemble(draws.Draw(20));
        var x = new[] { 0.1, -0.2, 0.05 };
        double chi2 = e.ChiSquared(x);
        // Sellentin & Heavens (2016) eq. 6 with N = 20, p = 3; Γ ratio Γ(10)/Γ(8.5) by MathNet's GammaLn.
        double logC = MathNet.Numerics.SpecialFunctions.GammaLn(10) - 1.5 * Math.Log(Math.PI * 19)
                      - MathNet.Numerics.SpecialFunctions.GammaLn(8.5);
        double expected = logC - 0.5 * e.LogDeterminant() - 10 * Math.Log(1 + chi2 / 19);
        Assert.Equal(expected, e.LogLikelihood(x, LikelihoodKind.SellentinHeavens), 1e-12);
        // The t-likelihood has heavier tails than the Hartlap Gaussian: far out it is larger.
        var far = new[] { 5.0, -5.0, 5.0 };
        Assert.True(e.LogLikelihood(far, LikelihoodKind.SellentinHeavens) > e.LogLikelihood(far, LikelihoodKind.Gaussian));
    }
}
