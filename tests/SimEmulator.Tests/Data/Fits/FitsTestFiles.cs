using System.Text;

namespace SimEmulator.Tests.Data.Fits;

/// <summary>Fixture paths, a per-test temporary folder, and hand-built FITS bytes for malformed-input tests.</summary>
internal sealed class FitsTestFiles : IDisposable
{
    public FitsTestFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "fits-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string PathFor(string name) => Path.Combine(Directory, name);

    /// <summary>A fixture written by Fixtures/fits/make_fits_fixtures.py (astropy 5.2).</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "fits", name);

    /// <summary>
    /// Header cards (each padded to 80 columns), END unless <paramref name="end"/> is false, padding to 2880 with
    /// spaces, then <paramref name="data"/> padded with zeros.
    /// </summary>
    public static byte[] Build(IEnumerable<string> cards, byte[]? data = null, bool end = true)
    {
        var text = new StringBuilder();
        foreach (var card in cards)
        {
            Assert.True(card.Length <= 80, $"test card longer than 80 columns: {card}");
            text.Append(card.PadRight(80));
        }
        if (end)
        {
            text.Append("END".PadRight(80));
        }
        while (text.Length % 2880 != 0)
        {
            text.Append(' ');
        }
        var bytes = new List<byte>(Encoding.ASCII.GetBytes(text.ToString()));
        if (data is not null)
        {
            bytes.AddRange(data);
            while (bytes.Count % 2880 != 0)
            {
                bytes.Add(0);
            }
        }
        return bytes.ToArray();
    }

    /// <summary>A fixed-format card: keyword in columns 1–8, "= ", value right-justified to column 30.</summary>
    public static string Card(string keyword, string value) => $"{keyword,-8}= {value,20}";

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory must not turn a passing test into a failure.
        }
    }
}
