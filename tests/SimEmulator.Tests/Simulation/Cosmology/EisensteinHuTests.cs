using SimEmulator.Simulation.Cosmology;
using DataCosmology = SimEmulator.Data.Layouts.Cosmology;

namespace SimEmulator.Tests.Simulation.Cosmology;

/// <summary>
/// EH98 against peers/eh98_reference.py (a numpy transcription that agrees with the authors' tf_fit.c, compiled in
/// double precision, to 1e-14) and against properties the paper states.
/// </summary>
public class EisensteinHuTests
{
    private static readonly EisensteinHu Fit = new(DataCosmology.Quijote);
    private static readonly EisensteinHuPower Wiggle = new(DataCosmology.Quijote);
    private static readonly EisensteinHuPower NoWiggle = new(DataCosmology.Quijote, wiggles: false);

    private static void Close(double expected, double actual, double relTol, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relTol * Math.Abs(expected),
            $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual / expected - 1):E2} > {relTol:E0})");

    [Fact]
    public void Scalars_match_the_reference_code_for_Quijote()
    {
        // peers/eh98_reference.py; lengths in Mpc, wavenumbers in 1/Mpc (the paper's internal units).
        const double tol = 1e-12;
        Close(3442.9326493086246, Fit.OnePlusZEquality, tol, "1 + z_eq (eq. 2)");
        Close(0.010468686401231143, Fit.KEqualityPerMpc, tol, "k_eq (eq. 3)");
        Close(1020.0448102203092, Fit.ZDrag, tol, "z_d (eq. 4)");
        Close(0.655702169196296, Fit.RDrag, tol, "R_d (eq. 5)");
        Close(0.1944566929133858, Fit.REquality, tol, "R_eq (eq. 5)");
        Close(151.0892275901439, Fit.SoundHorizonMpc, tol, "s (eq. 6)");
        Close(0.08976290548127096, Fit.KSilkPerMpc, tol, "k_silk (eq. 7)");
        Close(0.7745645005365209, Fit.AlphaC, tol, "α_c (eq. 11)");
        Close(1.1744761125250103, Fit.BetaC, tol, "β_c (eq. 12)");
        Close(0.5482942365468298, Fit.AlphaB, tol, "α_b (eq. 14)");
        Close(7.799890620368256, Fit.BetaB, tol, "β_b (eq. 24)");
        Close(3.608771763086309, Fit.BetaNode, tol, "β_node (eq. 23)");
        Close(0.05359540624759447, Fit.KPeakPerMpc, tol, "k_peak (eq. 25)");
        Close(150.11898258694754, Fit.SoundHorizonFitMpc, tol, "s fit (eq. 26)");
        Close(0.8018807730949761, Fit.AlphaGamma, tol, "α_Γ (eq. 31)");
        Close(151.0892275901439 * 0.6711, Fit.SoundHorizonMpcH, tol, "s in Mpc/h");
    }

    [Fact]
    public void Sound_horizon_fit_agrees_with_the_full_formula_at_the_percent_level()
    {
        // EH98 §4.2 offer eq. 26 as a per-cent-level approximation to eq. 6; the bound is 2% (0.64% here).
        Close(Fit.SoundHorizonMpc, Fit.SoundHorizonFitMpc, 0.02, "s fit vs s");
    }

    [Theory]
    // peers/eh98_reference.py: k [h/Mpc], T (eq. 16), T_b (eq. 21), T_c (eq. 17), T_nowiggle (eq. 29).
    [InlineData(1e-4, 0.9999095691048835, 0.9999063507144751, 0.9999101564461498, 0.9999023012050526)]
    [InlineData(1e-3, 0.992458320168751, 0.9921357451067553, 0.9925171886158192, 0.992279050307425)]
    [InlineData(0.01, 0.7836627689095972, 0.7509528889794601, 0.7896321697162143, 0.7896060872053386)]
    [InlineData(0.05, 0.27648100977961054, -0.057934249906112, 0.33751023780419304, 0.28385422260252435)]
    [InlineData(0.1, 0.13480125944644433, -0.012380962871167597, 0.1616613298135318, 0.13674545577014918)]
    [InlineData(0.2, 0.05667075603643574, 0.00458184452120836, 0.06617673988837668, 0.05631998310878511)]
    [InlineData(0.3, 0.031320006118284935, -0.000713762428474935, 0.037166019745067926, 0.031594932637323804)]
    [InlineData(0.5, 0.014569632834649519, 9.643023246063903e-06, 0.01722676319129298, 0.014579685552304001)]
    [InlineData(1.0, 0.004851464533849076, 1.365148483252437e-07, 0.00573680931199074, 0.004823331934699915)]
    [InlineData(10.0, 9.326442242377527e-05, 2.492801906444037e-12, 0.00011028474486927878, 9.234503849813264e-05)]
    [InlineData(100.0, 1.3964905837214723e-06, -5.369917847469908e-17, 1.65134361390763e-06, 1.381851471006409e-06)]
    public void Transfer_functions_match_the_reference_code(double k, double t, double tb, double tc, double tnw)
    {
        Close(t, Fit.T(k), 1e-11, $"T({k})");
        Close(tb, Fit.TBaryon(k), 1e-9, $"T_b({k})"); // T_b passes through zero: looser, it is a small part of T
        Close(tc, Fit.TCdm(k), 1e-11, $"T_c({k})");
        Close(tnw, Fit.TNoWiggle(k), 1e-11, $"T_nw({k})");
    }

    [Fact]
    public void Amplitude_and_sigma_match_an_independent_scipy_integration()
    {
        // peers/eh98_reference.py: A such that σ(8) = 0.834 from scipy.quad in ln k (cross-checked with Simpson on 2^20
        // points), and σ(R) of the normalised spectra at R = 1 and 50 Mpc/h.
        Close(3000227.5275069578, Wiggle.Amplitude, 1e-8, "A (wiggle)");
        Close(2977754.9089776394, NoWiggle.Amplitude, 1e-8, "A (no wiggle)");
        Close(2.5049361706851365, Wiggle.Sigma(1), 1e-8, "σ(1) wiggle");
        Close(0.157895316822025, Wiggle.Sigma(50), 1e-8, "σ(50) wiggle");
        Close(2.486959401086325, NoWiggle.Sigma(1), 1e-8, "σ(1) no wiggle");
        Close(0.15909263344923372, NoWiggle.Sigma(50), 1e-8, "σ(50) no wiggle");
    }

    [Theory]
    [InlineData(0.834, true)]
    [InlineData(0.834, false)]
    [InlineData(0.6, true)]
    [InlineData(1.1, false)]
    public void Sigma8_of_the_normalised_spectrum_equals_the_requested_one(double sigma8, bool wiggles)
    {
        var p = new EisensteinHuPower(DataCosmology.Quijote with { Sigma8 = sigma8 }, wiggles);
        Close(sigma8, p.Sigma(8), 1e-4, "σ_8"); // the brief's tolerance; the quadrature is good to ~1e-10
        // P = A k^n_s T² literally.
        var k = 0.137;
        var t = wiggles ? p.Transfer.T(k) : p.Transfer.TNoWiggle(k);
        Close(p.Amplitude * Math.Pow(k, 0.9624) * t * t, p.P(k), 1e-14, "P(k)");
    }

    [Fact]
    public void Wiggle_to_smooth_ratio_tends_to_one_at_small_k()
    {
        // Both transfer functions → 1 as k → 0 (EH98 eqs. 16, 29): the deviations are O(q²) ≈ 1e-7 at k = 1e-5 h/Mpc.
        var smooth = Wiggle.Smooth();
        Assert.Equal(Wiggle.Amplitude, smooth.Amplitude);
        Close(1, Wiggle.P(1e-5) / smooth.P(1e-5), 1e-6, "P_w/P_smooth at k = 1e-5");
        Close(1, Fit.T(1e-5) / Fit.TNoWiggle(1e-5), 1e-6, "T/T_nw at k = 1e-5");
        // Normalising each to σ_8 separately (as nbodykit does) leaves them 0.75% apart: the wiggles carry σ_8 too.
        Close(Wiggle.Amplitude / NoWiggle.Amplitude, Wiggle.P(1e-5) / NoWiggle.P(1e-5), 1e-6, "separately normalised");
        Close(1.00755, Wiggle.Amplitude / NoWiggle.Amplitude, 1e-4, "A_w/A_nw");
    }

    [Fact]
    public void Acoustic_peaks_oscillate_around_one_with_spacing_two_pi_over_s()
    {
        // P_w/P_smooth ∝ (1 + 2 f_b T_b/T + …) with T_b ∝ j0(k s̃) (eq. 21): successive maxima (and minima) are 2π/s apart
        // in k — the extrema alternate every π/s — up to the slow drift of s̃(k) (eq. 22) and of the smooth part; within 3%
        // over 0.05–0.35 h/Mpc. Scan at Δln k = 1e-5.
        var smooth = Wiggle.Smooth();
        var s = Fit.SoundHorizonMpcH;
        var ks = new List<double>();
        var ratio = new List<double>();
        for (var lnk = Math.Log(0.05); lnk <= Math.Log(0.35); lnk += 1e-5)
        {
            var k = Math.Exp(lnk);
            ks.Add(k);
            ratio.Add(Wiggle.P(k) / smooth.P(k));
        }
        var maxima = new List<double>();
        var minima = new List<double>();
        for (var i = 1; i < ks.Count - 1; i++)
        {
            if (ratio[i] > ratio[i - 1] && ratio[i] > ratio[i + 1]) maxima.Add(ks[i]);
            if (ratio[i] < ratio[i - 1] && ratio[i] < ratio[i + 1]) minima.Add(ks[i]);
        }
        Assert.True(maxima.Count >= 4, $"expected ≥ 4 acoustic peaks in 0.05–0.35 h/Mpc, found {maxima.Count}");
        Assert.True(minima.Count >= 4, $"expected ≥ 4 troughs in 0.05–0.35 h/Mpc, found {minima.Count}");
        for (var i = 1; i < maxima.Count; i++)
            Close(2 * Math.PI / s, maxima[i] - maxima[i - 1], 0.03, $"peak spacing {i}");
        for (var i = 1; i < minima.Count; i++)
            Close(2 * Math.PI / s, minima[i] - minima[i - 1], 0.03, $"trough spacing {i}");
        // Around one: the first peak is ≥ 5% up and the first trough ≥ 4% down (f_b = 0.154), the mean within 1%.
        Assert.InRange(ratio.Max(), 1.05, 1.1);
        Assert.InRange(ratio.Min(), 0.9, 0.96);
        Close(1, ratio.Average(), 0.01, "mean of P_w/P_smooth");
        // EH98 eq. 25 fits the first peak location; within 3%.
        Close(Fit.KPeakPerMpc / DataCosmology.Quijote.H, maxima[0], 0.03, "first peak vs eq. 25");
    }

    [Theory]
    [InlineData(1e2)]
    [InlineData(1e3)]
    [InlineData(1e4)]
    public void Large_k_slope_tends_to_ns_minus_4_with_the_logarithmic_correction(double k)
    {
        // At q ≫ 1 the CDM term dominates and T → L/(C q²) with L = ln(e + 1.8 β_c q) and C → 14.2/α_c (eqs. 17–20), so
        // dlnP/dlnk → n_s − 4 + 2/L: the slope approaches n_s − 4 only logarithmically (0.17 above it at k = 1e4 h/Mpc).
        // The neglected terms (C's q^−1.08 part, the baryon term) are < 1e-3 here.
        const double e = 1e-4;
        var slope = (Math.Log(Wiggle.P(k * Math.Exp(e))) - Math.Log(Wiggle.P(k * Math.Exp(-e)))) / (2 * e);
        var q = k * DataCosmology.Quijote.H / 13.41 / Fit.KEqualityPerMpc;
        var predicted = DataCosmology.Quijote.NS - 4 + 2 / Math.Log(Math.E + 1.8 * Fit.BetaC * q);
        Assert.True(Math.Abs(slope - predicted) < 1e-3, $"slope {slope:F5} vs n_s − 4 + 2/L = {predicted:F5}");
        Assert.InRange(slope - (DataCosmology.Quijote.NS - 4), 0.1, 0.3);
        var noWiggleSlope = (Math.Log(NoWiggle.P(k * Math.Exp(e))) - Math.Log(NoWiggle.P(k * Math.Exp(-e)))) / (2 * e);
        Assert.InRange(noWiggleSlope - (DataCosmology.Quijote.NS - 4), 0.1, 0.3);
    }

    [Fact]
    public void Zero_baryons_give_a_finite_smooth_transfer_function()
    {
        // Ω_b = 0: T_c with α_c = β_c = 1 (eqs. 11–12) and no oscillations; it and the zero-baryon form of eq. 29 are
        // two fits of the same function, within 0.8% of each other for k ≤ 10 h/Mpc; the bound is 2%.
        var fit = new EisensteinHu(DataCosmology.Quijote with { OmegaB = 0 });
        Assert.Equal(1.0, fit.AlphaC);
        Assert.Equal(1.0, fit.BetaC);
        Assert.True(double.IsFinite(fit.SoundHorizonMpc) && fit.SoundHorizonMpc > 0, $"s = {fit.SoundHorizonMpc}");
        var previous = 1.0;
        for (var k = 1e-4; k <= 10; k *= 1.1)
        {
            var t = fit.T(k);
            Assert.True(t > 0 && t <= previous, $"T({k}) = {t} should fall monotonically");
            Close(fit.TNoWiggle(k), t, 0.02, $"T vs eq. 29 at k = {k}");
            previous = t;
        }
        var p = new EisensteinHuPower(DataCosmology.Quijote with { OmegaB = 0 });
        Close(0.834, p.Sigma(8), 1e-6, "σ_8 with Ω_b = 0");
    }

    [Fact]
    public void Bad_parameters_and_wavenumbers_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new EisensteinHu(DataCosmology.Quijote with { OmegaB = 0.4 }));
        Assert.Throws<ArgumentException>(() => new EisensteinHu(DataCosmology.Quijote with { H = 0 }));
        Assert.Throws<ArgumentException>(() => new EisensteinHuPower(DataCosmology.Quijote with { Sigma8 = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fit.T(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Wiggle.P(double.NaN));
        Assert.Equal(0.0, Wiggle.P(0));
        Assert.Equal(1.0, Fit.T(0));
    }
}
