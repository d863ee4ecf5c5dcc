using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace SimEmulator.Torch.Serialization;

/// <summary>One named tensor as raw little-endian, C-contiguous bytes, tagged with its safetensors dtype code.</summary>
public sealed record SafeTensorEntry(string Name, string DType, long[] Shape, byte[] Data);

/// <summary>A file that is not a well-formed safetensors file; the message names the file and what was expected.</summary>
public sealed class SafeTensorsFormatException : Exception
{
    public SafeTensorsFormatException(string? path, string message, Exception? innerException = null)
        : base(path is null ? message : $"{path}: {message}", innerException)
    {
        FilePath = path;
    }

    // Null only for ElementSize, which validates a dtype code without any file in hand.
    public string? FilePath { get; }
}

/// <summary>Reads and writes the safetensors format (https://github.com/huggingface/safetensors) at the byte level.</summary>
public static class SafeTensorsFile
{
    // Same cap as the reference implementation, so a hostile length cannot make us allocate gigabytes for JSON.
    private const long MaxHeaderBytes = 100_000_000;

    private const string MetadataKey = "__metadata__";

    private static readonly Dictionary<string, int> ElementSizes = new(StringComparer.Ordinal)
    {
        ["F64"] = 8,
        ["F32"] = 4,
        ["F16"] = 2,
        ["BF16"] = 2,
        ["I64"] = 8,
        ["I32"] = 4,
        ["I16"] = 2,
        ["I8"] = 1,
        ["U8"] = 1,
        ["BOOL"] = 1,
    };

    private static readonly string KnownDTypes = string.Join(", ", ElementSizes.Keys);

    // Strict decoding: a lenient decoder would silently replace bad bytes and let a corrupt header parse.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static int ElementSize(string dtype)
    {
        if (dtype is not null && ElementSizes.TryGetValue(dtype, out var size))
            return size;
        throw new SafeTensorsFormatException(null, $"unknown dtype '{dtype}'; expected one of {KnownDTypes}");
    }

    public static void Write(string path, IEnumerable<SafeTensorEntry> entries, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(entries);

        // Validate everything before touching the disk so a bad argument never leaves a partial file behind.
        var list = entries.ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in list)
        {
            if (e is null)
                throw new ArgumentException("entries contains a null entry", nameof(entries));
            if (string.IsNullOrEmpty(e.Name))
                throw new ArgumentException("a tensor name is null or empty; safetensors needs a non-empty name per tensor", nameof(entries));
            if (e.Name == MetadataKey)
                throw new ArgumentException($"tensor name '{MetadataKey}' is reserved for the metadata block", nameof(entries));
            if (!names.Add(e.Name))
                throw new ArgumentException($"tensor '{e.Name}' appears more than once; names must be unique", nameof(entries));
            if (e.DType is null || !ElementSizes.TryGetValue(e.DType, out var elementSize))
                throw new ArgumentException($"tensor '{e.Name}' has unknown dtype '{e.DType}'; expected one of {KnownDTypes}", nameof(entries));
            if (e.Shape is null)
                throw new ArgumentException($"tensor '{e.Name}' has a null shape", nameof(entries));
            if (e.Data is null)
                throw new ArgumentException($"tensor '{e.Name}' has null data", nameof(entries));
            var expected = ByteSize(e.Shape, elementSize)
                ?? throw new ArgumentException($"tensor '{e.Name}' has invalid shape {FormatShape(e.Shape)} (negative dimension or byte size overflows)", nameof(entries));
            if (e.Data.LongLength != expected)
                throw new ArgumentException(
                    $"tensor '{e.Name}' has {e.Data.LongLength} bytes of data but {e.DType} shape {FormatShape(e.Shape)} needs {expected}", nameof(entries));
        }
        if (metadata is not null)
        {
            foreach (var (k, v) in metadata)
            {
                if (k is null || v is null)
                    throw new ArgumentException("metadata keys and values must be non-null strings", nameof(metadata));
            }
        }

        var header = BuildHeader(list, metadata);

        var tmp = $"{path}.tmp-{Path.GetRandomFileName()}";
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Span<byte> prefix = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
                fs.Write(prefix);
                fs.Write(header);
                foreach (var e in list)
                    fs.Write(e.Data);
                // Flush to disk before the rename so a crash cannot leave the final name pointing at a truncated file.
                fs.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(tmp);
            }
            catch (IOException)
            {
                // The original failure is the one worth reporting.
            }
            catch (UnauthorizedAccessException)
            {
            }
            throw;
        }
    }

    public static (IReadOnlyList<SafeTensorEntry> Entries, IReadOnlyDictionary<string, string> Metadata) Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long fileLength = fs.Length;
        if (fileLength < 8)
            throw Bad(path, $"file is {fileLength} bytes; a safetensors file starts with an 8-byte header length");

        Span<byte> prefix = stackalloc byte[8];
        ReadExactly(fs, path, prefix, "the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        long available = fileLength - 8;
        if (headerLength > (ulong)available)
            throw Bad(path, $"header length is {headerLength} bytes but only {available} bytes follow the 8-byte length prefix (truncated or not a safetensors file?)");
        if (headerLength > MaxHeaderBytes)
            throw Bad(path, $"header length is {headerLength} bytes; expected at most {MaxHeaderBytes}");
        if (headerLength < 2)
            throw Bad(path, $"header length is {headerLength} bytes; expected a JSON object (at least '{{}}')");

        var headerBytes = new byte[(int)headerLength];
        ReadExactly(fs, path, headerBytes, "the JSON header");
        long bufferStart = 8 + (long)headerLength;
        long bufferLength = fileLength - bufferStart;

        var (infos, metadata) = ParseHeader(path, headerBytes, bufferLength);

        // The buffer must be tiled exactly, as the reference implementation requires: a hole or overlap means
        // the header and data disagree, which is corruption we should not paper over.
        var ordered = infos.OrderBy(t => t.Begin).ThenBy(t => t.End).ToList();
        long cursor = 0;
        TensorInfo? previous = null;
        foreach (var t in ordered)
        {
            if (t.Begin < cursor)
                throw Bad(path, $"tensor '{t.Name}' data_offsets [{t.Begin}, {t.End}] overlap tensor '{previous!.Name}' [{previous.Begin}, {previous.End}]; tensors must not share bytes");
            if (t.Begin > cursor)
                throw Bad(path, previous is null
                    ? $"bytes [0, {t.Begin}) before tensor '{t.Name}' belong to no tensor; expected the tensors to cover the data buffer exactly"
                    : $"bytes [{cursor}, {t.Begin}) between tensor '{previous.Name}' and tensor '{t.Name}' belong to no tensor; expected the tensors to cover the data buffer exactly");
            cursor = t.End;
            previous = t;
        }
        if (cursor != bufferLength)
            throw Bad(path, $"tensors cover {cursor} bytes but the data buffer is {bufferLength} bytes; expected the tensors to cover it exactly");

        // Buffer order, not JSON key order: for files from Write it is the order the entries were given, and
        // reading front to back keeps the stream access sequential.
        var result = new List<SafeTensorEntry>(ordered.Count);
        foreach (var t in ordered)
        {
            long size = t.End - t.Begin;
            if (size > Array.MaxLength)
                throw Bad(path, $"tensor '{t.Name}' is {size} bytes; this reader holds each tensor in one array of at most {Array.MaxLength} bytes");
            var data = size == 0 ? Array.Empty<byte>() : new byte[size];
            fs.Position = bufferStart + t.Begin;
            ReadExactly(fs, path, data, $"the data of tensor '{t.Name}'");
            result.Add(new SafeTensorEntry(t.Name, t.DType, t.Shape, data));
        }
        return (result, metadata);
    }

    private sealed record TensorInfo(string Name, string DType, long[] Shape, long Begin, long End);

    private static (List<TensorInfo> Infos, Dictionary<string, string> Metadata) ParseHeader(string path, byte[] headerBytes, long bufferLength)
    {
        try
        {
            StrictUtf8.GetCharCount(headerBytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw Bad(path, $"header is not valid UTF-8 (bad byte at offset {8 + ex.Index}); expected UTF-8 JSON", ex);
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(headerBytes, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            throw Bad(path, $"header is not valid JSON ({ex.Message}); expected a JSON object", ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Bad(path, $"header JSON is {Describe(root.ValueKind)}; expected an object mapping tensor names to {{dtype, shape, data_offsets}}");

            var infos = new List<TensorInfo>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            bool sawMetadata = false;
            foreach (var prop in root.EnumerateObject())
            {
                if (prop.Name == MetadataKey)
                {
                    if (sawMetadata)
                        throw Bad(path, $"'{MetadataKey}' appears more than once; expected at most one");
                    sawMetadata = true;
                    ParseMetadata(path, prop.Value, metadata);
                    continue;
                }
                if (prop.Name.Length == 0)
                    throw Bad(path, "a tensor has an empty name; expected a non-empty name");
                if (!seen.Add(prop.Name))
                    throw Bad(path, $"tensor '{prop.Name}' appears more than once; expected unique names");
                infos.Add(ParseTensor(path, prop.Name, prop.Value, bufferLength));
            }
            return (infos, metadata);
        }
    }

    private static void ParseMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Bad(path, $"'{MetadataKey}' is {Describe(value.ValueKind)}; expected an object of string to string");
        foreach (var kv in value.EnumerateObject())
        {
            if (kv.Value.ValueKind != JsonValueKind.String)
                throw Bad(path, $"'{MetadataKey}' key '{kv.Name}' is {Describe(kv.Value.ValueKind)}; expected a string");
            if (!metadata.TryAdd(kv.Name, kv.Value.GetString()!))
                throw Bad(path, $"'{MetadataKey}' key '{kv.Name}' appears more than once; expected unique keys");
        }
    }

    private static TensorInfo ParseTensor(string path, string name, JsonElement value, long bufferLength)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Bad(path, $"tensor '{name}' is {Describe(value.ValueKind)}; expected an object with dtype, shape and data_offsets");

        if (!value.TryGetProperty("dtype", out var dtypeEl))
            throw Bad(path, $"tensor '{name}' has no 'dtype'; expected one of {KnownDTypes}");
        if (dtypeEl.ValueKind != JsonValueKind.String)
            throw Bad(path, $"tensor '{name}' 'dtype' is {Describe(dtypeEl.ValueKind)}; expected a string, one of {KnownDTypes}");
        var dtype = dtypeEl.GetString()!;
        if (!ElementSizes.TryGetValue(dtype, out var elementSize))
            throw Bad(path, $"tensor '{name}' has unknown dtype '{dtype}'; expected one of {KnownDTypes}");

        if (!value.TryGetProperty("shape", out var shapeEl))
            throw Bad(path, $"tensor '{name}' has no 'shape'; expected an array of non-negative integers");
        if (shapeEl.ValueKind != JsonValueKind.Array)
            throw Bad(path, $"tensor '{name}' 'shape' is {Describe(shapeEl.ValueKind)}; expected an array of non-negative integers");
        var shape = new long[shapeEl.GetArrayLength()];
        int i = 0;
        foreach (var dim in shapeEl.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out var d) || d < 0)
                throw Bad(path, $"tensor '{name}' 'shape'[{i}] is {dim.GetRawText()}; expected a non-negative integer");
            shape[i++] = d;
        }

        if (!value.TryGetProperty("data_offsets", out var offEl))
            throw Bad(path, $"tensor '{name}' has no 'data_offsets'; expected [begin, end]");
        if (offEl.ValueKind != JsonValueKind.Array || offEl.GetArrayLength() != 2)
            throw Bad(path, $"tensor '{name}' 'data_offsets' is {offEl.GetRawText()}; expected [begin, end] of two non-negative integers");
        if (!TryGetOffset(offEl[0], out var begin) || !TryGetOffset(offEl[1], out var end))
            throw Bad(path, $"tensor '{name}' 'data_offsets' is {offEl.GetRawText()}; expected [begin, end] of two non-negative integers");
        if (begin > end)
            throw Bad(path, $"tensor '{name}' data_offsets [{begin}, {end}] have begin > end; expected begin <= end");
        if (end > bufferLength)
            throw Bad(path, $"tensor '{name}' data_offsets [{begin}, {end}] end beyond the {bufferLength}-byte data buffer (truncated file?)");

        var expected = ByteSize(shape, elementSize)
            ?? throw Bad(path, $"tensor '{name}' shape {FormatShape(shape)} of {dtype} has a byte size that overflows a 64-bit integer");
        if (end - begin != expected)
            throw Bad(path, $"tensor '{name}' data_offsets [{begin}, {end}] span {end - begin} bytes but {dtype} shape {FormatShape(shape)} needs {expected}");

        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static bool TryGetOffset(JsonElement el, out long value)
    {
        value = 0;
        return el.ValueKind == JsonValueKind.Number && el.TryGetInt64(out value) && value >= 0;
    }

    // Null signals a negative dimension or overflow. A zero dimension is checked first because such a tensor
    // really is empty, however large its other dimensions are.
    private static long? ByteSize(long[] shape, int elementSize)
    {
        if (shape.Any(d => d < 0))
            return null;
        if (shape.Any(d => d == 0))
            return 0;
        try
        {
            long n = elementSize;
            foreach (var d in shape)
                n = checked(n * d);
            return n;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static byte[] BuildHeader(List<SafeTensorEntry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (metadata is not null)
            {
                w.WriteStartObject(MetadataKey);
                foreach (var (k, v) in metadata)
                    w.WriteString(k, v);
                w.WriteEndObject();
            }
            long offset = 0;
            foreach (var e in entries)
            {
                w.WriteStartObject(e.Name);
                w.WriteString("dtype", e.DType);
                w.WriteStartArray("shape");
                foreach (var d in e.Shape)
                    w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset + e.Data.LongLength);
                w.WriteEndArray();
                w.WriteEndObject();
                offset += e.Data.LongLength;
            }
            w.WriteEndObject();
        }

        // Padding to 8 bytes keeps the data buffer aligned for readers that memory-map and cast in place.
        int length = buffer.WrittenCount;
        int padded = (length + 7) & ~7;
        var header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(length).Fill((byte)' ');
        return header;
    }

    private static void ReadExactly(FileStream fs, string path, Span<byte> destination, string what)
    {
        try
        {
            fs.ReadExactly(destination);
        }
        catch (EndOfStreamException ex)
        {
            // Only reachable if the file shrank after we measured it.
            throw Bad(path, $"file ended while reading {what}; expected {destination.Length} more bytes", ex);
        }
    }

    private static SafeTensorsFormatException Bad(string path, string message, Exception? inner = null) =>
        new(path, message, inner);

    private static string FormatShape(long[] shape) => $"[{string.Join(", ", shape)}]";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };
}
