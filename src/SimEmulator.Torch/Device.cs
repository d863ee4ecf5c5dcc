namespace SimEmulator.Torch;

/// <summary>Device kinds, numbered as c10::DeviceType.</summary>
public enum DeviceType { CPU = 0, CUDA = 1 }

/// <summary>A device such as "cpu" or "cuda:0"; parse with <see cref="torch.device(string)"/>.</summary>
public sealed record Device(DeviceType type, int index = -1)
{
    public static Device Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var s = spec.Trim().ToLowerInvariant();
        var parts = s.Split(':');
        var type = parts[0] switch
        {
            "cpu" => DeviceType.CPU,
            "cuda" => DeviceType.CUDA,
            _ => throw new ArgumentException($"unknown device '{spec}'; expected 'cpu', 'cuda' or 'cuda:N'", nameof(spec)),
        };
        if (parts.Length == 1) return new Device(type, type == DeviceType.CUDA ? 0 : -1);
        if (parts.Length != 2 || !int.TryParse(parts[1], out var idx) || idx < 0)
            throw new ArgumentException($"bad device index in '{spec}'; expected 'cuda:N' with N >= 0", nameof(spec));
        return new Device(type, idx);
    }

    public override string ToString() => type switch
    {
        DeviceType.CPU => "cpu",
        _ => index < 0 ? "cuda" : $"cuda:{index}",
    };
}
