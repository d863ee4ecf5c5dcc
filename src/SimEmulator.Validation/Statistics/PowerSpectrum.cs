using System.Text.Json.Nodes;
using SimEmulator.Data.Mesh;
using SimEmulator.Torch;

namespace SimEmulator.Validation.Statistics;

/// <summary>
/// P(k) and its Legendre multipoles P₂, P₄ of a periodic cube, with Pylians3 <c>Pk_library</c> conventions
/// (ARCHITECTURE.md): unnormalised rFFT, P = |δ_k|²·L³/N⁶, δ_k divided by the mass-assignment window once, bins
/// [i, i+1)·k_F on integer |n| for i = 1 … ⌊√3·N/2⌋ (bins past k_Nyquist are cube corners), DC dropped.
/// </summary>
/// <param name="K">Mean |k| of the modes in each bin, h/Mpc.</param>
/// <param name="P0">Monopole, (Mpc/h)³. Shot noise is reported in <see cref="ShotNoise"/>, not subtracted.</param>
/// <param name="P2">Quadrupole 5·⟨P·L₂(μ)⟩, μ = k_axis/|k|, (Mpc/h)³.</param>
/// <param name="P4">Hexadecapole 9·⟨P·L₄(μ)⟩, (Mpc/h)³.</param>
/// <param name="Modes">Independent modes per bin (each ±k pair once, as Pylians counts them).</param>
/// <param name="BoxSize">L, Mpc/h.</param>
/// <param name="Nmesh">N, cells per side.</param>
/// <param name="MAS">The mass-assignment window divided out, or null for none.</param>
/// <param name="ShotNoise">L³/N_particles for a catalog-derived field, NaN otherwise; (Mpc/h)³.</param>
/// <param name="Axis">Line-of-sight axis of the multipoles (0, 1 or 2).</param>
public sealed record PowerSpectrum(
    double[] K, double[] P0, double[] P2, double[] P4, long[] Modes,
    double BoxSize, int Nmesh, MassAssignment? MAS, double ShotNoise, int Axis)
{
    /// <summary>Fundamental wavenumber k_F = 2π/L, h/Mpc.</summary>
    public double Kf => 2 * Math.PI / BoxSize;

    /// <summary>Nyquist wavenumber k_N = π·N/L, h/Mpc.</summary>
    public double KNyquist => Math.PI * Nmesh / BoxSize;

    /// <summary>Number of k bins.</summary>
    public int Count => K.Length;

    /// <summary>Auto power spectrum of an overdensity cube δ [n, n, n] (C order, x slowest), on CPU.</summary>
    /// <param name="delta">δ on the grid, n³ values.</param>
    /// <param name="boxSizeMpcH">Box side L in Mpc/h.</param>
    /// <param name="window">Mass assignment used to build δ, whose window is divided out; null for none.</param>
    /// <param name="axis">Line-of-sight axis for the multipoles.</param>
    /// <param name="particleCount">Particles behind δ, when it comes from a catalog: sets ShotNoise = L³/N.</param>
    public static PowerSpectrum Compute(float[] delta, double boxSizeMpcH, MassAssignment? window = null, int axis = 0, long? particleCount = null)
    {
        var n = PowerSpectrumEstimator.CheckCube(delta, nameof(delta));
        PowerSpectrumEstimator.CheckArguments(boxSizeMpcH, window, axis);
        using var modes = FourierBlocks.Of(delta, n);
        return Auto(modes, boxSizeMpcH, window, axis, ShotNoiseOf(boxSizeMpcH, particleCount));
    }

    /// <summary>Auto power spectrum of a cube tensor δ [n, n, n] on any device; the FFT runs there in float64 (on CPU, threaded).</summary>
    public static PowerSpectrum Compute(Tensor delta, double boxSizeMpcH, MassAssignment? window = null, int axis = 0, long? particleCount = null)
    {
        var n = PowerSpectrumEstimator.CheckCube(delta, nameof(delta));
        PowerSpectrumEstimator.CheckArguments(boxSizeMpcH, window, axis);
        using var modes = FourierBlocks.Of(delta, n);
        return Auto(modes, boxSizeMpcH, window, axis, ShotNoiseOf(boxSizeMpcH, particleCount));
    }

    /// <summary>Cross spectrum Re(δ_a δ_b*) of two cubes on the same grid, with both autos and r(k).</summary>
    public static PowerSpectrumCross Cross(float[] a, float[] b, double boxSizeMpcH,
        MassAssignment? windowA = null, MassAssignment? windowB = null, int axis = 0)
    {
        var na = PowerSpectrumEstimator.CheckCube(a, nameof(a));
        var nb = PowerSpectrumEstimator.CheckCube(b, nameof(b));
        CheckSameGrid(na, nb);
        PowerSpectrumEstimator.CheckArguments(boxSizeMpcH, windowA, axis);
        PowerSpectrumEstimator.CheckArguments(boxSizeMpcH, windowB, axis);
        using var modesA = FourierBlocks.Of(a, na);
        using var modesB = FourierBlocks.Of(b, nb);
        return CrossFromModes(modesA, modesB, boxSizeMpcH, windowA, windowB, axis);
    }

    /// <summary>Cross spectrum Re(δ_a δ_b*) of two cube tensors on the same grid, with both autos and r(k).</summary>
    public static PowerSpectrumCross Cross(Tensor a, Tensor b, double boxSizeMpcH,
        MassAssignment? windowA = null, MassAssignment? windowB = null, int axis = 0)
    {
        var na = PowerSpectrumEstimator.CheckCube(a, nameof(a));
        var nb = PowerSpectrumEstimator.CheckCube(b, nameof(b));
        CheckSameGrid(na, nb);
        PowerSpectrumEstimator.CheckArguments(boxSizeMpcH, windowA, axis);
        PowerSpectrumEstimator.CheckArguments(boxSizeMpcH, windowB, axis);
        using var modesA = FourierBlocks.Of(a, na);
        using var modesB = FourierBlocks.Of(b, nb);
        return CrossFromModes(modesA, modesB, boxSizeMpcH, windowA, windowB, axis);
    }

    private static void CheckSameGrid(int na, int nb)
    {
        if (na != nb)
            throw new ArgumentException($"'a' and 'b' must be cubes on the same grid, got n = {na} and n = {nb}", "b");
    }

    private static double ShotNoiseOf(double boxSize, long? particleCount)
    {
        if (particleCount is not { } np) return double.NaN;
        if (np <= 0) throw new ArgumentOutOfRangeException(nameof(particleCount), np, "'particleCount' must be positive when given");
        return boxSize * boxSize * boxSize / np;
    }

    private static PowerSpectrum Auto(FourierBlocks modes, double boxSize, MassAssignment? window, int axis, double shotNoise) =>
        FromBinned(PowerSpectrumEstimator.Bin(modes, null, window, window, axis)[0], modes.N, boxSize, window, axis, shotNoise);

    private static PowerSpectrumCross CrossFromModes(FourierBlocks a, FourierBlocks b, double boxSize,
        MassAssignment? windowA, MassAssignment? windowB, int axis)
    {
        // One pass over the modes bins the cross and both autos.
        var binned = PowerSpectrumEstimator.Bin(a, b, windowA, windowB, axis);
        var n = a.N;
        // A cross of two differently assigned fields records the first's MAS; PowerSpectrumCross keeps both autos.
        var cross = FromBinned(binned[0], n, boxSize, windowA ?? windowB, axis, double.NaN);
        var autoA = FromBinned(binned[1], n, boxSize, windowA, axis, double.NaN);
        var autoB = FromBinned(binned[2], n, boxSize, windowB, axis, double.NaN);
        return new PowerSpectrumCross(cross, autoA, autoB);
    }

    private static PowerSpectrum FromBinned(PowerSpectrumEstimator.Binned binned, int n, double boxSize, MassAssignment? mas, int axis, double shotNoise)
    {
        var (k, p0, p2, p4, modes) = binned.Finish(boxSize, n);
        return new PowerSpectrum(k, p0, p2, p4, modes, boxSize, n, mas, shotNoise, axis);
    }

    // ------------------------------------------------------------------ JSON

    /// <summary>nbodykit-style JSON: {"columns": {"k", "P0", "P2", "P4", "modes"}, "attrs": {BoxSize, Nmesh, MAS, ...}}.</summary>
    public string ToJson() => ToJsonNode().ToJsonString(ResultJson.Options);

    internal JsonObject ToJsonNode() => new()
    {
        ["columns"] = new JsonObject
        {
            ["k"] = ResultJson.Node(K),
            ["P0"] = ResultJson.Node(P0),
            ["P2"] = ResultJson.Node(P2),
            ["P4"] = ResultJson.Node(P4),
            ["modes"] = ResultJson.Node(Modes),
        },
        ["attrs"] = new JsonObject
        {
            ["BoxSize"] = BoxSize,
            ["Nmesh"] = Nmesh,
            ["MAS"] = MAS is { } m ? m.ToName() : "None",
            ["ShotNoise"] = ResultJson.Node(ShotNoise),
            ["Kf"] = Kf,
            ["KNyquist"] = KNyquist,
            ["axis"] = Axis,
        },
    };

    /// <summary>Reads what <see cref="ToJson"/> wrote (the values round-trip exactly).</summary>
    public static PowerSpectrum FromJson(string json) => FromColumns(ResultJson.ParseColumnsAttrs(json, What));

    internal static PowerSpectrum FromJsonNode(JsonObject node) => FromColumns(ResultJson.ColumnsAttrs(node, What));

    private const string What = "power spectrum";

    private static PowerSpectrum FromColumns((JsonObject columns, JsonObject attrs) doc)
    {
        var (columns, attrs) = doc;
        T Read<T>(JsonObject o, string key) => ResultJson.Read<T>(o, key, What);
        var mas = Read<string>(attrs, "MAS");
        var k = Read<double[]>(columns, "k");
        var p0 = Read<double[]>(columns, "P0");
        var p2 = Read<double[]>(columns, "P2");
        var p4 = Read<double[]>(columns, "P4");
        var modes = Read<long[]>(columns, "modes");
        if (p0.Length != k.Length || p2.Length != k.Length || p4.Length != k.Length || modes.Length != k.Length)
            throw new FormatException($"power spectrum JSON columns differ in length (k {k.Length}, P0 {p0.Length}, P2 {p2.Length}, P4 {p4.Length}, modes {modes.Length})");
        return new PowerSpectrum(k, p0, p2, p4, modes,
            Read<double>(attrs, "BoxSize"), Read<int>(attrs, "Nmesh"),
            mas == "None" ? null : MassAssignmentExtensions.Parse(mas),
            Read<double>(attrs, "ShotNoise"), attrs.ContainsKey("axis") ? Read<int>(attrs, "axis") : 0);
    }
}
