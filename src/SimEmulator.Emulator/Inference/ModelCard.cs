using System.Text.Json.Nodes;
using SimEmulator.Data.Layouts;
using SimEmulator.Emulator.Models;

namespace SimEmulator.Emulator.Inference;

/// <summary>Where an emulator's weights came from: training data, seeds and optimisation settings.</summary>
public sealed record TrainingProvenance(string DataPath, string DataSource, long[] TrainSeeds, long[] HeldOutSeeds, ulong SplitSeed, long Seed,
    long Steps, int BatchSize, int NCritic, double GpLambda, double LrGenerator, double LrCritic, double[] Betas, double EmaDecay, bool Augment,
    int Threads, string Device, double TrainingSeconds);

/// <summary>
/// model.json of an inference checkpoint: architecture, density transform, what the generated fields are (box, grid,
/// redshift, cosmology), training provenance, validation summary, and the SHA-256 of generator.safetensors.
/// </summary>
public sealed record ModelCard(string Name, ModelConfig Model, JsonObject Transform, FieldSetInfo Fields, TrainingProvenance Training,
    JsonObject? Validation, string GeneratorSha256 = "")
{
    public const string Format = "simemu-emulator/1";

    public JsonObject ToJson()
    {
        var t = Training;
        return new JsonObject
        {
            ["format"] = Format,
            ["name"] = Name,
            ["model"] = Model.ToJson(),
            ["transform"] = Transform.DeepClone(),
            ["fields"] = new JsonObject
            {
                ["box_size_mpch"] = Fields.BoxSizeMpcH,
                ["grid"] = Fields.Grid,
                ["redshift"] = Fields.Redshift,
                ["kind"] = "overdensity",
                ["mass_assignment"] = Fields.MassAssignment,
                ["cosmology"] = new JsonObject
                {
                    ["omega_m"] = Fields.Cosmology.OmegaM, ["omega_b"] = Fields.Cosmology.OmegaB, ["h"] = Fields.Cosmology.H,
                    ["n_s"] = Fields.Cosmology.NS, ["sigma_8"] = Fields.Cosmology.Sigma8, ["t_cmb"] = Fields.Cosmology.TCmb,
                },
            },
            ["training"] = new JsonObject
            {
                ["data_path"] = t.DataPath,
                ["data_source"] = t.DataSource,
                ["train_simulations"] = t.TrainSeeds.Length,
                ["train_seeds"] = SeedRanges(t.TrainSeeds),
                ["held_out_seeds"] = SeedRanges(t.HeldOutSeeds),
                ["split_seed"] = t.SplitSeed,
                ["seed"] = t.Seed,
                ["steps"] = t.Steps,
                ["batch_size"] = t.BatchSize,
                ["n_critic"] = t.NCritic,
                ["gp_lambda"] = t.GpLambda,
                ["lr_generator"] = t.LrGenerator,
                ["lr_critic"] = t.LrCritic,
                ["betas"] = new JsonArray(t.Betas.Select(b => (JsonNode)b).ToArray()),
                ["ema_decay"] = t.EmaDecay,
                ["augment"] = t.Augment,
                ["threads"] = t.Threads,
                ["device"] = t.Device,
                ["training_seconds"] = t.TrainingSeconds,
            },
            ["validation"] = Validation?.DeepClone(),
            ["generator_sha256"] = GeneratorSha256,
        };
    }

    /// <summary>Parses model.json; <paramref name="path"/> names the file in errors.</summary>
    public static ModelCard FromJson(string json, string path)
    {
        try
        {
            var o = JsonNode.Parse(json)!.AsObject();
            if ((string?)o["format"] != Format)
                throw new InvalidDataException($"{path}: format '{o["format"]}', expected '{Format}'");
            var f = o["fields"]!.AsObject();
            var c = f["cosmology"]!.AsObject();
            var cosmology = new Cosmology((double)c["omega_m"]!, (double)c["omega_b"]!, (double)c["h"]!, (double)c["n_s"]!, (double)c["sigma_8"]!,
                (double)c["t_cmb"]!);
            var name = (string)o["name"]!;
            var fields = new FieldSetInfo((double)f["box_size_mpch"]!, (int)f["grid"]!, (double)f["redshift"]!, FieldKind.Overdensity,
                (string)f["mass_assignment"]!, cosmology, $"simemu generate {name}");
            var t = o["training"]!.AsObject();
            var training = new TrainingProvenance((string)t["data_path"]!, (string)t["data_source"]!, ParseRanges(t["train_seeds"]!),
                ParseRanges(t["held_out_seeds"]!), (ulong)t["split_seed"]!, (long)t["seed"]!, (long)t["steps"]!, (int)t["batch_size"]!,
                (int)t["n_critic"]!, (double)t["gp_lambda"]!, (double)t["lr_generator"]!, (double)t["lr_critic"]!,
                t["betas"]!.AsArray().Select(b => (double)b!).ToArray(), (double)t["ema_decay"]!, (bool)t["augment"]!, (int)t["threads"]!,
                (string)t["device"]!, (double)t["training_seconds"]!);
            return new ModelCard(name, ModelConfig.FromJson(o["model"]!.AsObject()), o["transform"]!.AsObject(), fields, training,
                o["validation"]?.AsObject(), (string)o["generator_sha256"]!);
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            throw new InvalidDataException($"{path}: not a valid model.json ({e.Message})", e);
        }
    }

    /// <summary>Sorted seeds as compact inclusive ranges [[a, b], …] (training sets are usually contiguous).</summary>
    private static JsonArray SeedRanges(long[] seeds)
    {
        var sorted = seeds.Order().ToArray();
        var ranges = new JsonArray();
        for (var i = 0; i < sorted.Length;)
        {
            var j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1) j++;
            ranges.Add(new JsonArray(sorted[i], sorted[j]));
            i = j + 1;
        }
        return ranges;
    }

    private static long[] ParseRanges(JsonNode node) =>
        node.AsArray().SelectMany(r =>
        {
            var a = (long)r![0]!;
            var b = (long)r[1]!;
            return Enumerable.Range(0, checked((int)(b - a + 1))).Select(k => a + k);
        }).ToArray();
}
