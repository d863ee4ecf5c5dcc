using SimEmulator.Torch;
using SimEmulator.Data.Randomness;

namespace SimEmulator.Emulator.Datasets;

/// <summary>
/// Random training batches from a <see cref="CubeDataset"/>, driven only by the given <see cref="Xoshiro256StarStar"/> (so a restored
/// generator state replays the same batches). Per sample: a uniform realization; with augment, a uniform periodic offset
/// in [0, n)³ (wrap-around crop) and a uniform one of the 48 cube symmetries; without, a plain non-wrapping sub-cube
/// at a uniform offset in [0, n − m]³ (for m = n: the realization itself).
/// </summary>
public sealed class CubeSampler
{
    private readonly CubeDataset data;
    private readonly Xoshiro256StarStar rng;
    private readonly double[][] conditionColumns;

    /// <param name="data">Cubes to draw from (usually already mapped by the density transform).</param>
    /// <param name="cubeSize">Side m of the returned cubes, 1 ≤ m ≤ n.</param>
    /// <param name="augment">Draw periodic shifts and cube symmetries.</param>
    /// <param name="rng">The only source of randomness; its state advances with every batch.</param>
    /// <param name="conditioning">Names of data.Params columns returned as Conditions, in this order; null for none.</param>
    public CubeSampler(CubeDataset data, int cubeSize, bool augment, Xoshiro256StarStar rng, IReadOnlyList<string>? conditioning = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rng);
        if (cubeSize < 1 || cubeSize > data.Grid)
            throw new ArgumentOutOfRangeException(nameof(cubeSize), cubeSize, $"cube size must be in [1, {data.Grid}] (the dataset's grid)");
        conditioning ??= [];
        var missing = conditioning.Where(c => !data.Params.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            var have = data.Params.Count > 0 ? string.Join(", ", data.Params.Keys.Order()) : "none";
            throw new ArgumentException(
                $"{data.Path ?? "the dataset"} has no /params/{missing[0]}{(missing.Count > 1 ? $" (nor {string.Join(", ", missing.Skip(1))})" : "")} " +
                $"to condition on; parameters present: {have}", nameof(conditioning));
        }
        this.data = data;
        this.rng = rng;
        CubeSize = cubeSize;
        Augment = augment;
        Conditioning = [.. conditioning];
        conditionColumns = [.. Conditioning.Select(c => data.Params[c])];
    }

    public int CubeSize { get; }
    public bool Augment { get; }
    public IReadOnlyList<string> Conditioning { get; }

    /// <summary>
    /// Cubes float32 [B, 1, m, m, m] and, when conditioning names were given, Conditions float32 [B, c] (else null),
    /// on <paramref name="device"/> (CPU by default). The caller owns and disposes both.
    /// </summary>
    public (Tensor Cubes, Tensor? Conditions) NextBatch(int batch, Device? device = null)
    {
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch size must be at least 1");
        int n = data.Grid, m = CubeSize, cells = m * m * m;
        var cubes = new float[(long)batch * cells];
        var conditions = conditionColumns.Length > 0 ? new float[batch * conditionColumns.Length] : null;
        var crop = Augment ? new float[cells] : null;
        for (var b = 0; b < batch; b++)
        {
            var r = rng.NextInt(data.Count);
            var dst = cubes.AsSpan(b * cells, cells);
            if (Augment)
            {
                int ox = rng.NextInt(n), oy = rng.NextInt(n), oz = rng.NextInt(n);
                var symmetry = rng.NextInt(CubeSymmetry.Count);
                CubeSymmetry.RollCrop(data.Field(r), n, crop, m, ox, oy, oz);
                CubeSymmetry.Apply(crop, dst, m, symmetry);
            }
            else
            {
                int ox = rng.NextInt(n - m + 1), oy = rng.NextInt(n - m + 1), oz = rng.NextInt(n - m + 1);
                CubeSymmetry.RollCrop(data.Field(r), n, dst, m, ox, oy, oz);
            }
            if (conditions is not null)
                for (var c = 0; c < conditionColumns.Length; c++)
                    conditions[b * conditionColumns.Length + c] = (float)conditionColumns[c][r];
        }
        var cubesTensor = torch.tensor(cubes, [batch, 1, m, m, m], device);
        if (conditions is null) return (cubesTensor, null);
        try
        {
            return (cubesTensor, torch.tensor(conditions, [batch, conditionColumns.Length], device));
        }
        catch
        {
            cubesTensor.Dispose();
            throw;
        }
    }
}
