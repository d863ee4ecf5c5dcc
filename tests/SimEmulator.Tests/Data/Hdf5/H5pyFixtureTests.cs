using SimEmulator.Data.Hdf5;

namespace SimEmulator.Tests.Data.Hdf5;

/// <summary>
/// Reads Fixtures/hdf5/h5py_types.h5, written by h5py 3.7 (make_hdf5_fixtures.py); every expected value below is
/// the closed form that script wrote.
/// </summary>
public sealed class H5pyFixtureTests
{
    private static H5File Open() => H5File.Open(H5TestSupport.Fixture("h5py_types.h5"));

    [Fact]
    public void Integer_datasets_of_every_width_read_exactly()
    {
        using var f = Open();
        Assert.Equal(H5TestSupport.Extremes<sbyte>(), f.Dataset("int8").Read<sbyte>());
        Assert.Equal(H5TestSupport.Extremes<short>(), f.Dataset("int16").Read<short>());
        Assert.Equal(H5TestSupport.Extremes<int>(), f.Dataset("int32").Read<int>());
        Assert.Equal(H5TestSupport.Extremes<long>(), f.Dataset("int64").Read<long>());
        Assert.Equal(H5TestSupport.Extremes<byte>(), f.Dataset("uint8").Read<byte>());
        Assert.Equal(H5TestSupport.Extremes<ushort>(), f.Dataset("uint16").Read<ushort>());
        Assert.Equal(H5TestSupport.Extremes<uint>(), f.Dataset("uint32").Read<uint>());
        Assert.Equal(H5TestSupport.Extremes<ulong>(), f.Dataset("uint64").Read<ulong>());
        using var i16 = f.Dataset("int16");
        Assert.Equal([2L, 3], i16.Shape);
        Assert.Equal(H5ElementType.Int16, i16.ElementType);
    }

    [Fact]
    public void Float_datasets_read_exactly_including_big_endian_and_float16()
    {
        using var f = Open();
        using var f32 = f.Dataset("float32");
        Assert.Equal([3L, 4], f32.Shape);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i * 0.5f - 1).ToArray(), f32.Read<float>());
        var f64 = f.Dataset("float64").Read<double>();
        Assert.Equal([Math.PI, Math.E, 0.0, 1e300, double.Epsilon], f64);
        Assert.True(double.IsNegative(f64[2]), "-0.0 keeps its sign");
        Assert.Equal([1.5f, -2.25f, 3.0f, 1e-3f], f.Dataset("big_endian_f4").Read<float>());   // '>f4' swapped by libhdf5
        using var half = f.Dataset("float16");
        Assert.Equal(H5ElementType.Float16, half.ElementType);
        Assert.Equal([0.5f, -2.0f, 65504f], half.Read<float>());   // all exactly representable in float16
        Assert.Equal(42.5, f.Dataset("scalar").ReadScalar<double>());
        Assert.Empty(f.Dataset("scalar").Shape);
    }

    [Fact]
    public void Gzip_shuffle_chunked_dataset_reads_exactly()
    {
        using var f = Open();
        using var gz = f.Dataset("gz");
        Assert.Equal([8L, 8], gz.Chunks!);
        Assert.Equal([H5Filter.NameOf(2), "deflate"], gz.Filters.Select(x => x.Name));
        var v = gz.Read<float>();
        for (var i = 0; i < 16; i++)
            for (var j = 0; j < 16; j++)
                Assert.Equal((i * 16 + j) * 0.25f, v[i * 16 + j]);
    }

    [Fact]
    public void Extendable_h5py_stack_reads_realization_by_realization()
    {
        using var f = Open();
        using var ds = f.Dataset("sims/fields").RequireShape(-1, 4, 4, 4);
        Assert.Equal([-1L, 4, 4, 4], ds.MaxShape);
        for (var r = 0; r < 3; r++)
        {
            var cube = ds.ReadSlice<float>(r);
            for (var x = 0; x < 4; x++)
                for (var y = 0; y < 4; y++)
                    for (var z = 0; z < 4; z++)
                        Assert.Equal(1000 * r + 100 * x + 10 * y + z, cube[(x * 4 + y) * 4 + z]);
        }
    }

    [Fact]
    public void Group_tree_and_links_are_listed_with_kinds()
    {
        using var f = Open();
        using var sims = f.Group("sims");
        Assert.Equal(
            [
                new H5Child("broken", H5ObjectKind.DanglingLink),
                new H5Child("fields", H5ObjectKind.Dataset),
                new H5Child("latest", H5ObjectKind.Group),
                new H5Child("run0", H5ObjectKind.Group),
                new H5Child("run1", H5ObjectKind.Group),
            ],
            sims.Children);
        Assert.Equal(["delta", "halos"], f.Group("sims/latest").Names);   // soft link followed
        Assert.False(f.Exists("sims/broken"));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (double)i).ToArray(), f.Dataset("sims/run0/delta").Read<double>());
        Assert.Equal(3, f.Group("sims").Attributes.Get<long>("count"));
    }

    [Fact]
    public void Attributes_of_every_kind_read_exactly()
    {
        using var f = Open();
        var a = f.Attributes;
        Assert.Equal("Quijote-like fixture", a.GetString("title"));
        Assert.Equal("δ = ρ/ρ̄ − 1", a.GetString("kind"));
        Assert.Equal("fixedlen", a.GetString("fixed_bytes"));     // np.bytes_: fixed-length, NULLPAD
        Assert.Equal(1000.0, a.Get<double>("BoxSize"));
        Assert.Equal(256L, a.Get<long>("Nmesh"));
        Assert.Equal(256, a.Get<int>("Nmesh"));
        Assert.Equal(-7, a.Get<int>("seed"));
        Assert.Equal(0.3175f, a.Get<float>("omega_m"));
        Assert.Equal((double)0.3175f, a.Get<double>("omega_m"));   // float32 widened exactly
        Assert.True(a.Get<bool>("hydro"));
        Assert.Equal(H5ElementType.Bool, a.ElementTypeOf("hydro"));
        Assert.Equal([0.0, 0.5, 1.0, 2.0, 3.0], a.GetArray<double>("redshifts"));
        Assert.Equal([64, 128, 256], a.GetArray<int>("grid"));
        Assert.Equal(["run0", "run1"], a.GetStrings("names"));
        Assert.Equal(9223372036854775813UL, a.Get<ulong>("big"));   // 2^63 + 5 needs all 64 unsigned bits
        using var fields = f.Dataset("sims/fields");
        Assert.Equal("Mpc/h", fields.Attributes.GetString("units"));
        Assert.Equal(1000.0, fields.Attributes.Get<double>("box"));
        Assert.Equal(["box", "units"], fields.Attributes.Names);
    }

    [Fact]
    public void Bool_dataset_is_reported_as_bool_and_refused_as_numbers()
    {
        using var f = Open();
        using var b = f.Dataset("bools");
        Assert.Equal(H5ElementType.Bool, b.ElementType);
        var ex = Assert.Throws<Hdf5TypeMismatchException>(() => b.Read<byte>());
        Assert.Contains("holds bool values, not numbers", ex.Message);
    }
}
