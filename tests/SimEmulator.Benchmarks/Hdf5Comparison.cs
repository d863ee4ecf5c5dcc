using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SimEmulator.Data.Hdf5;

using static SimEmulator.Benchmarks.BenchArgs;

namespace SimEmulator.Benchmarks;

/// <summary>
/// Writes and reads a 256³ float32 cube (64 MiB) with SimEmulator's HDF5 layer and with h5py (peers/hdf5_h5py.py,
/// same libhdf5) side by side: contiguous, and 64³ chunks + shuffle + gzip 4. Same bytes on both sides (h5py loads
/// the cube SimEmulator generated), files in one temp directory (so reads hit the page cache: this measures the
/// libraries, not the disk), best of N rounds, alternating sides. Prints MiB/s and the ratio simemu/h5py (target ≥ 0.8).
/// </summary>
public static class Hdf5Comparison
{
    public static int Run(string[] args)
    {
        var n = Arg(args, "--n", 256);
        var rounds = Math.Max(1, Arg(args, "--rounds", 3));
        var chunk = Arg(args, "--chunk", 64);
        var gzip = Arg(args, "--gzip", 4);
        var python = ArgS(args, "--python", "/usr/bin/python3");
        var dir = Directory.CreateTempSubdirectory("simemu-hdf5-bench-").FullName;
        try
        {
            var data = Field(n, seed: 12345);
            var mib = data.Length * 4.0 / (1 << 20);
            var input = Path.Combine(dir, "field.f32");
            using (var fs = File.Create(input))
                fs.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
            Console.WriteLine($"libhdf5 {H5Library.Version}; cube {n}^3 float32 = {mib:F0} MiB; gzip {gzip} + shuffle, {chunk}^3 chunks; best of {rounds}; files in {dir}");

            var sim = new Timings();
            Timings? py = null;
            string pyVersion = "";
            var buffer = new float[data.Length];
            // Untimed: JIT-compile our HDF5 path once, as the peer's interpreter is already warm when it starts timing.
            var warm = Field(16, seed: 1);
            MeasureSimemu(warm, new float[warm.Length], 16, 16, gzip, dir);
            for (var r = 1; r <= rounds; r++)
            {
                var s = MeasureSimemu(data, buffer, n, chunk, gzip, dir);
                sim = sim.Best(s);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {r} simemu: {s.Describe(mib)}"));
                var p = MeasureH5py(python, input, n, chunk, gzip, dir);
                if (p is null)
                {
                    Console.WriteLine("h5py: not measured (/usr/bin/python3 with h5py and numpy not available; install python3-h5py)");
                    continue;
                }
                py = py is null ? p.Value.t : py.Best(p.Value.t);
                pyVersion = p.Value.version;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {r} h5py  : {p.Value.t.Describe(mib)}"));
            }

            Console.WriteLine();
            Console.WriteLine($"{"",-12}{"simemu MiB/s",14}{"h5py MiB/s",14}{"simemu/h5py",14}");
            void Row(string name, double simS, double? pyS) =>
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-12}{mib / simS,14:F0}{(pyS is null ? "-" : (mib / pyS.Value).ToString("F0", CultureInfo.InvariantCulture)),14}{(pyS is null ? "-" : (pyS.Value / simS).ToString("F2", CultureInfo.InvariantCulture)),14}"));
            Row("write-plain", sim.WritePlain, py?.WritePlain);
            Row("read-plain", sim.ReadPlain, py?.ReadPlain);
            Row("write-gzip", sim.WriteGzip, py?.WriteGzip);
            Row("read-gzip", sim.ReadGzip, py?.ReadGzip);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"gzip file: simemu {sim.GzipBytes / 1e6:F1} MB, h5py {(py is null ? "-" : (py.GzipBytes / 1e6).ToString("F1", CultureInfo.InvariantCulture))} MB (raw {data.Length * 4 / 1e6:F1} MB){(pyVersion.Length > 0 ? $"; {pyVersion}" : "")}"));
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed record Timings(double WritePlain = double.MaxValue, double ReadPlain = double.MaxValue,
        double WriteGzip = double.MaxValue, double ReadGzip = double.MaxValue, long GzipBytes = 0)
    {
        public Timings Best(Timings o) => new(Math.Min(WritePlain, o.WritePlain), Math.Min(ReadPlain, o.ReadPlain),
            Math.Min(WriteGzip, o.WriteGzip), Math.Min(ReadGzip, o.ReadGzip), o.GzipBytes);

        public string Describe(double mib) =>
            $"write-plain {mib / WritePlain:F0}, read-plain {mib / ReadPlain:F0}, write-gzip {mib / WriteGzip:F0}, read-gzip {mib / ReadGzip:F0} MiB/s";
    }

    /// <summary>
    /// A smooth field (a few long-wavelength modes) plus seeded noise, so gzip has structure to find and noise to
    /// fight, like a density cube; deterministic for a given seed.
    /// </summary>
    private static float[] Field(int n, int seed)
    {
        var data = new float[(long)n * n * n];
        var k = 2 * Math.PI / n;
        Parallel.For(0, n, x =>
        {
            var local = new Random(seed + x);
            for (var y = 0; y < n; y++)
            {
                var sxy = Math.Sin(k * x) * Math.Cos(2 * k * y);
                for (var z = 0; z < n; z++)
                    data[((long)x * n + y) * n + z] = (float)(sxy + 0.5 * Math.Sin(3 * k * z + 0.3 * x) + 0.05 * (local.NextDouble() - 0.5));
            }
        });
        return data;
    }

    private static Timings MeasureSimemu(float[] data, float[] buffer, int n, int chunk, int gzip, string dir)
    {
        var plain = Path.Combine(dir, "simemu_plain.h5");
        var gz = Path.Combine(dir, "simemu_gzip.h5");
        long[] shape = [n, n, n];

        var writePlain = Time(() =>
        {
            using var f = H5File.Create(plain, overwrite: true);
            f.WriteDataset<float>("field", data, shape).Dispose();
        });
        Array.Clear(buffer);
        var readPlain = Time(() =>
        {
            using var f = H5File.Open(plain);
            using var ds = f.Dataset("field");
            ds.Read<float>(buffer);
        });
        Check(data, buffer, "plain");
        var writeGzip = Time(() =>
        {
            using var f = H5File.Create(gz, overwrite: true);
            f.WriteDataset<float>("field", data, shape, chunks: [chunk, chunk, chunk], gzipLevel: gzip, shuffle: true).Dispose();
        });
        Array.Clear(buffer);
        var readGzip = Time(() =>
        {
            using var f = H5File.Open(gz);
            using var ds = f.Dataset("field");
            ds.Read<float>(buffer);
        });
        Check(data, buffer, "gzip");
        return new Timings(writePlain, readPlain, writeGzip, readGzip, new FileInfo(gz).Length);
    }

    private static void Check(float[] expected, float[] actual, string what)
    {
        if (!expected.AsSpan().SequenceEqual(actual)) throw new InvalidOperationException($"simemu {what} read-back differs from what was written");
    }

    private static double Time(Action a)
    {
        var sw = Stopwatch.StartNew();
        a();
        return sw.Elapsed.TotalSeconds;
    }

    private static (Timings t, string version)? MeasureH5py(string python, string input, int n, int chunk, int gzip, string dir)
    {
        var script = FindScript();
        if (script is null) return null;
        if (PeerProcess.RunJson(python, "h5py", [script, "--json", "--input", input, "--n", n.ToString(CultureInfo.InvariantCulture), "--dir", dir,
                "--rounds", "1", "--chunk", chunk.ToString(CultureInfo.InvariantCulture), "--gzip", gzip.ToString(CultureInfo.InvariantCulture)]) is not { } r)
            return null;
        var t = new Timings(r.GetProperty("write_plain_s").GetDouble(), r.GetProperty("read_plain_s").GetDouble(),
            r.GetProperty("write_gzip_s").GetDouble(), r.GetProperty("read_gzip_s").GetDouble(), r.GetProperty("gzip_bytes").GetInt64());
        return (t, $"h5py {r.GetProperty("h5py_version").GetString()} on libhdf5 {r.GetProperty("hdf5_version").GetString()}");
    }

    /// <summary>peers/hdf5_h5py.py next to the binary (the csproj copies peers/**), else in the source tree.</summary>
    private static string? FindScript()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "peers", "hdf5_h5py.py");
        if (File.Exists(beside)) return beside;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var c = Path.Combine(d.FullName, "tests", "SimEmulator.Benchmarks", "peers", "hdf5_h5py.py");
            if (File.Exists(c)) return c;
        }
        return null;
    }
}
