namespace SimEmulator.Data.Hdf5;

/// <summary>Default chunk shapes, h5py's heuristic (h5py/_hl/filters.py guess_chunk) so files look alike.</summary>
internal static class H5Chunking
{
    private const double ChunkBase = 16 * 1024, ChunkMin = 8 * 1024, ChunkMax = 1024 * 1024;

    /// <summary>
    /// Halves dimensions round-robin until a chunk is near a target between 8 KiB and 1 MiB that grows with the
    /// dataset size; zero-length (growable) dimensions count as 1024. Chunks never exceed a fixed maximum dimension.
    /// </summary>
    public static long[] Guess(long[] shape, long[] maxShape, int elementSize)
    {
        var rank = shape.Length;
        var chunks = new double[rank];
        for (var i = 0; i < rank; i++) chunks[i] = shape[i] != 0 ? shape[i] : 1024;
        double Product() { var p = 1.0; foreach (var c in chunks) p *= c; return p; }

        var datasetBytes = Product() * elementSize;
        var target = Math.Clamp(ChunkBase * Math.Pow(2, Math.Log10(datasetBytes / (1024.0 * 1024))), ChunkMin, ChunkMax);
        for (var idx = 0; ; idx++)
        {
            var chunkBytes = Product() * elementSize;
            if ((chunkBytes < target || Math.Abs(chunkBytes - target) / target < 0.5) && chunkBytes < ChunkMax) break;
            if (Product() == 1) break;
            chunks[idx % rank] = Math.Ceiling(chunks[idx % rank] / 2.0);
        }
        var result = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            result[i] = Math.Max(1, (long)chunks[i]);
            if (maxShape[i] >= 0) result[i] = Math.Max(1, Math.Min(result[i], maxShape[i]));
        }
        return result;
    }
}
