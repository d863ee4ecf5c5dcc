using System.Diagnostics;
using SimEmulator.Data.Hdf5;

namespace SimEmulator.Tests.Data.Hdf5;

/// <summary>Every native call runs under one global lock, so threads may share the library (and even a file).</summary>
public sealed class H5ThreadingTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Parallel_writers_of_separate_files_and_readers_of_one_file_agree()
    {
        const int files = 8, n = 4096;
        Parallel.For(0, files, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            using var f = H5File.Create(_dir.File($"t{i}.h5"));
            f.WriteDataset<double>("x", Enumerable.Range(0, n).Select(k => (double)(i * n + k)).ToArray(), [n], chunks: [512], gzipLevel: 1);
            f.Attributes.Set("i", i);
        });
        using var shared = H5File.Open(_dir.File("t3.h5"));
        using var ds = shared.Dataset("x");
        Parallel.For(0, 64, k =>
        {
            // Each reader takes its own 64-element window of file 3, whose values are 3 n + index.
            var start = k * 64;
            var got = ds.ReadHyperslab<double>([start], [64]);
            for (var j = 0; j < 64; j++) Assert.Equal(3 * n + start + j, got[j]);
            // Errors on fresh threads are exceptions too (HDF5's per-thread auto-printing is switched off on each).
            Assert.Throws<Hdf5NotFoundException>(() => shared.Dataset("missing"));
        });
        for (var i = 0; i < files; i++)
        {
            using var f = H5File.Open(_dir.File($"t{i}.h5"));
            Assert.Equal(i, f.Attributes.Get<int>("i"));
            Assert.Equal(i * n + n - 1, f.Dataset("x").Read<double>()[^1]);
        }
    }

    [Fact]
    public void A_child_process_started_while_a_file_is_open_does_not_keep_it_locked()
    {
        // libhdf5 flocks files and opens them without O_CLOEXEC; without our FD_CLOEXEC the child below would
        // inherit the write lock and the reopen would fail with "unable to lock file, errno = 11" until it exits.
        var path = _dir.File("locked.h5");
        using var child = new Process { StartInfo = new ProcessStartInfo("/bin/sleep", "5") { UseShellExecute = false } };
        using (var f = H5File.Create(path))
        {
            f.WriteDataset<int>("x", [1, 2, 3]).Dispose();
            child.Start();
        }
        try
        {
            using var r = H5File.Open(path, H5FileMode.ReadWrite);
            Assert.Equal([1, 2, 3], r.Dataset("x").Read<int>());
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }
}
