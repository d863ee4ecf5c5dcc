using SimEmulator.Data.Hdf5;

namespace SimEmulator.Tests.Data.Hdf5;

/// <summary>Files are written under a temporary name and appear under the final name only when complete.</summary>
public sealed class H5AtomicFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Commit_renames_the_complete_file_into_place()
    {
        var final = _dir.File("out.h5");
        string temp;
        using (var f = H5File.CreateAtomic(final))
        {
            temp = f.TempPath;
            Assert.StartsWith(final + ".tmp-", temp);
            Assert.True(File.Exists(temp));
            Assert.False(File.Exists(final));
            using var ds = f.WriteDataset<double>("x", [1.0, 2.0]);   // still open at Commit: closed by it
            f.Attributes.Set("seed", 42L);
            f.Commit();
            Assert.True(f.Committed);
        }
        Assert.False(File.Exists(temp));
        using var r = H5File.Open(final);
        Assert.Equal([1.0, 2.0], r.Dataset("x").Read<double>());
        Assert.Equal(42L, r.Attributes.Get<long>("seed"));
    }

    [Fact]
    public void Dispose_without_commit_deletes_the_temporary_file_and_leaves_the_old_one()
    {
        var final = _dir.File("keep.h5");
        using (var old = H5File.Create(final)) old.Attributes.Set("version", 1);
        string temp;
        using (var f = H5File.CreateAtomic(final))
        {
            temp = f.TempPath;
            f.Attributes.Set("version", 2);
            // e.g. an exception here: no Commit
        }
        Assert.False(File.Exists(temp));
        Assert.Equal(["keep.h5"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
        using var r = H5File.Open(final);
        Assert.Equal(1, r.Attributes.Get<int>("version"));
    }

    [Fact]
    public void Commit_replaces_an_existing_file_and_messages_use_the_final_name()
    {
        var final = _dir.File("replace.h5");
        using (var old = H5File.Create(final)) old.Attributes.Set("version", 1);
        using (var f = H5File.CreateAtomic(final))
        {
            Assert.Equal(final, f.FilePath);
            var ex = Assert.Throws<Hdf5NotFoundException>(() => f.Dataset("nope"));
            Assert.Equal($"no dataset '/nope' in {final}", ex.Message);
            f.Attributes.Set("version", 2);
            f.Commit();
            Assert.Throws<InvalidOperationException>(() => f.Commit());
        }
        using var r = H5File.Open(final);
        Assert.Equal(2, r.Attributes.Get<int>("version"));
    }
}
