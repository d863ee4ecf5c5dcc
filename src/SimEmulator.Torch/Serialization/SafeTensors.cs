using SimEmulator.Torch.Serialization;

namespace SimEmulator.Torch;

/// <summary>Tensors to and from .safetensors files, as Python's safetensors.torch.save_file / load_file.</summary>
public static class SafeTensors
{
    public static string Code(ScalarType t) => t switch
    {
        ScalarType.Float64 => "F64",
        ScalarType.Float32 => "F32",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Int16 => "I16",
        ScalarType.Int8 => "I8",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new NotSupportedException($"safetensors has no code for dtype {t.TorchName()}"),
    };

    public static ScalarType FromCode(string code, string path) => code switch
    {
        "F64" => ScalarType.Float64,
        "F32" => ScalarType.Float32,
        "F16" => ScalarType.Float16,
        "BF16" => ScalarType.BFloat16,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        "I16" => ScalarType.Int16,
        "I8" => ScalarType.Int8,
        "U8" => ScalarType.Byte,
        "BOOL" => ScalarType.Bool,
        _ => throw new SafeTensorsFormatException(path, $"dtype '{code}' is not supported"),
    };

    /// <summary>Writes the tensors (any device) to path atomically, in the dictionary's order.</summary>
    public static void save_file(IReadOnlyDictionary<string, Tensor> tensors, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var entries = new List<SafeTensorEntry>(tensors.Count);
        foreach (var (name, t) in tensors)
            entries.Add(new SafeTensorEntry(name, Code(t.dtype), t.shape, Bytes(t)));
        SafeTensorsFile.Write(path, entries, metadata);
    }

    /// <summary>Reads every tensor of the file onto the CPU.</summary>
    public static Dictionary<string, Tensor> load_file(string path) => load_file(path, out _);

    public static Dictionary<string, Tensor> load_file(string path, out IReadOnlyDictionary<string, string> metadata)
    {
        var (entries, meta) = SafeTensorsFile.Read(path);
        metadata = meta;
        var result = new Dictionary<string, Tensor>();
        try
        {
            foreach (var e in entries)
                result[e.Name] = FromBytes(e.Data, e.Shape, FromCode(e.DType, path));
        }
        catch
        {
            foreach (var t in result.Values) t.Dispose();
            throw;
        }
        return result;
    }

    private static unsafe byte[] Bytes(Tensor t)
    {
        var bytes = new byte[t.numel() * t.dtype.ElementSize()];
        fixed (byte* p = bytes)
            TorchException.Check(Native.NativeMethods.st_copy_to_host(t.Handle, p, bytes.Length));
        return bytes;
    }

    private static unsafe Tensor FromBytes(byte[] data, long[] shape, ScalarType type)
    {
        fixed (byte* p = data) fixed (long* s = shape)
            return Tensor.Wrap(Native.NativeMethods.st_from_data(p, s, shape.Length, (int)type, out var r), r);
    }
}
