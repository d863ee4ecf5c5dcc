using System.Security.Cryptography;
using System.Text;
using SimEmulator.Data;
using SimEmulator.Emulator.Models;
using SimEmulator.Torch;

namespace SimEmulator.Emulator.Inference;

/// <summary>
/// A shipped emulator: a folder with model.json (<see cref="ModelCard"/>) and generator.safetensors (the EMA generator's
/// weights). Loading checks the weights' SHA-256 against model.json, so a truncated or swapped file is caught.
/// </summary>
public static class InferenceCheckpoint
{
    public const string CardFile = "model.json";
    public const string WeightsFile = "generator.safetensors";

    /// <summary>Writes both files (each atomically; weights first, so model.json never names weights that are not there).</summary>
    public static ModelCard Save(string dir, ModelCard card, CubeGenerator generator)
    {
        Directory.CreateDirectory(dir);
        var weights = Path.Combine(dir, WeightsFile);
        using (torch.NewDisposeScope())
            SafeTensors.save_file(generator.state_dict(), weights, new Dictionary<string, string> { ["format"] = ModelCard.Format, ["name"] = card.Name });
        var signed = card with { GeneratorSha256 = Sha256(weights) };
        var json = signed.ToJson().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
        AtomicFile.Write(Path.Combine(dir, CardFile), s => s.Write(Encoding.UTF8.GetBytes(json)));
        return signed;
    }

    /// <summary>Reads model.json of a checkpoint folder and checks that generator.safetensors is there with the recorded SHA-256.</summary>
    public static ModelCard ReadCard(string dir)
    {
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"{dir}: checkpoint folder not found (expected {CardFile} and {WeightsFile} in it)");
        var cardPath = Path.Combine(dir, CardFile);
        var weights = Path.Combine(dir, WeightsFile);
        if (!File.Exists(cardPath)) throw new FileNotFoundException($"{cardPath}: missing; {dir} is not an emulator checkpoint", cardPath);
        if (!File.Exists(weights)) throw new FileNotFoundException($"{weights}: missing; the checkpoint has no generator weights", weights);
        var card = ModelCard.FromJson(File.ReadAllText(cardPath), cardPath);
        var hash = Sha256(weights);
        if (!string.Equals(hash, card.GeneratorSha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{weights}: SHA-256 {hash} does not match {card.GeneratorSha256} recorded in {cardPath}; the weights are corrupt or from another model");
        return card;
    }

    /// <summary>Reads model.json and builds the generator with its weights (on <paramref name="device"/>, in eval mode).</summary>
    public static (ModelCard Card, CubeGenerator Generator) Load(string dir, Device? device = null)
    {
        var card = ReadCard(dir);
        var cardPath = Path.Combine(dir, CardFile);
        var weights = Path.Combine(dir, WeightsFile);
        var g = new CubeGenerator(card.Model);
        try
        {
            Dictionary<string, Tensor> state;
            try { state = SafeTensors.load_file(weights); }
            catch (Exception e) { throw new InvalidDataException($"{weights}: unreadable ({e.Message})", e); }
            try { g.load_state_dict(state); }
            catch (ArgumentException e) { throw new InvalidDataException($"{weights}: weights do not fit the architecture in {cardPath} ({e.Message})", e); }
            finally { foreach (var t in state.Values) t.Dispose(); }
            if (device is not null) g.to(device);
            g.eval();
            return (card, g);
        }
        catch
        {
            g.Dispose();
            throw;
        }
    }

    public static string Sha256(string path)
    {
        using var f = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(f));
    }
}
