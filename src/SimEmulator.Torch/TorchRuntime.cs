namespace SimEmulator.Torch;

/// <summary>What the running process actually uses: libtorch build, threads, BLAS library, CUDA devices.</summary>
public static class TorchRuntime
{
    /// <summary>The BLAS libraries mapped into this process (resolved paths), e.g. OpenBLAS's libblas.so.3.</summary>
    public static IReadOnlyList<string> LoadedBlasLibraries()
    {
        // Touch a GEMM so a lazily loaded BLAS is mapped before we look.
        using (var a = torch.ones(8, 8))
        using (a.matmul(a)) { }
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return [];
        return File.ReadLines(maps)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length >= 6)
            .Select(p => p[5])
            .Where(p => Path.GetFileName(p) is var f && (f.Contains("blas", StringComparison.OrdinalIgnoreCase) || f.StartsWith("libmkl", StringComparison.Ordinal)))
            .Distinct()
            .ToList();
    }

    /// <summary>A one-word name for the BLAS in use: OpenBLAS (openmp|pthread|serial), MKL, reference netlib, or unknown.</summary>
    public static string BlasName()
    {
        var libs = LoadedBlasLibraries();
        if (libs.Any(l => l.Contains("mkl", StringComparison.OrdinalIgnoreCase))) return "MKL";
        var ob = libs.FirstOrDefault(l => l.Contains("openblas", StringComparison.OrdinalIgnoreCase));
        if (ob is not null)
        {
            var flavour = ob.Contains("openmp") ? "openmp" : ob.Contains("pthread") ? "pthread" : ob.Contains("serial") ? "serial" : null;
            return flavour is null ? "OpenBLAS" : $"OpenBLAS ({flavour})";
        }
        if (libs.Any(l => l.Contains("/blas/", StringComparison.Ordinal))) return "reference netlib BLAS (slow: install libopenblas0-openmp)";
        return libs.Count == 0 ? "none found in process (libtorch may use MKL statically or its own kernels)" : "unknown";
    }

    /// <summary>The BLAS_INFO / USE_CUDA fields libtorch was built with.</summary>
    public static IReadOnlyDictionary<string, string> BuildSettings()
    {
        var d = new Dictionary<string, string>();
        foreach (var line in torch.show_config().Split('\n'))
        {
            var i = line.IndexOf("Build settings:", StringComparison.Ordinal);
            if (i < 0) continue;
            foreach (var kv in line[(i + 15)..].Split(", "))
            {
                var eq = kv.IndexOf('=');
                if (eq > 0) d[kv[..eq].Trim()] = kv[(eq + 1)..].Trim().TrimEnd(',');
            }
        }
        return d;
    }
}
