using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using SimEmulator.Torch.Serialization;
using Xunit;

namespace SimEmulator.Tests.Torch;

public sealed class SafeTensorsFileTests : IDisposable
{
    private readonly string _dir;

    public SafeTensorsFileTests()
    {
        _dir = Path.Combine(Path.GetTempPath(), "safetensors-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory must not turn a passing test into a failure.
        }
    }

    private static readonly string[] AllDTypes = ["F64", "F32", "F16", "BF16", "I64", "I32", "I16", "I8", "U8", "BOOL"];

    [Fact]
    public void Round_trip_preserves_every_dtype_shape_bytes_and_metadata()
    {
        var entries = new List<SafeTensorEntry>();
        foreach (var dtype in AllDTypes)
        {
            long[] shape = [2, 3];
            entries.Add(new SafeTensorEntry($"t_{dtype}", dtype, shape, Pattern(6 * SafeTensorsFile.ElementSize(dtype), seed: entries.Count)));
        }
        entries.Add(new SafeTensorEntry("scalar", "F32", [], BitConverter.GetBytes(3.25f)));
        entries.Add(new SafeTensorEntry("empty", "F64", [0, 3], []));
        entries.Add(new SafeTensorEntry("empty_inner", "I32", [4, 0], []));
        entries.Add(new SafeTensorEntry("after_empty", "U8", [1], [42]));
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcødé \"quoted\"" };
        var path = Path.Combine(_dir, "roundtrip.safetensors");

        SafeTensorsFile.Write(path, entries, metadata);
        var (read, readMeta) = SafeTensorsFile.Read(path);

        Assert.Equal(entries.Select(e => e.Name), read.Select(e => e.Name));
        for (int i = 0; i < entries.Count; i++)
        {
            Assert.Equal(entries[i].DType, read[i].DType);
            Assert.Equal(entries[i].Shape, read[i].Shape);
            Assert.Equal(entries[i].Data, read[i].Data);
        }
        Assert.Equal(metadata.OrderBy(kv => kv.Key), readMeta.OrderBy(kv => kv.Key));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void Written_header_is_space_padded_to_eight_bytes_and_buffer_follows_in_given_order()
    {
        var path = Path.Combine(_dir, "layout.safetensors");
        SafeTensorsFile.Write(path, [new("b", "U8", [3], [1, 2, 3]), new("a", "U8", [2], [4, 5])]);

        var bytes = File.ReadAllBytes(path);
        var n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, (8 + n) % 8);
        var header = Encoding.UTF8.GetString(bytes, 8, (int)n);
        Assert.StartsWith("{", header);
        Assert.EndsWith("}", header.TrimEnd(' '));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, bytes[(8 + (int)n)..]);
    }

    [Fact]
    public void Write_without_metadata_reads_back_empty_metadata()
    {
        var path = Path.Combine(_dir, "nometa.safetensors");
        SafeTensorsFile.Write(path, [new("x", "I8", [1], [0xFF])]);
        var (entries, metadata) = SafeTensorsFile.Read(path);
        Assert.Empty(metadata);
        Assert.Single(entries);
    }

    [Fact]
    public void Write_with_no_entries_produces_a_readable_file()
    {
        var path = Path.Combine(_dir, "none.safetensors");
        SafeTensorsFile.Write(path, []);
        var (entries, metadata) = SafeTensorsFile.Read(path);
        Assert.Empty(entries);
        Assert.Empty(metadata);
    }

    [Fact]
    public void Numpy_fixture_loads_with_expected_names_dtypes_shapes_metadata_and_values()
    {
        // Expected values are the ones hard-coded in Fixtures/make_safetensors_fixture.py, which wrote this file
        // with numpy and a hand-written writer, independent of SafeTensorsFile.
        Assert.True(BitConverter.IsLittleEndian, "decoding below reinterprets little-endian bytes in place");
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "numpy_fixture.safetensors");

        var (entries, metadata) = SafeTensorsFile.Read(path);

        Assert.Equal(["weight", "bias", "counts", "mask", "pixels", "half", "scalar"], entries.Select(e => e.Name));
        Assert.Equal("pt", metadata["format"]);
        Assert.Equal("numpy fixture", metadata["source"]);
        Assert.Equal(2, metadata.Count);
        var byName = entries.ToDictionary(e => e.Name);

        AssertEntry(byName["weight"], "F32", [2, 3]);
        Assert.Equal([-1f, -0.5f, 0f, 0.5f, 1f, 1.5f], MemoryMarshal.Cast<byte, float>(byName["weight"].Data).ToArray());

        AssertEntry(byName["bias"], "F64", [3]);
        Assert.Equal([1e-3, -2.5, 3.0], MemoryMarshal.Cast<byte, double>(byName["bias"].Data).ToArray());

        AssertEntry(byName["counts"], "I64", [2, 2]);
        Assert.Equal([1L, -2L, 3L, 1L << 40], MemoryMarshal.Cast<byte, long>(byName["counts"].Data).ToArray());

        AssertEntry(byName["mask"], "BOOL", [4]);
        Assert.Equal(new byte[] { 1, 0, 1, 1 }, byName["mask"].Data);

        AssertEntry(byName["pixels"], "U8", [2, 2]);
        Assert.Equal(new byte[] { 0, 255, 7, 128 }, byName["pixels"].Data);

        AssertEntry(byName["half"], "F16", [2]);
        Assert.Equal((Half)0.5f, BitConverter.ToHalf(byName["half"].Data, 0));
        Assert.Equal((Half)(-1.5f), BitConverter.ToHalf(byName["half"].Data, 2));

        AssertEntry(byName["scalar"], "F32", []);
        Assert.Equal(3.25f, BitConverter.ToSingle(byName["scalar"].Data));
    }

    public static TheoryData<string> TruncationPoints => ["zero", "five", "half_header", "mid_buffer", "one_short"];

    [Theory]
    [MemberData(nameof(TruncationPoints))]
    public void Truncated_file_throws_clear_error(string cut)
    {
        var full = Path.Combine(_dir, "full.safetensors");
        SafeTensorsFile.Write(full, [new("a", "F32", [4], new byte[16]), new("b", "F64", [2], new byte[16])]);
        var bytes = File.ReadAllBytes(full);
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        int length = cut switch
        {
            "zero" => 0,
            "five" => 5,
            "half_header" => 8 + headerLength / 2,
            "mid_buffer" => 8 + headerLength + 16 + 8,
            "one_short" => bytes.Length - 1,
            _ => throw new ArgumentOutOfRangeException(nameof(cut)),
        };
        var path = WriteBytes($"cut_{cut}.safetensors", bytes[..length]);

        var ex = AssertFormatError(path);
        if (length < 8)
            Assert.Contains($"file is {length} bytes", ex.Message);
    }

    [Fact]
    public void Header_length_larger_than_file_throws_clear_error()
    {
        var path = WriteBytes("long_header.safetensors", [.. LengthPrefix(1000), .. "{}"u8]);
        var ex = AssertFormatError(path);
        Assert.Contains("1000", ex.Message);
    }

    [Fact]
    public void Header_length_of_u64_max_throws_format_error_not_overflow()
    {
        var path = WriteBytes("max_header.safetensors", [.. LengthPrefix(ulong.MaxValue), .. "{}      "u8]);
        AssertFormatError(path);
    }

    [Theory]
    [InlineData("{\"a\": {\"dtype\": \"F32\"")]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("\"just a string\"")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]},}")]
    public void Malformed_json_header_throws_clear_error(string header)
    {
        var path = WriteRaw("malformed.safetensors", header, new byte[4]);
        AssertFormatError(path);
    }

    [Fact]
    public void Header_that_is_not_utf8_throws_clear_error()
    {
        byte[] header = [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'];
        var path = WriteBytes("notutf8.safetensors", [.. LengthPrefix((ulong)header.Length), .. header]);
        var ex = AssertFormatError(path);
        Assert.Contains("UTF-8", ex.Message);
    }

    [Fact]
    public void Unknown_dtype_throws_clear_error()
    {
        var path = WriteRaw("dtype.safetensors", "{\"w\": {\"dtype\": \"F128\", \"shape\": [1], \"data_offsets\": [0, 16]}}", new byte[16]);
        var ex = AssertFormatError(path, tensor: "w");
        Assert.Contains("F128", ex.Message);
    }

    [Fact]
    public void ElementSize_of_unknown_dtype_throws_format_error()
    {
        var ex = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.ElementSize("f32"));
        Assert.Contains("f32", ex.Message);
    }

    [Theory]
    [InlineData("{\"w\": {\"shape\": [1], \"data_offsets\": [0, 4]}}")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"data_offsets\": [0, 4]}}")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [1]}}")]
    [InlineData("{\"w\": {\"dtype\": 4, \"shape\": [1], \"data_offsets\": [0, 4]}}")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": \"1\", \"data_offsets\": [0, 4]}}")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [1.5], \"data_offsets\": [0, 4]}}")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}}")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0]}}")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [-4, 0]}}")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [\"0\", \"4\"]}}")]
    [InlineData("{\"w\": [\"F32\", [1], [0, 4]]}")]
    public void Entry_with_missing_or_mistyped_field_throws_clear_error(string header)
    {
        var path = WriteRaw("fields.safetensors", header, new byte[4]);
        AssertFormatError(path, tensor: "w");
    }

    [Theory]
    [InlineData("[0, 8]")]
    [InlineData("[4, 8]")]
    [InlineData("[0, 18446744073709551615]")]
    [InlineData("[9223372036854775807, 9223372036854775807]")]
    public void Offsets_out_of_range_throw_clear_error(string offsets)
    {
        var path = WriteRaw("range.safetensors", $"{{\"w\": {{\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": {offsets}}}}}", new byte[4]);
        AssertFormatError(path, tensor: "w");
    }

    [Fact]
    public void Begin_after_end_throws_clear_error()
    {
        var path = WriteRaw("reversed.safetensors", "{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 0]}}", new byte[4]);
        AssertFormatError(path, tensor: "w");
    }

    [Fact]
    public void Size_mismatch_between_shape_and_offsets_throws_clear_error()
    {
        var path = WriteRaw("size.safetensors", "{\"w\": {\"dtype\": \"F32\", \"shape\": [2, 2], \"data_offsets\": [0, 12]}}", new byte[12]);
        var ex = AssertFormatError(path, tensor: "w");
        Assert.Contains("16", ex.Message);
    }

    [Fact]
    public void Shape_whose_byte_size_overflows_throws_clear_error()
    {
        var path = WriteRaw("overflow.safetensors",
            "{\"w\": {\"dtype\": \"F64\", \"shape\": [4294967296, 4294967296], \"data_offsets\": [0, 8]}}", new byte[8]);
        AssertFormatError(path, tensor: "w");
    }

    [Fact]
    public void Overlapping_entries_throw_clear_error()
    {
        var header = "{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]},"
                   + " \"b\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [4, 12]}}";
        var path = WriteRaw("overlap.safetensors", header, new byte[12]);
        var ex = AssertFormatError(path, tensor: "b");
        Assert.Contains("'a'", ex.Message);
    }

    [Fact]
    public void Hole_between_entries_throws_clear_error()
    {
        var header = "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]},"
                   + " \"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [8, 12]}}";
        var path = WriteRaw("hole.safetensors", header, new byte[12]);
        AssertFormatError(path, tensor: "b");
    }

    [Fact]
    public void Trailing_bytes_after_last_entry_throw_clear_error()
    {
        var path = WriteRaw("trailing.safetensors", "{\"a\": {\"dtype\": \"U8\", \"shape\": [2], \"data_offsets\": [0, 2]}}", new byte[3]);
        AssertFormatError(path);
    }

    [Fact]
    public void Duplicate_tensor_name_in_header_throws_clear_error()
    {
        var header = "{\"a\": {\"dtype\": \"U8\", \"shape\": [1], \"data_offsets\": [0, 1]},"
                   + " \"a\": {\"dtype\": \"U8\", \"shape\": [1], \"data_offsets\": [1, 2]}}";
        var path = WriteRaw("dup.safetensors", header, new byte[2]);
        AssertFormatError(path, tensor: "a");
    }

    [Theory]
    [InlineData("{\"__metadata__\": [\"x\"]}")]
    [InlineData("{\"__metadata__\": {\"epoch\": 3}}")]
    [InlineData("{\"__metadata__\": {\"k\": null}}")]
    public void Metadata_that_is_not_string_to_string_throws_clear_error(string header)
    {
        var path = WriteRaw("meta.safetensors", header, []);
        var ex = AssertFormatError(path);
        Assert.Contains("__metadata__", ex.Message);
    }

    [Fact]
    public void Reader_accepts_unpadded_header_and_reordered_buffer()
    {
        // Other writers need not pad or store tensors in header order; both are legal.
        var header = "{\"b\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]},\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}";
        var path = WriteRaw("unpadded.safetensors", header, [10, 20], pad: false);
        var (entries, _) = SafeTensorsFile.Read(path);
        Assert.Equal(["a", "b"], entries.Select(e => e.Name));
        Assert.Equal(new byte[] { 10 }, entries[0].Data);
        Assert.Equal(new byte[] { 20 }, entries[1].Data);
    }

    [Fact]
    public void Write_rejects_data_length_that_does_not_match_shape()
    {
        var path = Path.Combine(_dir, "bad.safetensors");
        var ex = Assert.Throws<ArgumentException>(() =>
            SafeTensorsFile.Write(path, [new("ok", "U8", [1], [1]), new("short", "F32", [2, 2], new byte[12])]));
        Assert.Contains("short", ex.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Write_rejects_duplicate_and_empty_names_and_unknown_dtypes()
    {
        var path = Path.Combine(_dir, "bad.safetensors");
        var dup = Assert.Throws<ArgumentException>(() => SafeTensorsFile.Write(path, [new("x", "U8", [1], [1]), new("x", "U8", [1], [2])]));
        Assert.Contains("'x'", dup.Message);
        Assert.Throws<ArgumentException>(() => SafeTensorsFile.Write(path, [new("", "U8", [1], [1])]));
        var dtype = Assert.Throws<ArgumentException>(() => SafeTensorsFile.Write(path, [new("y", "Q4", [1], [1])]));
        Assert.Contains("'y'", dtype.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Failed_write_into_directory_leaves_no_file_under_final_name_and_no_temp_file()
    {
        // A non-empty directory at the final name makes the closing rename fail after the temp file was fully
        // written, which is the failure the temp-then-rename scheme has to clean up after.
        var target = Path.Combine(_dir, "model.safetensors");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "occupant"), "x");

        Assert.ThrowsAny<Exception>(() => SafeTensorsFile.Write(target, [new("w", "F32", [1], new byte[4])]));

        Assert.False(File.Exists(target));
        Assert.Equal([target], Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Invalid_write_leaves_existing_file_untouched()
    {
        var path = Path.Combine(_dir, "keep.safetensors");
        SafeTensorsFile.Write(path, [new("w", "U8", [2], [1, 2])]);
        var before = File.ReadAllBytes(path);

        Assert.Throws<ArgumentException>(() => SafeTensorsFile.Write(path, [new("w", "U8", [3], [1, 2])]));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFileSystemEntries(_dir));
    }

    private static void AssertEntry(SafeTensorEntry e, string dtype, long[] shape)
    {
        Assert.Equal(dtype, e.DType);
        Assert.Equal(shape, e.Shape);
    }

    private static SafeTensorsFormatException AssertFormatError(string path, string? tensor = null)
    {
        var ex = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Read(path));
        Assert.Contains(path, ex.Message);
        Assert.Equal(path, ex.FilePath);
        if (tensor is not null)
            Assert.Contains($"'{tensor}'", ex.Message);
        return ex;
    }

    private static byte[] LengthPrefix(ulong n)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, n);
        return b;
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string WriteRaw(string name, string header, byte[] buffer, bool pad = true)
    {
        var h = Encoding.UTF8.GetBytes(header);
        if (pad)
            h = [.. h, .. Enumerable.Repeat((byte)' ', (8 - h.Length % 8) % 8)];
        return WriteBytes(name, [.. LengthPrefix((ulong)h.Length), .. h, .. buffer]);
    }

    private static byte[] Pattern(int length, int seed)
    {
        var b = new byte[length];
        for (int i = 0; i < length; i++)
            b[i] = (byte)(i * 37 + seed * 11 + 1);
        return b;
    }
}
