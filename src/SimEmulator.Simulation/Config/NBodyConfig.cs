using SimEmulator.Data.Config;
using DataCosmology = SimEmulator.Data.Layouts.Cosmology;

namespace SimEmulator.Simulation.Config;

/// <summary>Cosmological parameters as written in configs (snake_case keys); defaults are Quijote's fiducial values.</summary>
public sealed class CosmologyConfig
{
    public double OmegaM { get; set; } = 0.3175;
    public double OmegaB { get; set; } = 0.049;
    public double H { get; set; } = 0.6711;
    public double NS { get; set; } = 0.9624;
    [YamlDotNet.Serialization.YamlMember(Alias = "sigma_8")]
    public double Sigma8 { get; set; } = 0.834;
    public double TCmb { get; set; } = 2.7255;

    public DataCosmology ToCosmology() => new(OmegaM, OmegaB, H, NS, Sigma8, TCmb);
}

/// <summary>
/// A particle-mesh simulation set (configs/nbody-*.yaml): box, particles, force mesh, time stepping, initial conditions
/// and the density cubes written per realization. Realization i of a run uses seed seed0 + i.
/// </summary>
public sealed class NBodyConfig
{
    /// <summary>Side of the periodic box, Mpc/h.</summary>
    public double BoxSizeMpch { get; set; } = 128;
    /// <summary>Particles per side (N³ particles, one per initial grid cell).</summary>
    public int Particles { get; set; } = 64;
    /// <summary>Force mesh B× finer than the particle grid.</summary>
    public int MeshFactor { get; set; } = 2;
    public double ZStart { get; set; } = 19;
    public double ZEnd { get; set; } = 0;
    /// <summary>Kick–drift–kick steps, linear in a.</summary>
    public int Steps { get; set; } = 10;
    /// <summary>1 (Zel'dovich) or 2 (2LPT).</summary>
    public int LptOrder { get; set; } = 2;
    /// <summary>fd4 (FastPM's 4-point finite difference) or exact (ik).</summary>
    public string Gradient { get; set; } = "fd4";
    /// <summary>eisenstein_hu, eisenstein_hu_nowiggle, or the path of a CAMB/CLASS table (k [h/Mpc], P [(Mpc/h)³]) at z = 0.</summary>
    public string PowerSpectrum { get; set; } = "eisenstein_hu";
    public bool FixedAmplitude { get; set; }
    public bool PairedPhases { get; set; }
    /// <summary>Seed of realization 0; realization i uses seed0 + i. Train and held-out sets use disjoint ranges.</summary>
    public long Seed0 { get; set; } = 1000;
    /// <summary>Cells per side of the density cubes written (CIC, overdensity), one field set per grid.</summary>
    public List<int> OutputGrids { get; set; } = [32, 64];
    public CosmologyConfig Cosmology { get; set; } = new();

    public static NBodyConfig Load(string path)
    {
        var c = YamlConfig.Load<NBodyConfig>(path);
        c.Validate(path);
        return c;
    }

    public void Validate(string path)
    {
        YamlConfig.Require(BoxSizeMpch > 0, path, "box_size_mpch", $"must be positive (Mpc/h), got {BoxSizeMpch}");
        YamlConfig.Require(Particles >= 4, path, "particles", $"must be at least 4 per side, got {Particles}");
        YamlConfig.Require(MeshFactor >= 1, path, "mesh_factor", $"must be at least 1, got {MeshFactor}");
        YamlConfig.Require(ZStart > ZEnd && ZEnd >= 0, path, "z_start", $"must exceed z_end ≥ 0, got z_start {ZStart}, z_end {ZEnd}");
        YamlConfig.Require(Steps >= 1, path, "steps", $"must be at least 1, got {Steps}");
        YamlConfig.Require(LptOrder is 1 or 2, path, "lpt_order", $"must be 1 or 2, got {LptOrder}");
        YamlConfig.Require(Gradient is "fd4" or "exact", path, "gradient", $"must be fd4 or exact, got '{Gradient}'");
        YamlConfig.Require(OutputGrids.Count > 0 && OutputGrids.All(g => g >= 2), path, "output_grids", "must list at least one grid of 2 or more cells");
        YamlConfig.Require(Cosmology.OmegaM is > 0 and <= 1, path, "cosmology.omega_m", $"must be in (0, 1], got {Cosmology.OmegaM}");
        YamlConfig.Require(Cosmology.OmegaB >= 0 && Cosmology.OmegaB < Cosmology.OmegaM, path, "cosmology.omega_b", "must be in [0, omega_m)");
        YamlConfig.Require(Cosmology.Sigma8 > 0, path, "cosmology.sigma_8", "must be positive");
    }
}
