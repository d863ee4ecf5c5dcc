namespace SimEmulator.Data;

/// <summary>
/// Writes a file under a temporary name in the same folder, flushes it to disk and renames it over the final name,
/// so a crash or an exception never leaves a half-written file under that name.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write, int bufferSize = 1 << 16)
    {
        ArgumentNullException.ThrowIfNull(path);
        var tmp = $"{path}.tmp-{Path.GetRandomFileName()}";
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(tmp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The original failure is the one worth reporting.
            }
            throw;
        }
    }
}
