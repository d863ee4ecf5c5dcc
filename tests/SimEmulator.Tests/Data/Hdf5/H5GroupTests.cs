using SimEmulator.Data.Hdf5;

namespace SimEmulator.Tests.Data.Hdf5;

public sealed class H5GroupTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void CreateGroup_makes_intermediate_groups_and_Exists_sees_them()
    {
        using var f = H5File.Create(_dir.File("g.h5"));
        using var c = f.CreateGroup("a/b/c");
        Assert.Equal("/a/b/c", c.Path);
        Assert.True(f.Exists("a"));
        Assert.True(f.Exists("/a/b"));
        Assert.True(f.Exists("a/b/c"));
        Assert.False(f.Exists("a/x/c"));       // a missing middle component is "no", not an HDF5 error
        Assert.False(f.Exists("nothing"));
        using var b = f.Group("a/b");
        Assert.True(b.Exists("c"));
        Assert.Equal(H5ObjectKind.Group, f.KindOf("a/b/c"));
        Assert.Null(f.KindOf("a/b/zz"));
    }

    [Fact]
    public void Relative_paths_resolve_from_the_group_and_absolute_ones_from_the_root()
    {
        using var f = H5File.Create(_dir.File("rel.h5"));
        using var sims = f.CreateGroup("sims");
        using var ds = sims.WriteDataset<int>("run0/n", [1, 2, 3]);
        Assert.Equal("/sims/run0/n", ds.Path);
        Assert.Equal([1, 2, 3], sims.Dataset("run0/n").Read<int>());
        Assert.Equal([1, 2, 3], sims.Dataset("/sims/run0/n").Read<int>());
        using var root = f.Group("/");
        Assert.Equal("/", root.Path);
        Assert.Equal(["sims"], root.Names);
    }

    [Fact]
    public void Children_are_listed_in_name_order_with_their_kinds()
    {
        using var f = H5File.Create(_dir.File("kids.h5"));
        f.CreateGroup("zeta").Dispose();
        f.WriteDataset<double>("alpha", [1.0]).Dispose();
        f.CreateGroup("mid/inner").Dispose();
        Assert.Equal(["alpha", "mid", "zeta"], f.Names);
        Assert.Equal(
            [new H5Child("alpha", H5ObjectKind.Dataset), new H5Child("mid", H5ObjectKind.Group), new H5Child("zeta", H5ObjectKind.Group)],
            f.Children);
    }

    [Fact]
    public void RequireGroup_opens_existing_and_CreateGroup_refuses_duplicates()
    {
        using var f = H5File.Create(_dir.File("dup.h5"));
        f.CreateGroup("a").Attributes.Set("k", 1);
        Assert.Equal(1, f.RequireGroup("a").Attributes.Get<int>("k"));
        var ex = Assert.Throws<Hdf5Exception>(() => f.CreateGroup("a"));
        Assert.Contains("group '/a' already exists", ex.Message);
        Assert.Contains("RequireGroup", ex.Message);
        Assert.Equal("/b/c", f.RequireGroup("b/c").Path);
    }

    [Fact]
    public void Delete_removes_a_link()
    {
        using var f = H5File.Create(_dir.File("del.h5"));
        f.WriteDataset<float>("x", [1f]).Dispose();
        f.Delete("x");
        Assert.False(f.Exists("x"));
        Assert.Throws<Hdf5NotFoundException>(() => f.Delete("x"));
    }

    [Fact]
    public void Writing_to_a_read_only_file_says_how_to_open_it()
    {
        var path = _dir.File("ro.h5");
        H5File.Create(path).Dispose();
        using (var f = H5File.Open(path))
        {
            var ex = Assert.Throws<Hdf5Exception>(() => f.CreateGroup("a"));
            Assert.Equal($"cannot create group '/a': {path} is open read-only (open it with H5FileMode.ReadWrite)", ex.Message);
        }
        using var rw = H5File.Open(path, H5FileMode.ReadWrite);
        rw.CreateGroup("a").Dispose();
        Assert.True(rw.Exists("a"));
    }

    [Fact]
    public void Disposing_the_file_closes_its_datasets_and_later_use_names_the_object()
    {
        var f = H5File.Create(_dir.File("closed.h5"));
        var ds = f.WriteDataset<float>("x", [1f, 2f]);
        f.Dispose();
        var ex = Assert.Throws<ObjectDisposedException>(() => ds.Read<float>());
        Assert.Contains("dataset '/x' in", ex.Message);
        ds.Dispose();   // second close is harmless
    }

    [Fact]
    public void Create_refuses_to_overwrite_unless_asked()
    {
        var path = _dir.File("exists.h5");
        using (var f = H5File.Create(path)) f.WriteDataset<int>("old", [1]).Dispose();
        var ex = Assert.Throws<IOException>(() => H5File.Create(path));
        Assert.Contains("already exists", ex.Message);
        using (var f = H5File.Create(path, overwrite: true)) Assert.Empty(f.Names);
    }
}
