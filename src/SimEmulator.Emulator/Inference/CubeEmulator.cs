using SimEmulator.Data.Layouts;
using SimEmulator.Emulator.Models;
using SimEmulator.Emulator.Transforms;
using SimEmulator.Torch;

namespace SimEmulator.Emulator.Inference;

/// <summary>
/// A loaded emulator: draws overdensity cubes from a shipped checkpoint and streams them into a field set, recording
/// the checkpoint hash, the seeds, box, grid and cosmology. Same seed on CPU → same bytes.
/// </summary>
public sealed class CubeEmulator : IDisposable
{
    private readonly CubeGenerator generator;
    private readonly Device device;

    private CubeEmulator(string directory, ModelCard card, CubeGenerator generator, IDensityTransform transform, Device device)
    {
        Directory = directory;
        Card = card;
        this.generator = generator;
        Transform = transform;
        this.device = device;
    }

    public string Directory { get; }
    public ModelCard Card { get; }
    public IDensityTransform Transform { get; }
    public int Grid => Card.Model.Grid;

    /// <summary>Loads checkpoints/&lt;name&gt; (model.json + generator.safetensors); errors name the missing or corrupt file.</summary>
    public static CubeEmulator Load(string directory, Device? device = null)
    {
        var d = device ?? torch.CPU;
        var (card, g) = InferenceCheckpoint.Load(directory, d);
        try
        {
            IDensityTransform transform;
            try { transform = DensityTransform.FromJson(card.Transform); }
            catch (ArgumentException e) { throw new InvalidDataException($"{Path.Combine(directory, InferenceCheckpoint.CardFile)}: bad transform ({e.Message})", e); }
            return new CubeEmulator(directory, card, g, transform, d);
        }
        catch
        {
            g.Dispose();
            throw;
        }
    }

    /// <summary>Cubes for seeds seed0 … seed0+count−1 in memory (δ, n³ floats each).</summary>
    public List<float[]> Sample(int count, long seed0, int batchSize = 16, float[]? conditions = null) =>
        CubeSampling.Sample(generator, Card.Model, Transform, count, seed0, batchSize, device, conditions);

    /// <summary>
    /// Writes <paramref name="count"/> realizations (seeds seed0 …) to a field set at <paramref name="outPath"/>, batch by
    /// batch, under a temporary name renamed when complete. <paramref name="progress"/> receives the number written.
    /// </summary>
    public void Generate(string outPath, int count, long seed0, int batchSize = 16, float[]? conditions = null, IProgress<int>? progress = null)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be at least 1");
        var info = Card.Fields with { Source = $"simemu generate {Path.GetFullPath(Directory)}" };
        var dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (dir is not null) System.IO.Directory.CreateDirectory(dir);
        using var writer = FieldSetWriter.Create(outPath, info);
        var a = writer.Attributes;
        a.Set("checkpoint", Card.Name);
        a.Set("checkpoint_sha256", Card.GeneratorSha256);
        a.Set("generator_seed0", seed0);
        a.Set("training_steps", Card.Training.Steps);
        for (var i = 0; i < Card.Model.Conditioning.Length; i++) a.Set($"condition_{Card.Model.Conditioning[i]}", (double)conditions![i]);
        var written = 0;
        CubeSampling.Generate(generator, Card.Model, Transform, count, seed0, batchSize, device, conditions, (cubes, seeds) =>
        {
            writer.AppendBatch(cubes, seeds);
            written += seeds.Length;
            progress?.Report(written);
        });
        writer.Complete();
    }

    public void Dispose() => generator.Dispose();
}
