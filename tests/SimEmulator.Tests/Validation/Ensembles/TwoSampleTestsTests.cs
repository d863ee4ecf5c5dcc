using System.Text.Json;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using SimEmulator.Validation.Ensembles;

namespace SimEmulator.Tests.Validation.Ensembles;

public class TwoSampleTestsTests
{
    // The same arrays through scipy 1.10 (the system Python): ks_2samp(method='exact'), anderson_ksamp([x, y]),
    // wasserstein_distance.
    private const string ScipyScript = """
        import json, sys, warnings
        import numpy as np
        from scipy import stats
        warnings.simplefilter('ignore')
        out = []
        for c in json.load(open(sys.argv[1])):
            x, y = np.array(c['x']), np.array(c['y'])
            ks = stats.ks_2samp(x, y, method='exact')
            ad = stats.anderson_ksamp([x, y])
            out.append(dict(ks=float(ks.statistic), ksp=float(ks.pvalue), ad=float(ad.statistic), adp=float(ad.pvalue),
                            crit=[float(v) for v in ad.critical_values], w=float(stats.wasserstein_distance(x, y))))
        print(json.dumps(out))
        """;

    private static (double[] X, double[] Y)[] Cases()
    {
        var rng = new MersenneTwister(7);
        double[] Draw(int n, double shift, double scale = 1) => Enumerable.Range(0, n).Select(_ => shift + scale * Normal.Sample(rng, 0, 1)).ToArray();
        // Ties within and between samples: values rounded to one decimal.
        double[] Rounded(double[] v) => v.Select(t => Math.Round(t, 1)).ToArray();
        return
        [
            (Draw(40, 0), Draw(40, 0.6)),            // equal sizes: exact 'outside square' formula
            (Draw(50, 0), Draw(30, 0.5)),            // unequal sizes: the 1 − p inside recursion; AD in its interpolated range
            (Draw(97, 0), Draw(61, 0.1, 1.3)),       // coprime sizes, nearly the same law (AD p capped at 0.25)
            (Rounded(Draw(45, 0)), Rounded(Draw(35, 0.3))), // ties
            (Draw(300, 0), Draw(200, 0.8)),          // small p (AD floored at 0.001)
        ];
    }

    [Fact]
    public void KS_AndersonDarling_and_Wasserstein_match_scipy()
    {
        var cases = Cases();
        var path = Path.Combine(Path.GetTempPath(), $"two-sample-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(cases.Select(c => new { x = c.X, y = c.Y })));
        try
        {
            var (code, stdout, stderr) = PythonPeer.Run("-c", ScipyScript, path);
            Assert.True(code == 0, stderr);
            using var doc = JsonDocument.Parse(stdout);
            var expected = doc.RootElement.EnumerateArray().ToArray();
            var regimes = new HashSet<string>();
            for (int i = 0; i < cases.Length; i++)
            {
                var e = expected[i];
                var ks = TwoSampleTests.KolmogorovSmirnov(cases[i].X, cases[i].Y);
                Assert.Equal("exact", ks.Method);
                Assert.Equal(e.GetProperty("ks").GetDouble(), ks.Statistic, 1e-12);
                Assert.Equal(e.GetProperty("ksp").GetDouble(), ks.PValue, 1e-9);

                var ad = TwoSampleTests.AndersonDarling(cases[i].X, cases[i].Y);
                Assert.Equal(e.GetProperty("ad").GetDouble(), ad.Statistic, 1e-9);
                Assert.Equal(e.GetProperty("adp").GetDouble(), ad.PValue, 1e-9);
                var crit = e.GetProperty("crit").EnumerateArray().Select(v => v.GetDouble()).ToArray();
                for (int c = 0; c < crit.Length; c++) Assert.Equal(crit[c], ad.CriticalValues[c], 1e-12);
                regimes.Add(ad.PValueCapped);

                Assert.Equal(e.GetProperty("w").GetDouble(), TwoSampleTests.Wasserstein1(cases[i].X, cases[i].Y), 1e-12);
            }
            // The cases exercise all three branches of scipy's AD p-value.
            Assert.Equal(new HashSet<string> { "interpolated", "capped", "floored" }, regimes);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Wasserstein1_of_a_shifted_sample_is_the_shift()
    {
        // W1 between a sample and itself translated by c is |c| (the optimal transport moves every point by c).
        var x = new[] { 0.3, -1.2, 2.5, 0.0, 4.1 };
        Assert.Equal(0.75, TwoSampleTests.Wasserstein1(x, x.Select(v => v + 0.75).ToArray()), 1e-12);
        Assert.Equal(0.0, TwoSampleTests.Wasserstein1(x, x), 0);
    }

    [Fact]
    public void KS_of_disjoint_samples_has_statistic_one()
    {
        // Every x below every y: D = 1; exact P(D ≥ 1) = 2 / C(6, 3) = 0.1 for n = m = 3 (two extreme orderings of 20).
        var r = TwoSampleTests.KolmogorovSmirnov(new[] { 1.0, 2, 3 }, new[] { 4.0, 5, 6 });
        Assert.Equal(1.0, r.Statistic, 0);
        Assert.Equal(0.1, r.PValue, 1e-14);
    }

    [Fact]
    public void Empty_or_nonfinite_samples_are_rejected_with_the_argument_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => TwoSampleTests.KolmogorovSmirnov(Array.Empty<double>(), new[] { 1.0 }));
        Assert.Equal("x", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => TwoSampleTests.Wasserstein1(new[] { 1.0 }, new[] { double.NaN }));
        Assert.Equal("v", ex.ParamName);
        Assert.Throws<ArgumentException>(() => TwoSampleTests.AndersonDarling(new[] { new[] { 1.0, 2.0 } }));
    }
}
