using SimEmulator.Data.Gadget;
using SimEmulator.Data.Layouts;
using SimEmulator.Simulation.Config;
using SimEmulator.Simulation.Cosmology;
using SimEmulator.Simulation.InitialConditions;
using SimEmulator.Simulation.NBody;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Simulation;

/// <summary>The cubes (and optionally the final particles) of one simulated realization.</summary>
public sealed record NBodyRealization(long Seed, IReadOnlyDictionary<int, float[]> FieldsByGrid, SnapshotParticles? Particles);

/// <summary>
/// One configured simulation set: linear P(k) → seeded Gaussian field → Zel'dovich/2LPT particles at z_start → FastPM
/// kick-drift-kick steps to z_end → CIC overdensity cubes at every output grid. What `simemu simulate nbody` runs.
/// </summary>
public sealed class NBodyRun
{
    public NBodyRun(NBodyConfig config, string configPath, Device? device = null)
    {
        Config = config;
        ConfigPath = configPath;
        Device = device ?? CPU;
        Cosmology = config.Cosmology.ToCosmology();
        Growth = new LcdmGrowth(Cosmology);
        Power = config.PowerSpectrum switch
        {
            "eisenstein_hu" => new EisensteinHuPower(Cosmology),
            "eisenstein_hu_nowiggle" => new EisensteinHuPower(Cosmology, wiggles: false),
            var table => TabulatedPower.Read(Path.IsPathRooted(table) ? table : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath))!, table)),
        };
        Options = new PmOptions(config.MeshFactor, ForceGradientNames.Parse(config.Gradient));
        AStart = TimeSteps.ScaleFactor(config.ZStart);
        AEnd = TimeSteps.ScaleFactor(config.ZEnd);
    }

    public NBodyConfig Config { get; }
    public string ConfigPath { get; }
    public Device Device { get; }
    public Data.Layouts.Cosmology Cosmology { get; }
    public IGrowth Growth { get; }
    public ILinearPower Power { get; }
    public PmOptions Options { get; }
    public double AStart { get; }
    public double AEnd { get; }

    /// <summary>Offset of the particle lattice from the grid nodes, in particle spacings (applied to all three axes).</summary>
    public const double LatticeOffsetCells = 0.25;

    /// <summary>Provenance written with every field set: what a rerun must match to resume into the same file.</summary>
    public string Source =>
        $"simemu simulate nbody {Path.GetFileName(ConfigPath)}: {Config.Particles}^3 particles, {Options.ForceMeshSize(Config.Particles)}^3 mesh, " +
        $"{Config.Steps} steps linear in a from z={Config.ZStart:G6}, {(Config.LptOrder == 2 ? "2LPT" : "ZA")}, gradient {Config.Gradient}, " +
        $"P(k) {Config.PowerSpectrum}, lattice offset {LatticeOffsetCells} spacing{(Config.FixedAmplitude ? ", fixed amplitude" : "")}{(Config.PairedPhases ? ", paired phases" : "")}";

    public FieldSetInfo InfoFor(int grid) =>
        new(Config.BoxSizeMpch, grid, Config.ZEnd, FieldKind.Overdensity, "CIC", Cosmology, Source);

    /// <summary>Simulates the realization with this seed; stepProgress reports each kick-drift-kick step.</summary>
    public NBodyRealization Simulate(long seed, bool keepParticles = false, IProgress<PmProgress>? stepProgress = null,
        CancellationToken cancellationToken = default)
    {
        using var scope = NewDisposeScope();
        var delta = GaussianField.Generate(Config.Particles, Config.BoxSizeMpch, Power, seed, Config.FixedAmplitude, Config.PairedPhases, Device);
        var lpt = Lpt.Particles(delta, Config.BoxSizeMpch, Growth, AStart, Config.LptOrder == 2 ? LptOrder.Second : LptOrder.First);
        delta.Dispose();
        // With a force mesh twice as fine, a lattice on the nodes puts every particle on a mesh node, where CIC
        // paint + fd4 force overshoot (+30% at half the particle Nyquist); a quarter-spacing offset (half a mesh cell)
        // brings that to +3%. A uniform translation of a periodic box changes no statistic.
        var shifted = (lpt.X + LatticeOffsetCells * Config.BoxSizeMpch / Config.Particles).remainder(Config.BoxSizeMpch);
        var initial = lpt with { X = shifted };
        using var sim = new PmSimulation(Growth, initial, Options, Device);
        sim.Run(AEnd, Config.Steps, stepProgress, cancellationToken);
        var fields = Config.OutputGrids.Distinct().ToDictionary(g => g, g => sim.DensityArray(g));
        SnapshotParticles? particles = null;
        if (keepParticles)
        {
            var state = sim.State();
            particles = PmSnapshot.ToSnapshotParticles(state, Cosmology.OmegaM);
        }
        return new NBodyRealization(seed, fields, particles);
    }

    /// <summary>Output file of one grid: the path itself for a single grid, else NAME-gridN.EXT.</summary>
    public static string OutputPath(string output, int grid, int gridCount) =>
        gridCount == 1 ? output
            : Path.Combine(Path.GetDirectoryName(output) ?? "", $"{Path.GetFileNameWithoutExtension(output)}-grid{grid}{Path.GetExtension(output)}");
}
