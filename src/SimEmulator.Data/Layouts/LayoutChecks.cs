using SimEmulator.Data.Hdf5;

namespace SimEmulator.Data.Layouts;

/// <summary>Checks a reader runs at the door, collecting every problem into one message.</summary>
internal sealed class LayoutChecks(string path, string layout)
{
    private readonly List<string> problems = new();

    public void RequireAttributes(H5Attributes attrs, IEnumerable<string> names, string where = "the file root")
    {
        var missing = names.Where(n => !attrs.Contains(n)).ToList();
        if (missing.Count > 0)
            problems.Add($"{layout} needs attribute{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))} on {where}");
    }

    public H5Dataset? RequireDataset(H5File file, string name, int rank, string shapeText)
    {
        if (!file.Exists(name))
        {
            problems.Add($"{layout} needs dataset '{name}' {shapeText}");
            return null;
        }
        var ds = file.Dataset(name);
        if (ds.Rank != rank)
        {
            problems.Add($"dataset '{name}' has shape [{string.Join(", ", ds.Shape)}], expected {shapeText}");
            ds.Dispose();
            return null;
        }
        return ds;
    }

    public void Add(string problem) => problems.Add(problem);

    public void ThrowIfAny()
    {
        if (problems.Count > 0) throw new LayoutException(path, string.Join("; ", problems));
    }
}
