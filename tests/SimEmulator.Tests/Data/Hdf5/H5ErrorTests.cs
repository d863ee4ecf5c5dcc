using SimEmulator.Data.Hdf5;

namespace SimEmulator.Tests.Data.Hdf5;

/// <summary>Bad input gives one specific exception whose message names the file (and object); nothing crashes.</summary>
public sealed class H5ErrorTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Sims()
    {
        var path = _dir.File("sims.h5");
        using var f = H5File.Create(path);
        using var ds = f.WriteDataset<float>("fields", new float[2 * 3 * 4], [2, 3, 4]);
        ds.Attributes.Set("BoxSize", 1000.0);
        return path;
    }

    [Fact]
    public void Truncated_file_is_reported_as_truncated()
    {
        var good = Sims();
        var cut = _dir.File("cut.h5");
        var bytes = File.ReadAllBytes(good);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<Hdf5FormatException>(() => H5File.Open(cut));
        Assert.StartsWith($"{cut} is not an HDF5 file (or is truncated)", ex.Message);
        Assert.Contains("truncated file", ex.Message);   // libhdf5's own diagnosis, kept as detail
        Assert.Equal(cut, ex.FileName);
    }

    [Fact]
    public void File_with_wrong_magic_is_not_hdf5()
    {
        var path = _dir.File("notes.h5");
        File.WriteAllText(path, "# this is a text file, not HDF5\n" + new string('x', 2000));
        var ex = Assert.Throws<Hdf5FormatException>(() => H5File.Open(path));
        Assert.StartsWith($"{path} is not an HDF5 file", ex.Message);
    }

    [Fact]
    public void Empty_and_missing_files_are_reported_plainly()
    {
        var empty = _dir.File("empty.h5");
        File.WriteAllBytes(empty, []);
        Assert.StartsWith($"{empty} is not an HDF5 file", Assert.Throws<Hdf5FormatException>(() => H5File.Open(empty)).Message);
        var missing = _dir.File("missing.h5");
        Assert.Equal($"{missing} not found", Assert.Throws<FileNotFoundException>(() => H5File.Open(missing)).Message);
    }

    [Fact]
    public void Missing_dataset_and_group_name_the_path_and_file()
    {
        var path = Sims();
        using var f = H5File.Open(path);
        var ex = Assert.Throws<Hdf5NotFoundException>(() => f.Dataset("/density"));
        Assert.Equal($"no dataset '/density' in {path}", ex.Message);
        Assert.Equal("/density", ex.ObjectPath);
        Assert.Equal($"no group '/a/b' in {path}", Assert.Throws<Hdf5NotFoundException>(() => f.Group("a/b")).Message);
        Assert.Equal($"'/fields' in {path} is a dataset, not a group", Assert.Throws<Hdf5NotFoundException>(() => f.Group("fields")).Message);
        Assert.Equal($"'/' in {path} is a group, not a dataset", Assert.Throws<Hdf5NotFoundException>(() => f.Dataset("/")).Message);
    }

    [Fact]
    public void Missing_attribute_lists_the_ones_that_exist()
    {
        var path = Sims();
        using var f = H5File.Open(path);
        using var ds = f.Dataset("fields");
        var ex = Assert.Throws<Hdf5NotFoundException>(() => ds.Attributes.Get<double>("Omega_m"));
        Assert.Equal($"no attribute 'Omega_m' on dataset '/fields' in {path} (it has 'BoxSize')", ex.Message);
        Assert.Equal($"no attribute 'title' on {path} (it has no attributes)", Assert.Throws<Hdf5NotFoundException>(() => f.Attributes.GetString("title")).Message);
    }

    [Fact]
    public void Wrong_rank_request_states_both_ranks()
    {
        var path = Sims();
        using var f = H5File.Open(path);
        using var ds = f.Dataset("fields");
        Assert.Equal($"dataset '/fields' in {path} has rank 3, expected 4", Assert.Throws<Hdf5ShapeException>(() => ds.RequireRank(4)).Message);
        var ex = Assert.Throws<Hdf5ShapeException>(() => ds.ReadHyperslab<float>([0, 0, 0, 0], [1, 3, 4, 1]));
        Assert.StartsWith($"dataset '/fields' in {path} has rank 3, expected 4", ex.Message);
        Assert.Equal($"dataset '/fields' in {path} has shape [2, 3, 4], expected [*, 3, 5]", Assert.Throws<Hdf5ShapeException>(() => ds.RequireShape(-1, 3, 5)).Message);
        var outside = Assert.Throws<Hdf5ShapeException>(() => ds.ReadHyperslab<float>([1, 0, 0], [2, 3, 4]));
        Assert.Contains("lies outside", outside.Message);
        Assert.Throws<Hdf5ShapeException>(() => ds.Read<float>(new float[5]));
    }

    [Fact]
    public void Wrong_element_type_request_says_what_is_stored()
    {
        var path = Sims();
        using (var w = H5File.Open(path, H5FileMode.ReadWrite)) w.Attributes.Set("title", "x");
        using var f = H5File.Open(path);
        using var ds = f.Dataset("fields");
        var ex = Assert.Throws<Hdf5TypeMismatchException>(() => ds.Read<int>());
        Assert.StartsWith($"dataset '/fields' in {path} holds float32; reading it as int would narrow the values", ex.Message);
        Assert.Equal(H5ElementType.Float32, ex.Stored);
        Assert.Equal(typeof(int), ex.Requested);
        Assert.Throws<Hdf5TypeMismatchException>(() => f.Attributes.Get<double>("title"));
        Assert.Throws<Hdf5TypeMismatchException>(() => ds.Attributes.GetString("BoxSize"));
        Assert.Throws<NotSupportedException>(() => ds.Read<decimal>());
    }

    [Fact]
    public void Creating_below_a_dataset_says_the_parent_is_not_a_group()
    {
        var path = Sims();
        using var f = H5File.Open(path, H5FileMode.ReadWrite);
        Assert.Equal($"cannot create '/fields/sub' in {path}: '/fields' is a dataset, not a group",
            Assert.Throws<Hdf5Exception>(() => f.CreateDataset<float>("fields/sub", [1])).Message);
        Assert.Throws<Hdf5Exception>(() => f.CreateGroup("fields/sub/deeper"));
        Assert.False(f.Exists("fields/sub"));
    }

    [Fact]
    public void Corrupt_metadata_behind_a_valid_signature_is_a_format_error()
    {
        var good = Sims();
        var bad = _dir.File("corrupt.h5");
        var bytes = File.ReadAllBytes(good);
        for (var i = 100; i < 800; i++) bytes[i] = 0xAB;   // keep the 8-byte signature, smash the superblock
        File.WriteAllBytes(bad, bytes);
        var ex = Assert.Throws<Hdf5FormatException>(() => H5File.Open(bad).Dispose());
        Assert.StartsWith($"{bad} has an HDF5 signature but cannot be opened (corrupt?)", ex.Message);
    }

    [Fact]
    public void Creating_into_a_missing_directory_names_the_directory()
    {
        var path = Path.Combine(_dir.Path, "no", "such", "dir", "x.h5");
        var ex = Assert.Throws<DirectoryNotFoundException>(() => H5File.Create(path));
        Assert.Contains(Path.Combine(_dir.Path, "no", "such", "dir"), ex.Message);
    }

    [Fact]
    public void Libhdf5_failures_carry_its_error_stack_text()
    {
        var path = _dir.File("dup.h5");
        using var f = H5File.Create(path);
        using var ds = f.CreateDataset<float>("x", [4], maxShape: [-1], chunks: [2]);
        // A chunk larger than a fixed maximum dimension is refused by our own check before libhdf5 sees it.
        var ex = Assert.Throws<Hdf5ShapeException>(() => f.CreateDataset<float>("y", [4], chunks: [8]));
        Assert.Contains("chunk dimension 0 is 8", ex.Message);
        f.Dispose();
        // Open read-only, then read-write in the same process: libhdf5 itself refuses, and we keep its words.
        using var ro = H5File.Open(path);
        var again = Assert.Throws<Hdf5Exception>(() => H5File.Open(path, H5FileMode.ReadWrite).Dispose());
        Assert.Equal($"cannot open {path} for writing: unable to open file: file is already open for read-only", again.Message);
        Assert.Equal("unable to open file: file is already open for read-only", again.Hdf5Detail);
    }
}
