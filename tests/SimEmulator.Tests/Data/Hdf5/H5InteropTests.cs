using System.Numerics;
using SimEmulator.Data.Hdf5;

namespace SimEmulator.Tests.Data.Hdf5;

/// <summary>Files written by our API are read by h5py (tests/interop/check_hdf5.py), which asserts the same values.</summary>
public sealed class H5InteropTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void Extremes<T>(H5File f, string name) where T : unmanaged, INumber<T>, IMinMaxValue<T> =>
        f.WriteDataset<T>("dtypes/" + name, H5TestSupport.Extremes<T>(), [2, 3]).Dispose();

    [Fact]
    public void H5py_reads_every_dtype_attribute_kind_and_an_appended_gzip_stack_we_wrote()
    {
        var path = _dir.File("interop.h5");
        using (var f = H5File.CreateAtomic(path))
        {
            Extremes<sbyte>(f, "int8");
            Extremes<byte>(f, "uint8");
            Extremes<short>(f, "int16");
            Extremes<ushort>(f, "uint16");
            Extremes<int>(f, "int32");
            Extremes<uint>(f, "uint32");
            Extremes<long>(f, "int64");
            Extremes<ulong>(f, "uint64");
            Extremes<float>(f, "float32");
            Extremes<double>(f, "float64");
            f.WriteDataset<double>("scalar", [2.5], []).Dispose();

            // 4 realizations of 8^3, appended one by one: value = 1000 r + 100 x + 10 y + z.
            using var cube = f.CreateDataset<float>("cube", [0, 8, 8, 8], maxShape: [-1, 8, 8, 8], chunks: [1, 8, 8, 8], gzipLevel: 4, shuffle: true);
            for (var r = 0; r < 4; r++)
            {
                var block = new float[512];
                for (var i = 0; i < 512; i++) block[i] = 1000 * r + 100 * (i / 64) + 10 * (i / 8 % 8) + i % 8;
                cube.Append<float>(block, [1, 8, 8, 8]);
            }
            cube.Attributes.Set("units", "Mpc/h");

            var a = f.Attributes;
            a.Set("title", "SimEmulator ✓");
            a.Set("BoxSize", 1000.0);
            a.Set("Nmesh", 256L);
            a.Set("seed", -7);
            a.Set("omega_m", 0.3175f);
            a.Set("hydro", true);
            a.Set<double>("redshifts", [0.0, 0.5, 1.0]);
            a.Set("names", ["run0", "run1"]);
            using var g = f.CreateGroup("g/h");
            g.Attributes.Set("kind", "density");
            f.Commit();
        }

        var script = H5TestSupport.InteropScript();
        Assert.True(File.Exists(script), $"missing {script}");
        var (code, output) = H5TestSupport.RunPython(script, path);
        Assert.True(code == 0, $"check_hdf5.py failed (exit {code}):\n{output}");
        Assert.Contains("ok", output);
    }
}
