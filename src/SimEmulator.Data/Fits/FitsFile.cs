namespace SimEmulator.Data.Fits;

/// <summary>Reads and writes FITS files (Standard 4.0) of image HDUs: <c>FitsFile.Read("img.fits")[0].GetData&lt;float&gt;()</c>.</summary>
public static class FitsFile
{
    /// <summary>All HDUs of the file, primary first; table extensions are listed (headers only) so indices match astropy's.</summary>
    public static IReadOnlyList<FitsHdu> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return new FitsReader(stream, path).ReadAll();
    }

    /// <summary>Reads from a stream; <paramref name="name"/> only labels error messages.</summary>
    public static IReadOnlyList<FitsHdu> Read(Stream stream, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }
        return new FitsReader(stream, name).ReadAll();
    }

    /// <summary>The HDU with this EXTNAME (case-insensitive, as astropy's <c>hdul["SCI"]</c>); throws if there is none.</summary>
    public static FitsHdu Find(this IReadOnlyList<FitsHdu> hdus, string extname)
    {
        foreach (var hdu in hdus)
        {
            if (string.Equals(hdu.Name.Trim(), extname.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return hdu;
            }
        }
        var names = string.Join(", ", hdus.Select((h, i) => h.Name.Length > 0 ? $"'{h.Name}'" : $"#{i}"));
        throw new KeyNotFoundException($"no HDU has EXTNAME '{extname}'; the file has {names}.");
    }

    /// <summary>
    /// Writes the HDUs, the first as the primary HDU and the rest as IMAGE extensions, to a temporary name in the same
    /// folder and renames it to <paramref name="path"/> once complete.
    /// </summary>
    public static void Write(string path, IEnumerable<FitsHdu> hdus)
    {
        ArgumentNullException.ThrowIfNull(path);
        var list = hdus.ToList();
        AtomicFile.Write(path, fs => FitsWriter.Write(fs, list));
    }

    public static void Write(string path, params FitsHdu[] hdus) => Write(path, (IEnumerable<FitsHdu>)hdus);

    public static void Write(Stream stream, IEnumerable<FitsHdu> hdus)
    {
        ArgumentNullException.ThrowIfNull(stream);
        FitsWriter.Write(stream, hdus.ToList());
    }
}
