using SimEmulator.Torch;

namespace SimEmulator.Tests.Torch;

public sealed class SafeTensorsTensorTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "safetensors-tensor-tests-" + Guid.NewGuid().ToString("N"));

    public SafeTensorsTensorTests() => Directory.CreateDirectory(dir);

    public void Dispose()
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { /* a leftover temp folder must not fail a passing test */ }
    }

    [Fact]
    public void Save_then_load_round_trips_every_dtype_exactly()
    {
        using var scope = torch.NewDisposeScope();
        var bf16 = torch.tensor(new[] { 1f, -2.5f, 0.333984375f, -0f }).bfloat16(); // values exact in bfloat16
        var tensors = new Dictionary<string, Tensor>
        {
            ["f64"] = torch.tensor(new[] { Math.PI, -1e-300, double.MaxValue, 0.1 }, [2, 2]),
            ["f32"] = torch.tensor(new[] { 1.5f, float.Epsilon, -0f, 3.4e38f, 0.1f, 7f }, [3, 2]),
            ["f16"] = torch.tensor(new[] { (Half)0.5, (Half)(-65504), Half.Epsilon }),
            ["bf16"] = bf16,
            ["i64"] = torch.tensor(new[] { long.MinValue, long.MaxValue, 0L }),
            ["i32"] = torch.tensor(new[] { int.MinValue, int.MaxValue, -1 }, [1, 3]),
            ["i16"] = torch.tensor(new short[] { short.MinValue, short.MaxValue, 12 }),
            ["i8"] = torch.tensor(new sbyte[] { sbyte.MinValue, sbyte.MaxValue, -1 }),
            ["u8"] = torch.tensor(new byte[] { 0, 128, 255 }),
            ["bool"] = torch.tensor(new[] { true, false, false, true }, [2, 1, 2]),
        };
        var path = Path.Combine(dir, "all.safetensors");
        SafeTensors.save_file(tensors, path, new Dictionary<string, string> { ["format"] = "pt" });

        var loaded = SafeTensors.load_file(path, out var metadata);
        Assert.Equal("pt", metadata["format"]);
        Assert.Equal(tensors.Keys.Order(), loaded.Keys.Order());
        foreach (var (name, t) in tensors)
        {
            var l = loaded[name];
            Assert.Equal(t.dtype, l.dtype);
            Assert.Equal(t.shape, l.shape);
        }
        Assert.Equal(tensors["f64"].data<double>(), loaded["f64"].data<double>());
        Assert.Equal(tensors["f32"].data<float>().Select(BitConverter.SingleToInt32Bits), loaded["f32"].data<float>().Select(BitConverter.SingleToInt32Bits)); // −0 keeps its sign bit
        Assert.Equal(tensors["f16"].data<Half>(), loaded["f16"].data<Half>());
        Assert.Equal([(ushort)0x3F80, (ushort)0xC020, (ushort)0x3EAB, (ushort)0x8000], loaded["bf16"].data<ushort>());
        Assert.Equal(tensors["i64"].data<long>(), loaded["i64"].data<long>());
        Assert.Equal(tensors["i32"].data<int>(), loaded["i32"].data<int>());
        Assert.Equal(tensors["i16"].data<short>(), loaded["i16"].data<short>());
        Assert.Equal(tensors["i8"].data<sbyte>(), loaded["i8"].data<sbyte>());
        Assert.Equal(tensors["u8"].data<byte>(), loaded["u8"].data<byte>());
        Assert.Equal(tensors["bool"].data<bool>(), loaded["bool"].data<bool>());
    }

    [Fact]
    public void Zero_dimensional_and_empty_tensors_keep_their_shapes()
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(dir, "scalars.safetensors");
        SafeTensors.save_file(new Dictionary<string, Tensor>
        {
            ["scalar_f32"] = torch.tensor(3.25),
            ["scalar_i64"] = torch.full([], -9, torch.int64),
            ["scalar_bool"] = torch.full([], 1, torch.@bool),
            ["empty"] = torch.zeros([0, 3], torch.float64),
        }, path);
        var loaded = SafeTensors.load_file(path);
        Assert.Empty(loaded["scalar_f32"].shape);
        Assert.Equal(3.25f, loaded["scalar_f32"].item<float>());
        Assert.Empty(loaded["scalar_i64"].shape);
        Assert.Equal(-9L, loaded["scalar_i64"].item<long>());
        Assert.True(loaded["scalar_bool"].item<bool>());
        Assert.Equal([0L, 3], loaded["empty"].shape);
        Assert.Equal(ScalarType.Float64, loaded["empty"].dtype);
    }

    [Fact]
    public void Non_contiguous_tensors_are_saved_in_C_order()
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(dir, "transposed.safetensors");
        var t = torch.arange(6).view(2, 3).t(); // [[0, 3], [1, 4], [2, 5]]
        SafeTensors.save_file(new Dictionary<string, Tensor> { ["t"] = t }, path);
        var l = SafeTensors.load_file(path)["t"];
        Assert.Equal([3L, 2], l.shape);
        Assert.Equal([0L, 3, 1, 4, 2, 5], l.data<long>());
    }

    [Fact]
    public void Numpy_written_fixture_loads_as_tensors_with_the_right_names_dtypes_shapes_and_values()
    {
        using var scope = torch.NewDisposeScope();
        // The values are those of fixture_tensors() in Fixtures/make_safetensors_fixture.py, which wrote the file with numpy.
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "numpy_fixture.safetensors");
        var t = SafeTensors.load_file(path, out var metadata);
        Assert.Equal("pt", metadata["format"]);
        Assert.Equal(["bias", "counts", "half", "mask", "pixels", "scalar", "weight"], t.Keys.Order());

        Assert.Equal(ScalarType.Float32, t["weight"].dtype);
        Assert.Equal([2L, 3], t["weight"].shape);
        Assert.Equal([-1f, -0.5f, 0, 0.5f, 1, 1.5f], t["weight"].data<float>()); // arange(6) · 0.5 − 1

        Assert.Equal(ScalarType.Float64, t["bias"].dtype);
        Assert.Equal([1e-3, -2.5, 3.0], t["bias"].data<double>());

        Assert.Equal(ScalarType.Int64, t["counts"].dtype);
        Assert.Equal([2L, 2], t["counts"].shape);
        Assert.Equal([1L, -2, 3, 1L << 40], t["counts"].data<long>());

        Assert.Equal(ScalarType.Bool, t["mask"].dtype);
        Assert.Equal([true, false, true, true], t["mask"].data<bool>());

        Assert.Equal(ScalarType.Byte, t["pixels"].dtype);
        Assert.Equal([(byte)0, 255, 7, 128], t["pixels"].data<byte>());

        Assert.Equal(ScalarType.Float16, t["half"].dtype);
        Assert.Equal([(Half)0.5, (Half)(-1.5)], t["half"].data<Half>());

        Assert.Equal(ScalarType.Float32, t["scalar"].dtype);
        Assert.Empty(t["scalar"].shape);
        Assert.Equal(3.25f, t["scalar"].item<float>());

        // Loaded tensors are ordinary tensors: math on them works.
        Assert.Equal(1.5, t["weight"].sum().item<double>(), 6);
    }
}
