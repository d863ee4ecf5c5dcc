using SimEmulator.Data.Hdf5;

namespace SimEmulator.Tests.Data.Hdf5;

/// <summary>Attributes written and read back by our API on the file, a group and a dataset.</summary>
public sealed class H5AttributeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void WriteAll(H5Attributes a)
    {
        a.Set("BoxSize", 1000.0);
        a.Set("Nmesh", 256L);
        a.Set("seed", -7);
        a.Set("omega_m", 0.3175f);
        a.Set("hydro", true);
        a.Set("dry", false);
        a.Set("title", "Quijote fiducial ✓");
        a.Set("empty", "");
        a.Set("names", ["run0", "rün1"]);
        a.Set<double>("redshifts", [0.0, 0.5, 1.0, 2.0, 3.0]);
        a.Set<int>("grid", [64, 128, 256]);
        a.Set<ulong>("big", [ulong.MaxValue]);
    }

    private static void AssertAll(H5Attributes a)
    {
        Assert.Equal(1000.0, a.Get<double>("BoxSize"));
        Assert.Equal(256L, a.Get<long>("Nmesh"));
        Assert.Equal(-7, a.Get<int>("seed"));
        Assert.Equal(0.3175f, a.Get<float>("omega_m"));
        Assert.True(a.Get<bool>("hydro"));
        Assert.False(a.Get<bool>("dry"));
        Assert.Equal("Quijote fiducial ✓", a.GetString("title"));
        Assert.Equal("", a.GetString("empty"));
        Assert.Equal(["run0", "rün1"], a.GetStrings("names"));
        Assert.Equal([0.0, 0.5, 1.0, 2.0, 3.0], a.GetArray<double>("redshifts"));
        Assert.Equal([64, 128, 256], a.GetArray<int>("grid"));
        Assert.Equal(ulong.MaxValue, a.Get<ulong>("big"));
        Assert.Equal(H5ElementType.Bool, a.ElementTypeOf("hydro"));
        Assert.Equal(H5ElementType.Float32, a.ElementTypeOf("omega_m"));
        Assert.Equal(H5ElementType.String, a.ElementTypeOf("title"));
        Assert.Equal(["BoxSize", "Nmesh", "big", "dry", "empty", "grid", "hydro", "names", "omega_m", "redshifts", "seed", "title"], a.Names);
    }

    [Fact]
    public void Scalars_strings_and_arrays_round_trip_on_file_group_and_dataset()
    {
        var path = _dir.File("attrs.h5");
        using (var f = H5File.Create(path))
        {
            WriteAll(f.Attributes);
            using var g = f.CreateGroup("a/b");
            WriteAll(g.Attributes);
            using var d = f.WriteDataset<float>("a/b/d", [1f]);
            WriteAll(d.Attributes);
        }
        using var r = H5File.Open(path);
        AssertAll(r.Attributes);
        AssertAll(r.Group("a/b").Attributes);
        AssertAll(r.Dataset("/a/b/d").Attributes);
    }

    [Fact]
    public void Numeric_attributes_convert_when_the_value_fits()
    {
        var path = _dir.File("conv.h5");
        using var f = H5File.Create(path);
        var a = f.Attributes;
        a.Set("Nmesh", 256L);      // what h5py writes for a Python int
        a.Set("whole", 3.0);
        a.Set("half", 3.5);
        a.Set("neg", -1);
        Assert.Equal(256, a.Get<int>("Nmesh"));
        Assert.Equal(256.0, a.Get<double>("Nmesh"));
        Assert.Equal(3L, a.Get<long>("whole"));
        Assert.Equal(3.5f, a.Get<float>("half"));
        Assert.Throws<Hdf5TypeMismatchException>(() => a.Get<long>("half"));   // 3.5 is not an integer
        Assert.Throws<Hdf5TypeMismatchException>(() => a.Get<byte>("Nmesh"));  // 256 > byte.MaxValue
        Assert.Throws<Hdf5TypeMismatchException>(() => a.Get<uint>("neg"));
    }

    [Fact]
    public void Setting_an_existing_attribute_replaces_it_even_with_another_type()
    {
        var path = _dir.File("replace.h5");
        using var f = H5File.Create(path);
        f.Attributes.Set("x", 1.5);
        f.Attributes.Set("x", "now a string");
        Assert.Equal("now a string", f.Attributes.GetString("x"));
        Assert.True(f.Attributes.Contains("x"));
        f.Attributes.Delete("x");
        Assert.False(f.Attributes.Contains("x"));
        Assert.Empty(f.Attributes.Names);
    }

    [Fact]
    public void Reading_a_string_as_a_number_or_an_array_as_a_scalar_says_which_getter_to_use()
    {
        var path = _dir.File("mismatch.h5");
        using var f = H5File.Create(path);
        using var d = f.WriteDataset<double>("fields", [1.0]);
        d.Attributes.Set("units", "Mpc/h");
        f.Attributes.Set<double>("arr", [1.0, 2.0]);
        var ex = Assert.Throws<Hdf5TypeMismatchException>(() => d.Attributes.Get<double>("units"));
        Assert.Equal("attribute 'units' on dataset '/fields' in " + path + " holds string; cannot read it as double: read it with GetString", ex.Message);
        var ex2 = Assert.Throws<Hdf5ShapeException>(() => f.Attributes.Get<double>("arr"));
        Assert.Contains("holds 2 values; read it with GetArray", ex2.Message);
    }
}
