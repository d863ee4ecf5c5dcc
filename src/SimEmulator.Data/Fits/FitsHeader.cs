using System.Globalization;
using System.Text;

namespace SimEmulator.Data.Fits;

/// <summary>
/// The ordered cards of one HDU header, with typed look-ups by keyword (case-insensitive; the first card with a keyword
/// wins, as in astropy). Long strings split over CONTINUE cards are read as one card.
/// </summary>
public sealed class FitsHeader
{
    private readonly List<FitsCard> _cards = [];

    public FitsHeader()
    {
    }

    public FitsHeader(IEnumerable<FitsCard> cards)
    {
        _cards.AddRange(cards);
    }

    /// <summary>All cards in file order (END excluded).</summary>
    public IReadOnlyList<FitsCard> Cards => _cards;

    public int Count => _cards.Count;

    /// <summary>The value of the first card with this keyword (null for an undefined value); throws if there is none.</summary>
    public object? this[string keyword] => Get(keyword);

    public bool Contains(string keyword) => IndexOf(keyword) >= 0;

    /// <summary>The first card with this keyword, or null.</summary>
    public FitsCard? Find(string keyword)
    {
        int i = IndexOf(keyword);
        return i < 0 ? null : _cards[i];
    }

    public int IndexOf(string keyword)
    {
        var kw = keyword.Trim().ToUpperInvariant();
        for (int i = 0; i < _cards.Count; i++)
        {
            if (!_cards[i].IsCommentary && _cards[i].Keyword == kw)
            {
                return i;
            }
        }
        return -1;
    }

    public string GetString(string keyword) => Get(keyword) switch
    {
        string s => s,
        var other => throw WrongType(keyword, other, "a string"),
    };

    public string GetString(string keyword, string defaultValue) => Contains(keyword) ? GetString(keyword) : defaultValue;

    public bool GetBool(string keyword) => Get(keyword) switch
    {
        bool b => b,
        var other => throw WrongType(keyword, other, "a logical (T/F)"),
    };

    public bool GetBool(string keyword, bool defaultValue) => Contains(keyword) ? GetBool(keyword) : defaultValue;

    public long GetLong(string keyword) => Get(keyword) switch
    {
        long l => l,
        var other => throw WrongType(keyword, other, "an integer"),
    };

    public long GetLong(string keyword, long defaultValue) => Contains(keyword) ? GetLong(keyword) : defaultValue;

    public int GetInt(string keyword)
    {
        var l = GetLong(keyword);
        return l is >= int.MinValue and <= int.MaxValue
            ? (int)l
            : throw new InvalidCastException($"FITS keyword '{keyword}' = {l} does not fit in a 32-bit integer.");
    }

    public int GetInt(string keyword, int defaultValue) => Contains(keyword) ? GetInt(keyword) : defaultValue;

    /// <summary>A real or integer value as double.</summary>
    public double GetDouble(string keyword) => Get(keyword) switch
    {
        double d => d,
        long l => l,
        ulong u => u,
        var other => throw WrongType(keyword, other, "a number"),
    };

    public double GetDouble(string keyword, double defaultValue) => Contains(keyword) ? GetDouble(keyword) : defaultValue;

    /// <summary>The comment of the first card with this keyword, or null.</summary>
    public string? GetComment(string keyword) => Find(keyword)?.Comment;

    /// <summary>The texts of all COMMENT cards, in order.</summary>
    public IEnumerable<string> Comments => Commentary("COMMENT");

    /// <summary>The texts of all HISTORY cards, in order.</summary>
    public IEnumerable<string> History => Commentary("HISTORY");

    /// <summary>Sets the value (and comment) of the first card with this keyword, or appends a new card.</summary>
    public FitsHeader Set(string keyword, object? value, string? comment = null)
    {
        var card = new FitsCard(keyword, value, comment);
        int i = IndexOf(card.Keyword);
        if (i >= 0)
        {
            _cards[i] = card;
        }
        else
        {
            _cards.Add(card);
        }
        return this;
    }

    /// <summary>Appends a card, even if one with the same keyword exists.</summary>
    public FitsHeader Add(FitsCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        _cards.Add(card);
        return this;
    }

    public FitsHeader AddComment(string text) => Add(FitsCard.Commentary("COMMENT", text));

    public FitsHeader AddHistory(string text) => Add(FitsCard.Commentary("HISTORY", text));

    public FitsHeader AddBlank(string text = "") => Add(FitsCard.Commentary("", text));

    /// <summary>Removes every value card with this keyword; returns how many were removed.</summary>
    public int Remove(string keyword)
    {
        var kw = keyword.Trim().ToUpperInvariant();
        return _cards.RemoveAll(c => !c.IsCommentary && c.Keyword == kw);
    }

    public FitsHeader Clone() => new(_cards);

    /// <summary>The header as astropy's <c>repr(header)</c> shows it: one 80-character card per line.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var card in _cards)
        {
            foreach (var image in card.ToCardImages())
            {
                sb.AppendLine(image.TrimEnd());
            }
        }
        return sb.ToString();
    }

    private object? Get(string keyword)
    {
        var card = Find(keyword) ?? throw Missing(keyword);
        return card.Value;
    }

    private IEnumerable<string> Commentary(string keyword)
    {
        foreach (var card in _cards)
        {
            if (card.IsCommentary && card.Keyword == keyword)
            {
                yield return (string)card.Value!;
            }
        }
    }

    private static KeyNotFoundException Missing(string keyword) =>
        new($"FITS header has no '{keyword.Trim().ToUpperInvariant()}' card.");

    private static InvalidCastException WrongType(string keyword, object? value, string expected)
    {
        var shown = value switch
        {
            null => "undefined",
            string s => $"'{s}' (a string)",
            bool b => b ? "T (a logical)" : "F (a logical)",
            long l => $"{l} (an integer)",
            ulong u => $"{u} (an integer beyond 64-bit signed range)",
            double d => $"{d.ToString("R", CultureInfo.InvariantCulture)} (a real)",
            _ => $"{value} ({value.GetType().Name})",
        };
        return new InvalidCastException($"FITS keyword '{keyword.Trim().ToUpperInvariant()}' is {shown}, not {expected}.");
    }
}
