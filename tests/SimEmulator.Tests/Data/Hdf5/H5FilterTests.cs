using SimEmulator.Data.Hdf5;

namespace SimEmulator.Tests.Data.Hdf5;

/// <summary>
/// Datasets compressed with a filter this libhdf5 lacks (Blosc, 32001, as in Quijote's files since 2023) must say
/// which filter is missing instead of libhdf5's "can't open directory: …/plugins".
/// </summary>
public sealed class H5FilterTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Advice = "uses HDF5 filter 32001 (blosc), which this libhdf5 does not have; install the hdf5-blosc plugin or re-save without it";

    [Fact]
    public void Blosc_chunks_written_by_h5py_are_refused_with_the_filter_named()
    {
        // blosc_like.h5: h5py low-level API, filter 32001 in the pipeline and a chunk stored with filter mask 0,
        // i.e. claiming Blosc ran, exactly what a reader of a real Blosc file meets without the plugin.
        Assert.False(H5Library.CanDecode(32001), "this test assumes the hdf5-blosc plugin is not installed");
        var path = H5TestSupport.Fixture("blosc_like.h5");
        using var f = H5File.Open(path);
        using var x = f.Dataset("x");
        Assert.Equal([4L], x.Shape);                                  // metadata stays readable
        Assert.Equal("chunk claims to be blosc-compressed", x.Attributes.GetString("note"));
        var filter = Assert.Single(x.Filters);
        Assert.Equal(new[] { 32001, 1 }, new[] { filter.Id, filter.Optional ? 1 : 0 });
        var ex = Assert.Throws<Hdf5FilterUnavailableException>(() => x.Read<float>());
        Assert.Equal($"dataset '/x' in {path} {Advice}", ex.Message);
        Assert.Equal(32001, ex.FilterId);
        Assert.Equal("blosc", ex.FilterName);
        Assert.Throws<Hdf5FilterUnavailableException>(() => x.ReadHyperslab<float>([0], [2]));
    }

    [Fact]
    public void Optional_unavailable_filter_set_through_our_API_is_refused_on_read()
    {
        // H5Pset_filter accepts an unavailable filter only with H5Z_FLAG_OPTIONAL; libhdf5 then skips it per chunk
        // on write. Our pre-read check still refuses, as it must for real Blosc chunks (previous test).
        var path = _dir.File("opt.h5");
        using (var f = H5File.Create(path))
        {
            using var ds = f.CreateDataset<float>("x", [8], chunks: [4], filters: [new H5Filter(32001, Optional: true, ClientData: [2, 2, 4, 0, 5, 1, 0])]);
            ds.Write<float>([1, 2, 3, 4, 5, 6, 7, 8]);
        }
        using var g = H5File.Open(path);
        using var r = g.Dataset("x");
        Assert.Equal(32001, Assert.Single(r.Filters).Id);
        var ex = Assert.Throws<Hdf5FilterUnavailableException>(() => r.Read<float>());
        Assert.Equal($"dataset '/x' in {path} {Advice}", ex.Message);
    }

    [Fact]
    public void Mandatory_unavailable_filter_is_refused_at_creation()
    {
        using var f = H5File.Create(_dir.File("mand.h5"));
        var ex = Assert.Throws<Hdf5FilterUnavailableException>(() => f.CreateDataset<float>("x", [8], filters: [new H5Filter(32001)]));
        Assert.Contains("HDF5 filter 32001 (blosc): this libhdf5 does not have it", ex.Message);
        Assert.False(f.Exists("x"));
    }

    [Fact]
    public void Gzip_is_available_in_this_libhdf5()
    {
        Assert.True(H5Library.CanDecode(1));
        Assert.StartsWith("1.", H5Library.Version);
    }
}
