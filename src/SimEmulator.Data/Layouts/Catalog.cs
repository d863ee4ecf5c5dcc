using SimEmulator.Data.Hdf5;

namespace SimEmulator.Data.Layouts;

/// <summary>
/// Points in a periodic box: positions [N, 3] in Mpc/h within [0, box), optional peculiar velocities [N, 3] in km/s
/// and weights [N]; nbar is the mean number density in (h/Mpc)³.
/// </summary>
public sealed class Catalog
{
    public Catalog(double boxSizeMpcH, float[] positions, float[]? velocities = null, float[]? weights = null, double? nbar = null)
    {
        if (!(boxSizeMpcH > 0)) throw new ArgumentOutOfRangeException(nameof(boxSizeMpcH), boxSizeMpcH, "box size must be positive (Mpc/h)");
        if (positions.Length % 3 != 0) throw new ArgumentException($"positions hold {positions.Length} values, not a multiple of 3 (x, y, z)", nameof(positions));
        var n = positions.Length / 3;
        if (velocities is not null && velocities.Length != positions.Length)
            throw new ArgumentException($"velocities hold {velocities.Length} values for {n} points (expected {3 * n})", nameof(velocities));
        if (weights is not null && weights.Length != n)
            throw new ArgumentException($"weights hold {weights.Length} values for {n} points", nameof(weights));
        BoxSizeMpcH = boxSizeMpcH;
        Positions = positions;
        Velocities = velocities;
        Weights = weights;
        Nbar = nbar ?? n / (boxSizeMpcH * boxSizeMpcH * boxSizeMpcH);
    }

    public double BoxSizeMpcH { get; }
    public float[] Positions { get; }
    public float[]? Velocities { get; }
    public float[]? Weights { get; }
    public double Nbar { get; }
    public long Count => Positions.Length / 3;

    public void Save(string path)
    {
        using var f = H5File.CreateAtomic(path);
        f.Attributes.Set("box_size", BoxSizeMpcH);
        f.Attributes.Set("nbar", Nbar);
        using (f.WriteDataset<float>("positions", Positions, [Count, 3])) { }
        if (Velocities is not null) using (f.WriteDataset<float>("velocities", Velocities, [Count, 3])) { }
        if (Weights is not null) using (f.WriteDataset<float>("weights", Weights, [Count])) { }
        f.Commit();
    }

    public static Catalog Load(string path)
    {
        using var f = H5File.Open(path);
        var checks = new LayoutChecks(path, "a catalog");
        checks.RequireAttributes(f.Attributes, ["box_size", "nbar"]);
        using var pos = checks.RequireDataset(f, "positions", 2, "float32 [N, 3]");
        if (pos is not null && pos.Shape[1] != 3) checks.Add($"dataset 'positions' has shape [{string.Join(", ", pos.Shape)}], expected [N, 3]");
        checks.ThrowIfAny();
        float[]? vel = null, w = null;
        if (f.Exists("velocities")) using (var d = f.Dataset("velocities").RequireShape(pos!.Shape[0], 3)) vel = d.Read<float>();
        if (f.Exists("weights")) using (var d = f.Dataset("weights").RequireShape(pos!.Shape[0])) w = d.Read<float>();
        return new Catalog(f.Attributes.Get<double>("box_size"), pos!.Read<float>(), vel, w, f.Attributes.Get<double>("nbar"));
    }
}
