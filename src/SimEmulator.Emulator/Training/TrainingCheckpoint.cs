using System.Text.Json.Nodes;
using SimEmulator.Torch;
using SimEmulator.Torch.Serialization;

namespace SimEmulator.Emulator.Training;

/// <summary>The part of a training checkpoint that is not tensors: where the run is and how it was set up.</summary>
/// <param name="DataRngState">State of the batch sampler's xoshiro256** generator.</param>
/// <param name="Transform">The fitted density transform (its JSON), so a resumed run does not refit it.</param>
public sealed record TrainingState(long Step, ulong[] DataRngState, JsonObject Config, JsonObject Transform, long[] TrainSeeds, long[] HeldOutSeeds,
    double BestScore, long BestStep, int Threads, double TrainingSeconds);

/// <summary>
/// A whole training run in one safetensors file: generator, critic, EMA generator, both optimizer states, the torch RNG
/// state (tensors) and a <see cref="TrainingState"/> (JSON in the header's metadata). Written to a temporary name and
/// renamed, so a crash leaves the previous checkpoint intact.
/// </summary>
public static class TrainingCheckpoint
{
    public const string Format = "simemu-training-checkpoint/1";
    private const string MetadataKey = "simemu";

    public static void Save(string path, TrainingState state, IReadOnlyDictionary<string, Tensor> tensors)
    {
        var meta = new JsonObject
        {
            ["format"] = Format,
            ["step"] = state.Step,
            ["data_rng_state"] = new JsonArray(state.DataRngState.Select(s => (JsonNode)s.ToString()).ToArray()),
            ["config"] = state.Config.DeepClone(),
            ["transform"] = state.Transform.DeepClone(),
            ["train_seeds"] = new JsonArray(state.TrainSeeds.Select(s => (JsonNode)s).ToArray()),
            ["held_out_seeds"] = new JsonArray(state.HeldOutSeeds.Select(s => (JsonNode)s).ToArray()),
            ["best_score"] = double.IsFinite(state.BestScore) ? state.BestScore : null,
            ["best_step"] = state.BestStep,
            ["threads"] = state.Threads,
            ["training_seconds"] = state.TrainingSeconds,
        };
        SafeTensors.save_file(tensors, path, new Dictionary<string, string> { [MetadataKey] = meta.ToJsonString() });
    }

    /// <summary>Reads a checkpoint; the caller disposes the tensors. Errors name the file and what is wrong.</summary>
    public static (TrainingState State, Dictionary<string, Tensor> Tensors) Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: training checkpoint not found (nothing to resume)", path);
        Dictionary<string, Tensor> tensors;
        IReadOnlyDictionary<string, string> metadata;
        try { tensors = SafeTensors.load_file(path, out metadata); }
        catch (Exception e) when (e is not FileNotFoundException)
        {
            throw new InvalidDataException($"{path}: not a readable training checkpoint ({e.Message})", e);
        }
        try
        {
            if (!metadata.TryGetValue(MetadataKey, out var json))
                throw new InvalidDataException($"{path}: safetensors file without SimEmulator training metadata (is it an inference checkpoint's generator.safetensors?)");
            var o = JsonNode.Parse(json)!.AsObject();
            if ((string?)o["format"] != Format)
                throw new InvalidDataException($"{path}: checkpoint format '{o["format"]}', expected '{Format}'");
            var state = new TrainingState(
                (long)o["step"]!,
                o["data_rng_state"]!.AsArray().Select(s => ulong.Parse((string)s!)).ToArray(),
                o["config"]!.AsObject(),
                o["transform"]!.AsObject(),
                o["train_seeds"]!.AsArray().Select(s => (long)s!).ToArray(),
                o["held_out_seeds"]!.AsArray().Select(s => (long)s!).ToArray(),
                o["best_score"] is { } b ? (double)b : double.PositiveInfinity,
                (long)o["best_step"]!,
                (int)o["threads"]!,
                (double)o["training_seconds"]!);
            return (state, tensors);
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw new InvalidDataException($"{path}: corrupt training metadata ({e.Message})", e);
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
    }

    /// <summary>The entries of <paramref name="all"/> under "<paramref name="prefix"/>." with the prefix removed.</summary>
    public static Dictionary<string, Tensor> Section(IReadOnlyDictionary<string, Tensor> all, string prefix, string path)
    {
        var p = prefix + ".";
        var d = all.Where(kv => kv.Key.StartsWith(p, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[p.Length..], kv => kv.Value);
        if (d.Count == 0) throw new InvalidDataException($"{path}: training checkpoint has no '{prefix}' tensors");
        return d;
    }
}
