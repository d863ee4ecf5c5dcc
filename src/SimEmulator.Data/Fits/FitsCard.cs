using System.Globalization;
using System.Numerics;
using System.Text;

namespace SimEmulator.Data.Fits;

/// <summary>
/// One header keyword record. <see cref="Value"/> is a <c>string</c>, <c>bool</c>, <c>long</c> (<c>ulong</c> for
/// integers above long.MaxValue, such as the BZERO = 2^63 of unsigned 64-bit data), <c>double</c>,
/// <see cref="Complex"/>, or null (an undefined value); commentary cards (COMMENT, HISTORY, blank keyword) hold their
/// text in <see cref="Value"/> and have no <see cref="Comment"/>.
/// </summary>
public sealed record FitsCard
{
    /// <summary>Bytes per card image; a header is a sequence of these.</summary>
    public const int Length = 80;

    private const int KeywordLength = 8;
    private const int ValueColumns = 20; // fixed format: numbers right-justified to column 30
    private const int LongStringChunk = 67; // astropy's chunk length for CONTINUE cards ('…&' fills columns 11–80)
    private const int LongCommentChunk = 64;
    private const string HierarchPrefix = "HIERARCH ";

    /// <summary>A keyword = value card; the keyword is normalised to upper case as astropy does.</summary>
    public FitsCard(string keyword, object? value, string? comment = null)
    {
        Keyword = NormalizeKeyword(keyword);
        if (IsCommentaryKeyword(Keyword))
        {
            throw new ArgumentException($"'{Keyword}' is a commentary keyword; create it with FitsCard.Commentary.", nameof(keyword));
        }
        Value = NormalizeValue(Keyword, value);
        Comment = string.IsNullOrEmpty(comment) ? null : CheckText(comment, Keyword, "comment");
    }

    // Trusted construction from parsed or already-validated parts.
    private FitsCard(string keyword, object? value, string? comment, bool commentary, bool trusted)
    {
        _ = trusted;
        Keyword = keyword;
        Value = value;
        Comment = comment;
        IsCommentary = commentary;
    }

    /// <summary>A COMMENT, HISTORY or blank-keyword card; text longer than 72 characters is written as several cards.</summary>
    public static FitsCard Commentary(string keyword, string text)
    {
        var kw = NormalizeKeyword(keyword);
        if (!IsCommentaryKeyword(kw))
        {
            throw new ArgumentException($"'{kw}' is not a commentary keyword (COMMENT, HISTORY or blank).", nameof(keyword));
        }
        return new FitsCard(kw, CheckText(text, kw, "text"), null, commentary: true, trusted: true);
    }

    /// <summary>Upper-case keyword, at most 8 characters of A–Z, 0–9, '-' and '_' (or "HIERARCH …" as read from a file).</summary>
    public string Keyword { get; }

    /// <summary>The typed value, or the text of a commentary card.</summary>
    public object? Value { get; }

    /// <summary>The text after '/', without surrounding spaces; null when the card has none.</summary>
    public string? Comment { get; }

    /// <summary>True for COMMENT, HISTORY and blank-keyword cards, whose text is not a value.</summary>
    public bool IsCommentary { get; }

    /// <summary>A card from already-parsed parts (CONTINUE merging), skipping validation.</summary>
    internal static FitsCard FromParsed(string keyword, object? value, string? comment) =>
        new(keyword, value, comment, commentary: false, trusted: true);

    public static bool IsCommentaryKeyword(string keyword) => keyword is "COMMENT" or "HISTORY" or "";

    /// <summary>The 80-character card image(s) this card is written as; long strings and long commentary take several.</summary>
    public IReadOnlyList<string> ToCardImages()
    {
        var images = new List<string>(1);
        if (IsCommentary)
        {
            var text = (string)Value!;
            const int width = Length - KeywordLength;
            if (text.Length == 0)
            {
                images.Add(Pad(Keyword.PadRight(KeywordLength)));
            }
            for (int start = 0; start < text.Length; start += width)
            {
                images.Add(Pad(Keyword.PadRight(KeywordLength) + text.Substring(start, Math.Min(width, text.Length - start))));
            }
            return images;
        }

        var head = Keyword.StartsWith(HierarchPrefix, StringComparison.Ordinal)
            ? Keyword + " = "
            : Keyword.PadRight(KeywordLength) + "= ";
        var value = FormatValue(Value);
        if (Value is string s && head.Length + value.TrimEnd().Length > Length)
        {
            return FormatLongString(head, s);
        }
        var card = head + value;
        if (Comment is not null)
        {
            card += " / " + Comment;
        }
        // As astropy: a comment that does not fit is truncated rather than moved to a CONTINUE card.
        if (card.Length > Length && head.Length + value.Length <= Length)
        {
            card = card[..Length];
        }
        images.Add(Pad(card));
        return images;
    }

    public override string ToString() => string.Concat(ToCardImages());

    internal static string FormatValue(object? value) => value switch
    {
        null => "",
        string s => FormatString(s),
        bool b => (b ? "T" : "F").PadLeft(ValueColumns),
        long l => l.ToString(CultureInfo.InvariantCulture).PadLeft(ValueColumns),
        ulong u => u.ToString(CultureInfo.InvariantCulture).PadLeft(ValueColumns),
        double d => FormatReal(d).PadLeft(ValueColumns),
        Complex c => $"({FormatReal(c.Real)}, {FormatReal(c.Imaginary)})".PadLeft(ValueColumns),
        _ => throw new InvalidOperationException($"unsupported FITS value type {value.GetType()}"),
    };

    // Strings occupy at least 8 characters between the quotes and the quoted value at least 20 columns, as astropy
    // writes; the null string is written bare.
    private static string FormatString(string s) =>
        s.Length == 0 ? "''" : ("'" + s.Replace("'", "''").PadRight(8) + "'").PadRight(ValueColumns);

    /// <summary>
    /// Shortest text that reads back to the same double, with a decimal point always present and a two-digit-minimum
    /// exponent ("1.0E-12", "1234.5"); astropy 5.2 writes 16 significant digits, which can lose the last bit.
    /// </summary>
    internal static string FormatReal(double d)
    {
        if (!double.IsFinite(d))
        {
            throw new ArgumentException($"FITS header values must be finite; got {d}.");
        }
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        int e = text.IndexOf('E');
        var mantissa = e < 0 ? text : text[..e];
        if (!mantissa.Contains('.'))
        {
            mantissa += ".0";
        }
        if (e < 0)
        {
            return mantissa;
        }
        var exponent = text[(e + 1)..];
        var sign = exponent[0] is '+' or '-' ? exponent[0].ToString() : "";
        var digits = exponent.TrimStart('+', '-').TrimStart('0');
        return $"{mantissa}E{sign}{digits.PadLeft(2, '0')}";
    }

    private List<string> FormatLongString(string head, string s)
    {
        var chunks = new List<string>();
        var escaped = s.Replace("'", "''");
        int start = 0;
        while (start < escaped.Length)
        {
            int end = Math.Min(start + LongStringChunk, escaped.Length);
            // Never split an escaped quote pair: count the quotes before the cut; an odd count means we are inside one.
            int quotes = 0;
            for (int i = end - 1; i >= start && escaped[i] == '\''; i--)
            {
                quotes++;
            }
            if (quotes % 2 == 1 && end < escaped.Length)
            {
                end--;
            }
            chunks.Add(escaped[start..end]);
            start = end;
        }

        var images = new List<string>();
        for (int i = 0; i < chunks.Count; i++)
        {
            bool last = i == chunks.Count - 1;
            var prefix = i == 0 ? head : "CONTINUE  ";
            var quoted = Comment is null && last ? $"'{chunks[i]}'" : $"'{chunks[i]}&'";
            images.Add(Pad(prefix + quoted));
        }
        if (Comment is not null)
        {
            for (int start2 = 0; start2 < Comment.Length; start2 += LongCommentChunk)
            {
                bool last = start2 + LongCommentChunk >= Comment.Length;
                var part = Comment.Substring(start2, Math.Min(LongCommentChunk, Comment.Length - start2));
                images.Add(Pad((last ? "CONTINUE  '' / " : "CONTINUE  '&' / ") + part));
            }
        }
        return images;
    }

    private string Pad(string card) => card.Length <= Length
        ? card.PadRight(Length)
        : throw new ArgumentException($"FITS card '{Keyword}' does not fit in 80 characters: {card}");

    internal static string NormalizeKeyword(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        var kw = keyword.Trim().ToUpperInvariant();
        if (kw.StartsWith(HierarchPrefix, StringComparison.Ordinal))
        {
            return kw;
        }
        if (kw.Length > KeywordLength)
        {
            throw new ArgumentException($"FITS keyword '{keyword}' is longer than 8 characters.", nameof(keyword));
        }
        foreach (var c in kw)
        {
            if (!(c is >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_'))
            {
                throw new ArgumentException($"FITS keyword '{keyword}' may contain only A-Z, 0-9, '-' and '_'.", nameof(keyword));
            }
        }
        return kw;
    }

    private static object? NormalizeValue(string keyword, object? value) => value switch
    {
        null => null,
        string s => CheckText(s, keyword, "value"),
        bool b => b,
        sbyte or byte or short or ushort or int or uint or long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ulong u => u <= long.MaxValue ? (object)(long)u : u,
        float f => CheckFinite(f, keyword),
        double d => CheckFinite(d, keyword),
        Complex c => double.IsFinite(c.Real) && double.IsFinite(c.Imaginary)
            ? c
            : throw new ArgumentException($"FITS card '{keyword}': complex value must be finite, got {c}."),
        _ => throw new ArgumentException(
            $"FITS card '{keyword}': values must be string, bool, integer, floating point or Complex, not {value.GetType().Name}."),
    };

    private static double CheckFinite(double d, string keyword) =>
        double.IsFinite(d) ? d : throw new ArgumentException($"FITS card '{keyword}': value must be finite, got {d}.");

    private static string CheckText(string text, string keyword, string what)
    {
        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException(
                    $"FITS card '{keyword}': {what} may contain only printable ASCII (0x20-0x7E); found U+{(int)c:X4}.");
            }
        }
        return text;
    }

    // ---- parsing ----

    /// <summary>Parses one 80-character card image; <paramref name="error"/> explains why it could not be parsed.</summary>
    internal static FitsCard? TryParse(string image, out string? error)
    {
        error = null;
        var keyword = image[..KeywordLength].TrimEnd();
        bool hasValueIndicator = image[KeywordLength] == '=' && image[KeywordLength + 1] == ' ';

        if (keyword == "HIERARCH")
        {
            int eq = image.IndexOf('=', KeywordLength);
            if (eq < 0)
            {
                return new FitsCard(keyword, image[KeywordLength..].TrimEnd(), null, commentary: true, trusted: true);
            }
            var longKeyword = HierarchPrefix + image[KeywordLength..eq].Trim().ToUpperInvariant();
            return ParseValueCard(longKeyword, image[(eq + 1)..], out error);
        }
        if (keyword == "CONTINUE")
        {
            // A CONTINUE without a quoted string is plain commentary, as astropy reads it.
            var continued = ParseValueCard(keyword, image[KeywordLength..], out _);
            return continued is { Value: string }
                ? continued
                : new FitsCard(keyword, image[KeywordLength..].TrimEnd(), null, commentary: true, trusted: true);
        }
        if (IsCommentaryKeyword(keyword) || !hasValueIndicator)
        {
            // Anything without "= " in columns 9–10 is commentary by the standard (§4.1.2.2).
            return new FitsCard(keyword, image[KeywordLength..].TrimEnd(), null, commentary: true, trusted: true);
        }
        return ParseValueCard(keyword, image[(KeywordLength + 2)..], out error);
    }

    private static FitsCard? ParseValueCard(string keyword, string field, out string? error)
    {
        error = null;
        int i = 0;
        while (i < field.Length && field[i] == ' ')
        {
            i++;
        }
        object? value;
        string rest;
        if (i < field.Length && field[i] == '\'')
        {
            var sb = new StringBuilder();
            int j = i + 1;
            bool closed = false;
            while (j < field.Length)
            {
                if (field[j] == '\'')
                {
                    if (j + 1 < field.Length && field[j + 1] == '\'')
                    {
                        sb.Append('\'');
                        j += 2;
                        continue;
                    }
                    closed = true;
                    break;
                }
                sb.Append(field[j++]);
            }
            if (!closed)
            {
                error = $"card '{keyword}' has a string value without a closing quote";
                return null;
            }
            // Trailing spaces are not significant (§4.2.1.1); a string of only spaces reads as one space.
            var text = sb.ToString();
            var trimmed = text.TrimEnd(' ');
            value = trimmed.Length == 0 && text.Length > 0 ? " " : trimmed;
            rest = field[(j + 1)..];
        }
        else
        {
            int slash = field.IndexOf('/', i);
            var token = (slash < 0 ? field[i..] : field[i..slash]).Trim();
            rest = slash < 0 ? "" : field[slash..];
            if (!TryParseScalar(token, out value))
            {
                error = $"card '{keyword}' has a value '{token}' that is not a FITS string, logical, integer, real or complex";
                return null;
            }
        }

        string? comment = null;
        var after = rest.TrimStart();
        if (after.StartsWith('/'))
        {
            comment = after[1..].Trim();
            if (comment.Length == 0)
            {
                comment = null;
            }
        }
        else if (after.Length > 0)
        {
            error = $"card '{keyword}' has text '{after.TrimEnd()}' after its value that is not a '/' comment";
            return null;
        }
        return new FitsCard(keyword, value, comment, commentary: false, trusted: true);
    }

    private static bool TryParseScalar(string token, out object? value)
    {
        value = null;
        if (token.Length == 0)
        {
            return true; // undefined value
        }
        if (token == "T" || token == "F")
        {
            value = token == "T";
            return true;
        }
        if (IsInteger(token))
        {
            // BZERO = 9223372036854775808 (uint64 data) needs ulong; anything larger is kept as a real.
            value = long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? (object)l
                : ulong.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var u) ? (object)u
                : double.Parse(token, CultureInfo.InvariantCulture);
            return true;
        }
        if (TryParseReal(token, out var d))
        {
            value = d;
            return true;
        }
        if (token.StartsWith('(') && token.EndsWith(')'))
        {
            var parts = token[1..^1].Split(',');
            if (parts.Length == 2 && TryParseReal(parts[0].Trim(), out var re) && TryParseReal(parts[1].Trim(), out var im))
            {
                value = new Complex(re, im);
                return true;
            }
        }
        return false;
    }

    private static bool IsInteger(string token)
    {
        int start = token[0] is '+' or '-' ? 1 : 0;
        if (start == token.Length)
        {
            return false;
        }
        for (int k = start; k < token.Length; k++)
        {
            if (!char.IsAsciiDigit(token[k]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryParseReal(string token, out double value)
    {
        value = 0;
        if (token.Length == 0)
        {
            return false;
        }
        // Fortran-style D exponents are legal in FITS (§4.2.4).
        var t = token.Replace('D', 'E').Replace('d', 'E');
        int k = 0;
        if (t[k] is '+' or '-')
        {
            k++;
        }
        int digits = 0;
        while (k < t.Length && char.IsAsciiDigit(t[k]))
        {
            k++;
            digits++;
        }
        if (k < t.Length && t[k] == '.')
        {
            k++;
            while (k < t.Length && char.IsAsciiDigit(t[k]))
            {
                k++;
                digits++;
            }
        }
        if (digits == 0)
        {
            return false;
        }
        if (k < t.Length && (t[k] == 'E' || t[k] == 'e'))
        {
            k++;
            if (k < t.Length && t[k] is '+' or '-')
            {
                k++;
            }
            int expDigits = 0;
            while (k < t.Length && char.IsAsciiDigit(t[k]))
            {
                k++;
                expDigits++;
            }
            if (expDigits == 0)
            {
                return false;
            }
        }
        return k == t.Length && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
