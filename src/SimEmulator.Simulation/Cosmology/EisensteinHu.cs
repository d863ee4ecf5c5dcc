using DataCosmology = SimEmulator.Data.Layouts.Cosmology;

namespace SimEmulator.Simulation.Cosmology;

/// <summary>
/// The Eisenstein &amp; Hu (1998, ApJ 496, 605) fitting formulae for the CDM + baryon transfer function: the full form
/// with baryon acoustic oscillations (their §3, eqs. 2–24) and the no-wiggle form (§4.2, eqs. 26, 28–31).
/// </summary>
/// <remarks>
/// <para>Where the paper's text and the authors' reference code <c>tf_fit.c</c> differ, this follows the code, as most
/// ports do: eq. 2 is taken as 1 + z_eq, the baryon-to-photon ratios R (eq. 5) are evaluated with
/// 1 + z, and the no-wiggle form (eqs. 28–31) uses q = k/(13.41 k_eq)·Ω_m h²/Γ_eff with the sound-horizon fit of eq. 26.
/// The differences are below 1e-3 in T(k) and mostly absorbed by the σ_8 normalisation. (tf_fit.c's e = 2.718282 and
/// π = 3.14159 are taken exactly here.)</para>
/// <para>No massive neutrinos; Ω_c = Ω_m − Ω_b. Wavenumbers passed in are in h/Mpc; the paper's internal scales are in
/// Mpc and are exposed with "Mpc" in their names.</para>
/// </remarks>
public sealed class EisensteinHu
{
    private readonly double _h;

    public EisensteinHu(DataCosmology cosmology)
    {
        ArgumentNullException.ThrowIfNull(cosmology);
        Validate(cosmology);
        Cosmology = cosmology;
        _h = cosmology.H;
        OmegaMH2 = cosmology.OmegaM * _h * _h;
        OmegaBH2 = cosmology.OmegaB * _h * _h;
        BaryonFraction = cosmology.OmegaB / cosmology.OmegaM;
        ThetaCmb = cosmology.TCmb / 2.7;
        double om = OmegaMH2, ob = OmegaBH2, fb = BaryonFraction, t2 = ThetaCmb * ThetaCmb, t4 = t2 * t2;

        OnePlusZEquality = 2.50e4 * om / t4;                                                     // eq. 2
        KEqualityPerMpc = 0.0746 * om / t2;                                                      // eq. 3
        var b1 = 0.313 * Math.Pow(om, -0.419) * (1 + 0.607 * Math.Pow(om, 0.674));
        var b2 = 0.238 * Math.Pow(om, 0.223);
        ZDrag = 1291 * Math.Pow(om, 0.251) / (1 + 0.659 * Math.Pow(om, 0.828)) * (1 + b1 * Math.Pow(ob, b2)); // eq. 4
        RDrag = 31.5 * ob / t4 * (1000 / (1 + ZDrag));                                           // eq. 5
        REquality = 31.5 * ob / t4 * (1000 / OnePlusZEquality);
        SoundHorizonMpc = REquality > 0                                                          // eq. 6
            ? 2.0 / 3.0 / KEqualityPerMpc * Math.Sqrt(6 / REquality)
              * Math.Log((Math.Sqrt(1 + RDrag) + Math.Sqrt(RDrag + REquality)) / (1 + Math.Sqrt(REquality)))
            // The Ω_b → 0 limit: ln(…) → √(R_d + R_eq) − √R_eq.
            : 2.0 / 3.0 / KEqualityPerMpc * Math.Sqrt(6) * (Math.Sqrt(1 + 1000 / (1 + ZDrag) * OnePlusZEquality / 1000) - 1);
        KSilkPerMpc = 1.6 * Math.Pow(ob, 0.52) * Math.Pow(om, 0.73) * (1 + Math.Pow(10.4 * om, -0.95)); // eq. 7

        var a1 = Math.Pow(46.9 * om, 0.670) * (1 + Math.Pow(32.1 * om, -0.532));                  // eq. 11
        var a2 = Math.Pow(12.0 * om, 0.424) * (1 + Math.Pow(45.0 * om, -0.582));
        AlphaC = Math.Pow(a1, -fb) * Math.Pow(a2, -fb * fb * fb);
        var bc1 = 0.944 / (1 + Math.Pow(458 * om, -0.708));                                       // eq. 12
        var bc2 = Math.Pow(0.395 * om, -0.0266);
        BetaC = 1 / (1 + bc1 * (Math.Pow(1 - fb, bc2) - 1));

        var y = OnePlusZEquality / (1 + ZDrag);                                                    // eq. 15
        var sy = Math.Sqrt(1 + y);
        var g = y * (-6 * sy + (2 + 3 * y) * Math.Log((sy + 1) / (sy - 1)));
        AlphaB = 2.07 * KEqualityPerMpc * SoundHorizonMpc * Math.Pow(1 + RDrag, -0.75) * g;       // eq. 14
        BetaNode = 8.41 * Math.Pow(om, 0.435);                                                     // eq. 23
        BetaB = 0.5 + fb + (3 - 2 * fb) * Math.Sqrt(17.2 * om * (17.2 * om) + 1);                // eq. 24

        KPeakPerMpc = 2.5 * Math.PI * (1 + 0.217 * om) / SoundHorizonMpc;                           // eq. 25
        SoundHorizonFitMpc = 44.5 * Math.Log(9.83 / om) / Math.Sqrt(1 + 10 * Math.Pow(ob, 0.75));  // eq. 26
        AlphaGamma = 1 - 0.328 * Math.Log(431 * om) * fb + 0.38 * Math.Log(22.3 * om) * fb * fb;  // eq. 31
    }

    /// <summary>The parameters the fit was built for.</summary>
    public DataCosmology Cosmology { get; }

    /// <summary>Ω_m h².</summary>
    public double OmegaMH2 { get; }

    /// <summary>Ω_b h².</summary>
    public double OmegaBH2 { get; }

    /// <summary>f_b = Ω_b/Ω_m.</summary>
    public double BaryonFraction { get; }

    /// <summary>Θ_2.7 = T_CMB / 2.7 K.</summary>
    public double ThetaCmb { get; }

    /// <summary>1 + z_eq, matter–radiation equality (eq. 2, read as 1 + z as in tf_fit.c).</summary>
    public double OnePlusZEquality { get; }

    /// <summary>k_eq in Mpc⁻¹, the particle horizon scale at equality (eq. 3).</summary>
    public double KEqualityPerMpc { get; }

    /// <summary>z_d, the drag epoch (eq. 4).</summary>
    public double ZDrag { get; }

    /// <summary>R = 3ρ_b/4ρ_γ at the drag epoch (eq. 5).</summary>
    public double RDrag { get; }

    /// <summary>R = 3ρ_b/4ρ_γ at equality (eq. 5).</summary>
    public double REquality { get; }

    /// <summary>s, the sound horizon at the drag epoch in Mpc (eq. 6).</summary>
    public double SoundHorizonMpc { get; }

    /// <summary>s in Mpc/h (eq. 6).</summary>
    public double SoundHorizonMpcH => SoundHorizonMpc * _h;

    /// <summary>The sound-horizon fit of eq. 26 in Mpc, a per-cent-level approximation to eq. 6; it sets the no-wiggle form.</summary>
    public double SoundHorizonFitMpc { get; }

    /// <summary>k_Silk in Mpc⁻¹, the Silk damping scale (eq. 7).</summary>
    public double KSilkPerMpc { get; }

    /// <summary>α_c, the CDM suppression (eq. 11).</summary>
    public double AlphaC { get; }

    /// <summary>β_c, the CDM log shift (eq. 12).</summary>
    public double BetaC { get; }

    /// <summary>α_b, the baryon suppression (eq. 14).</summary>
    public double AlphaB { get; }

    /// <summary>β_b, the baryon envelope shift (eq. 24).</summary>
    public double BetaB { get; }

    /// <summary>β_node, the shift of the oscillation nodes (eq. 23).</summary>
    public double BetaNode { get; }

    /// <summary>The fit to the first acoustic peak of the baryon transfer function, in Mpc⁻¹ (eq. 25).</summary>
    public double KPeakPerMpc { get; }

    /// <summary>α_Γ of the no-wiggle shape (eq. 31).</summary>
    public double AlphaGamma { get; }

    /// <summary>The full transfer function T(k) = f_b T_b + f_c T_c (eq. 16), k in h/Mpc; T(0) = 1.</summary>
    public double T(double kHMpc)
    {
        var (tb, tc) = Parts(kHMpc);
        return BaryonFraction * tb + (1 - BaryonFraction) * tc;
    }

    /// <summary>The baryon part T_b (eq. 21), k in h/Mpc.</summary>
    public double TBaryon(double kHMpc) => Parts(kHMpc).Baryon;

    /// <summary>The CDM part T_c (eq. 17), k in h/Mpc.</summary>
    public double TCdm(double kHMpc) => Parts(kHMpc).Cdm;

    /// <summary>The no-wiggle transfer function (eqs. 29–31): the baryon suppression without the oscillations, k in h/Mpc.</summary>
    public double TNoWiggle(double kHMpc)
    {
        var k = CheckK(kHMpc) * _h;
        if (k == 0) return 1;
        var q = k / 13.41 / KEqualityPerMpc;
        var ks = 0.43 * k * SoundHorizonFitMpc;
        var ks2 = ks * ks;
        var gammaEff = OmegaMH2 * (AlphaGamma + (1 - AlphaGamma) / (1 + ks2 * ks2));  // eq. 30
        var qEff = q * OmegaMH2 / gammaEff;                                            // eq. 28
        var l0 = Math.Log(2 * Math.E + 1.8 * qEff);                                    // eq. 29
        var c0 = 14.2 + 731 / (1 + 62.5 * qEff);
        return l0 / (l0 + c0 * qEff * qEff);
    }

    private (double Baryon, double Cdm) Parts(double kHMpc)
    {
        var k = CheckK(kHMpc) * _h;
        if (k == 0) return (1, 1);
        var q = k / 13.41 / KEqualityPerMpc;                                           // eq. 10
        var ks = k * SoundHorizonMpc;
        var q2 = q * q;

        var lnBeta = Math.Log(Math.E + 1.8 * BetaC * q);                               // eq. 19
        var lnNoBeta = Math.Log(Math.E + 1.8 * q);
        var c1 = 386 / (1 + 69.9 * Math.Pow(q, 1.08));                                 // eq. 20
        var cAlpha = 14.2 / AlphaC + c1;
        var cNoAlpha = 14.2 + c1;
        var r = ks / 5.4;
        var r2 = r * r;
        var f = 1 / (1 + r2 * r2);                                                     // eq. 18
        var tc = f * lnBeta / (lnBeta + cNoAlpha * q2) + (1 - f) * lnBeta / (lnBeta + cAlpha * q2); // eq. 17

        if (BaryonFraction == 0) return (0, tc);
        var node = BetaNode / ks;
        var sTilde = SoundHorizonMpc / Math.Cbrt(1 + node * node * node);             // eq. 22
        var x = k * sTilde;
        var j0 = Math.Sin(x) / x;
        var t0 = lnNoBeta / (lnNoBeta + cNoAlpha * q2);
        var env = BetaB / ks;
        var tb = (t0 / (1 + (ks / 5.2) * (ks / 5.2))
                  + AlphaB / (1 + env * env * env) * Math.Exp(-Math.Pow(k / KSilkPerMpc, 1.4))) * j0; // eq. 21
        return (tb, tc);
    }

    private static double CheckK(double kHMpc)
    {
        if (!(kHMpc >= 0) || double.IsPositiveInfinity(kHMpc))
            throw new ArgumentOutOfRangeException(nameof(kHMpc), kHMpc, "the wavenumber must be finite and ≥ 0 (h/Mpc)");
        return kHMpc;
    }

    internal static void Validate(DataCosmology c)
    {
        if (!(c.OmegaM > 0 && c.OmegaM <= 1))
            throw new ArgumentException($"Ω_m must be in (0, 1] for a flat ΛCDM model, got {c.OmegaM}", nameof(c.OmegaM));
        if (!(c.OmegaB >= 0 && c.OmegaB < c.OmegaM))
            throw new ArgumentException($"Ω_b must be in [0, Ω_m = {c.OmegaM}), got {c.OmegaB}", nameof(c.OmegaB));
        if (!(c.H > 0) || double.IsInfinity(c.H))
            throw new ArgumentException($"h must be positive, got {c.H}", nameof(c.H));
        if (!(c.TCmb > 0) || double.IsInfinity(c.TCmb))
            throw new ArgumentException($"T_CMB must be positive (K), got {c.TCmb}", nameof(c.TCmb));
        if (double.IsNaN(c.NS) || double.IsInfinity(c.NS))
            throw new ArgumentException($"n_s must be finite, got {c.NS}", nameof(c.NS));
    }
}
