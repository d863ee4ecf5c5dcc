using SimEmulator.Emulator.Models;
using SimEmulator.Emulator.Transforms;
using SimEmulator.Torch;
using SimEmulator.Torch.Modules;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Emulator.Inference;

/// <summary>
/// Draws overdensity cubes from a generator: realization i's latent comes from its own seed (seed0 + i), so a cube does
/// not depend on the batch it was drawn in; the inverse density transform is applied to every cube.
/// </summary>
public static class CubeSampling
{
    /// <summary>Latents [count, latent_dim] for seeds seed0 … seed0+count−1, one torch Generator per realization.</summary>
    public static Tensor Latents(ModelConfig model, long seed0, int count, Device device)
    {
        var zs = new List<Tensor>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                using var g = new Generator(seed0 + i);
                zs.Add(LatentPrior.Sample(model, 1, g));
            }
            using var z = cat(zs, 0);
            return z.to(device);
        }
        finally { foreach (var z in zs) z.Dispose(); }
    }

    /// <summary>
    /// Generates cubes seed0 … seed0+count−1 in batches of <paramref name="batchSize"/> and hands each batch's δ cubes
    /// (n³ floats each, C order) to <paramref name="sink"/> with their seeds. <paramref name="conditions"/> holds one value
    /// per conditioning parameter (the same for every cube) or count × that (one row per cube).
    /// </summary>
    public static void Generate(Module generator, ModelConfig model, IDensityTransform transform, int count, long seed0, int batchSize,
        Device device, float[]? conditions, Action<float[], long[]> sink)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be non-negative");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be at least 1");
        var nc = model.Conditioning.Length;
        var given = conditions?.Length ?? 0;
        if (given != nc && (nc == 0 || given != count * nc))
            throw new ArgumentException($"the model is conditioned on {nc} parameter(s) ({string.Join(", ", model.Conditioning)}); got {given} value(s)", nameof(conditions));
        var perCube = nc > 0 && given == count * nc && count > 1;
        var wasTraining = generator.training;
        generator.eval();
        try
        {
            for (var start = 0; start < count; start += batchSize)
            {
                var b = Math.Min(batchSize, count - start);
                using var scope = NewDisposeScope();
                using var _ = no_grad();
                var z = Latents(model, seed0 + start, b, device);
                Tensor? c = null;
                if (nc > 0)
                {
                    var rows = new float[b * nc];
                    for (var i = 0; i < b; i++)
                        conditions!.AsSpan(perCube ? (start + i) * nc : 0, nc).CopyTo(rows.AsSpan(i * nc, nc));
                    c = tensor(rows, [b, nc], device);
                }
                var y = generator is CubeGenerator cg ? cg.forward(z, c) : generator.call(z);
                var delta = transform.Inverse(y).to(CPU).contiguous();
                var cubes = delta.data<float>();
                sink(cubes, Enumerable.Range(start, b).Select(i => seed0 + i).ToArray());
            }
        }
        finally
        {
            if (wasTraining) generator.train();
        }
    }

    /// <summary>Generates <paramref name="count"/> cubes into memory, one float[] per cube.</summary>
    public static List<float[]> Sample(Module generator, ModelConfig model, IDensityTransform transform, int count, long seed0, int batchSize,
        Device device, float[]? conditions)
    {
        var n3 = model.Grid * model.Grid * model.Grid;
        var list = new List<float[]>(count);
        Generate(generator, model, transform, count, seed0, batchSize, device, conditions, (cubes, seeds) =>
        {
            for (var i = 0; i < seeds.Length; i++) list.Add(cubes.AsSpan(i * n3, n3).ToArray());
        });
        return list;
    }
}
