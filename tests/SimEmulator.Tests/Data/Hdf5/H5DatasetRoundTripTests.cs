using System.Numerics;
using SimEmulator.Data.Hdf5;

namespace SimEmulator.Tests.Data.Hdf5;

/// <summary>Datasets written by our API and read back by it: values must come back bit for bit.</summary>
public sealed class H5DatasetRoundTripTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("int8")]
    [InlineData("uint8")]
    [InlineData("int16")]
    [InlineData("uint16")]
    [InlineData("int32")]
    [InlineData("uint32")]
    [InlineData("int64")]
    [InlineData("uint64")]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Every_numeric_type_round_trips_exactly_at_ranks_0_1_2_and_4(string type)
    {
        switch (type)
        {
            case "int8": RoundTrip<sbyte>(H5ElementType.Int8); break;
            case "uint8": RoundTrip<byte>(H5ElementType.UInt8); break;
            case "int16": RoundTrip<short>(H5ElementType.Int16); break;
            case "uint16": RoundTrip<ushort>(H5ElementType.UInt16); break;
            case "int32": RoundTrip<int>(H5ElementType.Int32); break;
            case "uint32": RoundTrip<uint>(H5ElementType.UInt32); break;
            case "int64": RoundTrip<long>(H5ElementType.Int64); break;
            case "uint64": RoundTrip<ulong>(H5ElementType.UInt64); break;
            case "float32": RoundTrip<float>(H5ElementType.Float32); break;
            case "float64": RoundTrip<double>(H5ElementType.Float64); break;
            default: throw new ArgumentOutOfRangeException(nameof(type));
        }
    }

    private void RoundTrip<T>(H5ElementType expectedType) where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        // Values: the type's extremes first, then a wrapping ramp, so byte-order or width mistakes show.
        static T[] Values(int n)
        {
            var ext = H5TestSupport.Extremes<T>();
            return Enumerable.Range(0, n).Select(i => i < ext.Length ? ext[i] : T.CreateTruncating(i * 37 - 100)).ToArray();
        }

        var path = _dir.File($"{typeof(T).Name}.h5");
        var shapes = new Dictionary<string, long[]> { ["r0"] = [], ["r1"] = [7], ["r2"] = [3, 5], ["r4"] = [2, 3, 4, 5] };
        using (var f = H5File.Create(path))
        {
            foreach (var (name, shape) in shapes)
                f.WriteDataset<T>(name, Values((int)shape.Aggregate(1L, (a, b) => a * b)), shape);
        }
        using (var f = H5File.Open(path))
        {
            foreach (var (name, shape) in shapes)
            {
                using var ds = f.Dataset(name);
                Assert.Equal(shape, ds.Shape);
                Assert.Equal(expectedType, ds.ElementType);
                Assert.Null(ds.Chunks!);
                Assert.Equal(Values((int)ds.Count), ds.Read<T>());
            }
            Assert.Equal(T.MinValue, f.Dataset("r0").ReadScalar<T>());
        }
    }

    [Fact]
    public void Float32_on_disk_reads_as_double_through_libhdf5_conversion()
    {
        var path = _dir.File("widen.h5");
        float[] data = [0.1f, -3.25f, float.MaxValue, float.Epsilon];
        using (var f = H5File.Create(path))
        {
            f.WriteDataset<float>("x", data);
            f.WriteDataset<short>("s", [-32768, 5, 32767]);
            f.WriteDataset<uint>("u", [0, 4_000_000_000]);
        }
        using var g = H5File.Open(path);
        // Expected: C#'s own float -> double widening, which is exact.
        Assert.Equal(data.Select(v => (double)v).ToArray(), g.Dataset("x").Read<double>());
        Assert.Equal([-32768, 5, 32767], g.Dataset("s").Read<int>());
        Assert.Equal([0L, 4_000_000_000L], g.Dataset("u").Read<long>());
        Assert.Equal([0.0, 4e9], g.Dataset("u").Read<double>());
    }

    [Fact]
    public void Narrowing_reads_need_an_explicit_opt_in_and_then_round_like_a_cast()
    {
        var path = _dir.File("narrow.h5");
        using (var f = H5File.Create(path)) f.WriteDataset<double>("d", [0.1, 1e10, -2.5]);
        using var g = H5File.Open(path);
        using var ds = g.Dataset("d");
        var ex = Assert.Throws<Hdf5TypeMismatchException>(() => ds.Read<float>());
        Assert.Contains("holds float64", ex.Message);
        Assert.Contains("allowNarrowing", ex.Message);
        // With the opt-in libhdf5 rounds to nearest, which is what C#'s (float) cast does.
        Assert.Equal([(float)0.1, (float)1e10, -2.5f], ds.Read<float>(allowNarrowing: true));
    }

    [Fact]
    public void Chunked_gzip_shuffle_dataset_round_trips_and_reports_its_layout()
    {
        var path = _dir.File("gz.h5");
        var n = 32;
        // A smooth field: compressible, exact in float32 (multiples of 1/8 below 2^21).
        var data = new float[n * n * n];
        for (var i = 0; i < data.Length; i++) data[i] = (i % 1000) * 0.125f;
        using (var f = H5File.Create(path))
        {
            using var ds = f.CreateDataset<float>("field", [n, n, n], chunks: [16, 16, 16], gzipLevel: 4, shuffle: true);
            ds.Write<float>(data);
        }
        using var g = H5File.Open(path);
        using var r = g.Dataset("field");
        Assert.Equal([16L, 16, 16], r.Chunks!);
        Assert.Equal([2, 1], r.Filters.Select(x => x.Id));          // shuffle (2) runs before deflate (1)
        Assert.Equal(4u, r.Filters[1].ClientData![0]);               // deflate's client data is the level
        Assert.Equal(data, r.Read<float>());
        Assert.True(new FileInfo(path).Length < data.Length * 4 / 4, "gzip should shrink the ramp at least 4x");
    }

    [Fact]
    public void Gzip_without_explicit_chunks_uses_h5py_style_guessed_chunks()
    {
        var path = _dir.File("guess.h5");
        using var f = H5File.Create(path);
        using var ds = f.CreateDataset<double>("x", [100, 100], gzipLevel: 1);
        // h5py 3.7's guess_chunk((100,100), None, 8) gives (25, 50): 80 kB dataset -> target 8 kB..16 kB.
        Assert.Equal([25L, 50], ds.Chunks!);
    }

    [Fact]
    public void Hyperslab_reads_one_realization_out_of_a_stack()
    {
        var path = _dir.File("stack.h5");
        const int N = 5, n = 6;
        var cube = n * n * n;
        var data = new float[N * cube];
        for (var i = 0; i < data.Length; i++) data[i] = i;   // value = flat C-order index
        using (var f = H5File.Create(path)) f.WriteDataset<float>("fields", data, [N, n, n, n]);

        using var g = H5File.Open(path);
        using var ds = g.Dataset("fields").RequireRank(4);
        var third = ds.ReadHyperslab<float>([3, 0, 0, 0], [1, n, n, n]);
        Assert.Equal(Enumerable.Range(3 * cube, cube).Select(v => (float)v).ToArray(), third);
        Assert.Equal(third, ds.ReadSlice<float>(3));

        // An interior box [1..3) x [2..5) x [0..1) x [4..6) of realization... values = C-order index of each element.
        var box = new double[2 * 3 * 1 * 2];
        ds.ReadHyperslab<double>([1, 2, 0, 4], [2, 3, 1, 2], box);
        var expected = new List<double>();
        for (var a = 1; a < 3; a++)
            for (var b = 2; b < 5; b++)
                for (var c = 0; c < 1; c++)
                    for (var d = 4; d < 6; d++)
                        expected.Add(((a * n + b) * n + c) * n + d);
        Assert.Equal(expected, box);
    }

    [Fact]
    public void Hyperslab_writes_touch_only_the_selected_block()
    {
        var path = _dir.File("hw.h5");
        using var f = H5File.Create(path);
        using var ds = f.CreateDataset<int>("m", [4, 5]);
        ds.Write<int>(new int[20]);
        ds.WriteHyperslab<int>([1, 2], [2, 3], [1, 2, 3, 4, 5, 6]);
        Assert.Equal(
            [0, 0, 0, 0, 0,
             0, 0, 1, 2, 3,
             0, 0, 4, 5, 6,
             0, 0, 0, 0, 0], ds.Read<int>());
    }

    [Fact]
    public void Extendable_dataset_grows_by_appended_realizations()
    {
        var path = _dir.File("append.h5");
        const int n = 4;
        var cube = n * n * n;
        float[] Realization(int r) => Enumerable.Range(0, cube).Select(i => r * 1000f + i).ToArray();
        using (var f = H5File.Create(path))
        {
            using var ds = f.CreateDataset<float>("sims/fields", [0, n, n, n], maxShape: [-1, n, n, n], chunks: [1, n, n, n], gzipLevel: 1);
            Assert.Equal([-1L, n, n, n], ds.MaxShape);
            ds.Append<float>(Realization(0), [1, n, n, n]);
            var two = Realization(1).Concat(Realization(2)).ToArray();
            ds.Append<float>(two, [2, n, n, n]);
            Assert.Equal([3L, n, n, n], ds.Shape);
        }
        using var g = H5File.Open(path);
        using var r = g.Dataset("/sims/fields");
        Assert.Equal([3L, n, n, n], r.Shape);
        for (var i = 0; i < 3; i++) Assert.Equal(Realization(i), r.ReadSlice<float>(i));
    }

    [Fact]
    public void Resize_grows_and_shrinks_within_max_shape_and_new_space_reads_as_zero()
    {
        var path = _dir.File("resize.h5");
        using var f = H5File.Create(path);
        using var ds = f.CreateDataset<double>("x", [2], maxShape: [10]);
        ds.Write<double>([1.5, 2.5]);
        ds.Resize(5);
        Assert.Equal([1.5, 2.5, 0, 0, 0], ds.Read<double>());   // HDF5's default fill value is 0
        ds.Resize(1);
        Assert.Equal([1.5], ds.Read<double>());
        var ex = Assert.Throws<Hdf5ShapeException>(() => ds.Resize(11));
        Assert.Contains("maximum shape is [10]", ex.Message);
    }

    [Fact]
    public void Contiguous_dataset_cannot_be_appended_to_and_says_how_to_fix_it()
    {
        var path = _dir.File("fixed.h5");
        using var f = H5File.Create(path);
        using var ds = f.WriteDataset<float>("x", [1f, 2f], [1, 2]);
        var ex = Assert.Throws<Hdf5ShapeException>(() => ds.Append<float>([3f, 4f], [1, 2]));
        Assert.Contains("maxShape[0] = -1", ex.Message);
        Assert.Contains("fixed.h5", ex.Message);
    }

    [Fact]
    public void Empty_datasets_have_zero_count_and_read_as_empty_arrays()
    {
        var path = _dir.File("empty.h5");
        using var f = H5File.Create(path);
        using var ds = f.CreateDataset<float>("e", [0, 3], maxShape: [-1, 3]);
        Assert.Equal(0, ds.Count);
        Assert.Empty(ds.Read<float>());
        Assert.Empty(ds.ReadHyperslab<float>([0, 0], [0, 3]));
    }

    [Fact]
    public void Large_float_cube_is_read_back_with_one_call_into_a_caller_buffer()
    {
        var path = _dir.File("big.h5");
        const int n = 64;
        var data = new float[n * n * n];
        var rng = new Random(42);
        for (var i = 0; i < data.Length; i++) data[i] = (float)rng.NextDouble();
        using (var f = H5File.Create(path)) f.WriteDataset<float>("cube", data, [n, n, n]);
        var back = new float[data.Length];
        using (var g = H5File.Open(path)) g.Dataset("cube").Read<float>(back);
        Assert.Equal(data, back);
        // 1 MiB of raw floats plus ~2 kB of HDF5 metadata; a contiguous dataset is stored uncompressed.
        Assert.InRange(new FileInfo(path).Length, data.Length * 4L, data.Length * 4L + 4096);
    }
}
