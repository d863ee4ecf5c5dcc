using System.Globalization;
using System.Text;
using SimEmulator.Data;

namespace SimEmulator.Simulation.Cosmology;

/// <summary>
/// A linear P(k) at z = 0 from a table (a CAMB <c>matterpower.dat</c> or CLASS <c>_pk.dat</c>: k in h/Mpc, P in (Mpc/h)³),
/// interpolated linearly in ln k – ln P and extrapolated as a power law from the first and last intervals.
/// </summary>
public sealed class TabulatedPower : ILinearPower
{
    private readonly double[] _k, _p, _lnK, _lnP;

    /// <param name="kHMpc">Wavenumbers in h/Mpc, positive and strictly increasing; at least two.</param>
    /// <param name="power">P(k) in (Mpc/h)³, positive, one per wavenumber.</param>
    /// <param name="source">Where the table came from (a path, "CAMB run 12", …), quoted in messages.</param>
    public TabulatedPower(ReadOnlySpan<double> kHMpc, ReadOnlySpan<double> power, string source = "P(k) table")
    {
        ArgumentNullException.ThrowIfNull(source);
        if (kHMpc.Length != power.Length)
            throw new ArgumentException($"{source}: {kHMpc.Length} wavenumbers but {power.Length} P(k) values", nameof(power));
        if (kHMpc.Length < 2)
            throw new ArgumentException($"{source}: a P(k) table needs at least two rows, got {kHMpc.Length}", nameof(kHMpc));
        for (var i = 0; i < kHMpc.Length; i++)
        {
            if (!(kHMpc[i] > 0) || double.IsInfinity(kHMpc[i]))
                throw new ArgumentException($"{source}: row {i}: k = {kHMpc[i]} must be positive and finite (h/Mpc)", nameof(kHMpc));
            if (!(power[i] > 0) || double.IsInfinity(power[i]))
                throw new ArgumentException($"{source}: row {i}: P = {power[i]} must be positive and finite ((Mpc/h)³)", nameof(power));
            if (i > 0 && !(kHMpc[i] > kHMpc[i - 1]))
                throw new ArgumentException($"{source}: row {i}: k = {kHMpc[i]} does not exceed k = {kHMpc[i - 1]} of row {i - 1}; k must increase strictly", nameof(kHMpc));
        }
        Source = source;
        _k = kHMpc.ToArray();
        _p = power.ToArray();
        _lnK = Array.ConvertAll(_k, Math.Log);
        _lnP = Array.ConvertAll(_p, Math.Log);
    }

    /// <summary>Where the table came from: the file path for <see cref="Read"/>.</summary>
    public string Source { get; }

    /// <summary>The tabulated wavenumbers, h/Mpc.</summary>
    public ReadOnlySpan<double> K => _k;

    /// <summary>The tabulated P(k), (Mpc/h)³.</summary>
    public ReadOnlySpan<double> Power => _p;

    /// <summary>The smallest tabulated k (h/Mpc); below it P is extrapolated with the slope of the first interval.</summary>
    public double KMin => _k[0];

    /// <summary>The largest tabulated k (h/Mpc); above it P is extrapolated with the slope of the last interval.</summary>
    public double KMax => _k[^1];

    /// <summary>P(k) in (Mpc/h)³ for k in h/Mpc (≥ 0); the tabulated value at a tabulated k, and P(0) = 0.</summary>
    public double P(double kHMpc)
    {
        if (!(kHMpc >= 0) || double.IsPositiveInfinity(kHMpc))
            throw new ArgumentOutOfRangeException(nameof(kHMpc), kHMpc, "the wavenumber must be finite and ≥ 0 (h/Mpc)");
        if (kHMpc == 0) return 0;
        var i = Array.BinarySearch(_k, kHMpc);
        if (i >= 0) return _p[i];
        i = Math.Clamp(~i - 1, 0, _k.Length - 2); // below the table: the first interval; above: the last
        var x = Math.Log(kHMpc);
        var t = (x - _lnK[i]) / (_lnK[i + 1] - _lnK[i]);
        return Math.Exp(_lnP[i] + t * (_lnP[i + 1] - _lnP[i]));
    }

    /// <summary>The same table scaled by a constant so that σ(8 Mpc/h) = <paramref name="sigma8"/>.</summary>
    public TabulatedPower WithSigma8(double sigma8)
    {
        if (!(sigma8 > 0) || double.IsInfinity(sigma8))
            throw new ArgumentOutOfRangeException(nameof(sigma8), sigma8, "σ_8 must be positive and finite");
        var now = this.Sigma(8);
        var scale = sigma8 * sigma8 / (now * now);
        var p = Array.ConvertAll(_p, v => v * scale);
        return new TabulatedPower(_k, p, Source);
    }

    /// <summary>
    /// Reads a text table: two whitespace- (or comma-) separated columns k [h/Mpc] and P [(Mpc/h)³], k strictly increasing,
    /// P positive; '#' starts a comment; blank lines are skipped.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="PowerTableFormatException">A line is malformed, or the table is unsorted, non-positive or too short; names the file and line.</exception>
    public static TabulatedPower Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: P(k) table not found", path);
        var k = new List<double>();
        var p = new List<double>();
        var previousLine = 0;
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var hash = raw.IndexOf('#');
            var text = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (text.Length == 0) continue;
            var columns = text.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length != 2)
                throw new PowerTableFormatException(path, lineNumber,
                    $"expected two columns 'k P' (k in h/Mpc, P in (Mpc/h)³), found {columns.Length}: \"{Shorten(text)}\"");
            var kv = Number(columns[0], "k", path, lineNumber);
            var pv = Number(columns[1], "P", path, lineNumber);
            if (!(kv > 0) || double.IsInfinity(kv))
                throw new PowerTableFormatException(path, lineNumber, $"k = {columns[0]} must be positive and finite (h/Mpc)");
            if (!(pv > 0) || double.IsInfinity(pv))
                throw new PowerTableFormatException(path, lineNumber, $"P = {columns[1]} must be positive and finite ((Mpc/h)³): the table is interpolated in ln P");
            if (k.Count > 0 && !(kv > k[^1]))
                throw new PowerTableFormatException(path, lineNumber,
                    $"k = {columns[0]} does not exceed k = {k[^1].ToString("R", CultureInfo.InvariantCulture)} on line {previousLine}: k must increase strictly down the table");
            k.Add(kv);
            p.Add(pv);
            previousLine = lineNumber;
        }
        if (k.Count < 2)
            throw new PowerTableFormatException(path, null, $"found {k.Count} data line(s); a P(k) table needs at least two lines 'k P'");
        return new TabulatedPower(k.ToArray(), p.ToArray(), path);
    }

    /// <summary>Writes the table in the format <see cref="Read"/> accepts (round-trip exact), atomically.</summary>
    public void Write(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, stream =>
        {
            using var w = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            w.WriteLine("# k [h/Mpc]  P(k) [(Mpc/h)^3]  (linear, z = 0)");
            for (var i = 0; i < _k.Length; i++)
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_k[i]:R} {_p[i]:R}"));
        });
    }

    private static double Number(string column, string name, string path, int line)
    {
        if (double.TryParse(column, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
        throw new PowerTableFormatException(path, line, $"{name} = \"{Shorten(column)}\" is not a number");
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
