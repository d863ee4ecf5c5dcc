using SimEmulator.Data.Hdf5;

namespace SimEmulator.Data.Layouts;

/// <summary>Flat ΛCDM parameters; the defaults are Quijote's fiducial cosmology (Villaescusa-Navarro et al. 2020).</summary>
/// <param name="TCmb">CMB temperature today in K (enters the Eisenstein–Hu transfer function).</param>
public sealed record Cosmology(double OmegaM = 0.3175, double OmegaB = 0.049, double H = 0.6711, double NS = 0.9624, double Sigma8 = 0.834,
    double TCmb = 2.7255)
{
    public static Cosmology Quijote { get; } = new();

    internal static readonly string[] AttributeNames = ["omega_m", "omega_b", "h", "n_s", "sigma_8"];

    internal void WriteTo(H5Attributes a)
    {
        a.Set("omega_m", OmegaM);
        a.Set("omega_b", OmegaB);
        a.Set("h", H);
        a.Set("n_s", NS);
        a.Set("sigma_8", Sigma8);
        a.Set("t_cmb", TCmb);
    }

    internal static Cosmology ReadFrom(H5Attributes a) =>
        new(a.Get<double>("omega_m"), a.Get<double>("omega_b"), a.Get<double>("h"), a.Get<double>("n_s"), a.Get<double>("sigma_8"),
            a.Contains("t_cmb") ? a.Get<double>("t_cmb") : 2.7255);
}
