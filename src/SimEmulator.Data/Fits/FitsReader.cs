using System.Runtime.InteropServices;
using System.Text;

namespace SimEmulator.Data.Fits;

/// <summary>Decodes the HDUs of a FITS stream; every malformation becomes one <see cref="FitsFormatException"/>.</summary>
internal sealed class FitsReader
{
    internal const int BlockSize = 2880;
    private const int CardsPerBlock = BlockSize / FitsCard.Length;

    private readonly Stream _stream;
    private readonly string? _path;
    private readonly long _length;

    internal FitsReader(Stream stream, string? path)
    {
        _stream = stream;
        _path = path;
        _length = stream.Length;
    }

    internal List<FitsHdu> ReadAll()
    {
        var hdus = new List<FitsHdu>();
        CheckFirstCard();
        long pos = 0;
        for (int index = 0; ; index++)
        {
            if (index > 0 && !StartsExtension(pos))
            {
                // Whatever follows the last HDU (astropy warns about it and ignores it) is not an HDU.
                break;
            }
            _stream.Position = pos;
            var (header, headerBytes) = ReadHeader(index);
            pos += headerBytes;
            var hdu = ReadData(header, index, pos, out long dataBytes);
            hdus.Add(hdu);
            long padded = Padded(dataBytes);
            if (pos + padded > _length)
            {
                throw Error(index, $"file is {_length} bytes, not a multiple of {BlockSize}: the padding after the data of HDU {index} is missing");
            }
            pos += padded;
        }
        if (_length % BlockSize != 0)
        {
            throw Error(null, $"file is {_length} bytes, not a multiple of the {BlockSize}-byte FITS block");
        }
        return hdus;
    }

    private void CheckFirstCard()
    {
        _stream.Position = 0;
        var first = new byte[FitsCard.Length];
        int n = _stream.ReadAtLeast(first, first.Length, throwOnEndOfStream: false);
        var text = Encoding.Latin1.GetString(first, 0, n);
        var shown = new string(text.TrimEnd().Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
        if (n < 10 || !text.StartsWith("SIMPLE  = ", StringComparison.Ordinal))
        {
            throw Error(0, $"not a FITS file: the first card must be 'SIMPLE  =                    T', found '{shown}'");
        }
    }

    private bool StartsExtension(long pos)
    {
        if (_length - pos < 8)
        {
            return false;
        }
        _stream.Position = pos;
        Span<byte> key = stackalloc byte[8];
        _stream.ReadExactly(key);
        return key.SequenceEqual("XTENSION"u8);
    }

    private (FitsHeader Header, long Bytes) ReadHeader(int index)
    {
        var cards = new List<FitsCard>();
        var block = new byte[BlockSize];
        long bytes = 0;
        int cardNumber = 0;
        while (true)
        {
            int n = _stream.ReadAtLeast(block, BlockSize, throwOnEndOfStream: false);
            bytes += n;
            int whole = n / FitsCard.Length;
            for (int c = 0; c < whole; c++, cardNumber++)
            {
                var span = block.AsSpan(c * FitsCard.Length, FitsCard.Length);
                int bad = span.IndexOfAnyExceptInRange((byte)' ', (byte)'~');
                if (bad >= 0)
                {
                    throw Error(index, $"header of HDU {index}, card {cardNumber + 1}, has byte 0x{span[bad]:X2} at column {bad + 1}; FITS headers are printable ASCII");
                }
                var image = Encoding.ASCII.GetString(span);
                if (image.StartsWith("END     ", StringComparison.Ordinal))
                {
                    if (n < BlockSize)
                    {
                        throw Error(index, $"file ends inside the header of HDU {index}: its last block has {n} of {BlockSize} bytes");
                    }
                    return (new FitsHeader(MergeContinued(cards)), bytes);
                }
                var card = FitsCard.TryParse(image, out var error)
                    ?? throw Error(index, $"header of HDU {index}, card {cardNumber + 1}: {error}: \"{image.TrimEnd()}\"");
                cards.Add(card);
            }
            if (n < BlockSize)
            {
                throw Error(index, $"header of HDU {index} has no END card within the file");
            }
        }
    }

    // A string ending in '&' followed by CONTINUE cards is one long string (FITS 4.0 §4.2.1.2).
    private static List<FitsCard> MergeContinued(List<FitsCard> cards)
    {
        var merged = new List<FitsCard>(cards.Count);
        bool lastWasContinued = false;
        foreach (var card in cards)
        {
            if (card is { Keyword: "CONTINUE", IsCommentary: false, Value: string tail }
                && merged.Count > 0
                && merged[^1] is { IsCommentary: false, Value: string head } previous
                && head.EndsWith('&'))
            {
                var comment = (previous.Comment, card.Comment) switch
                {
                    (null, var c) => c,
                    (var p, null) => p,
                    (var p, var c) => p + " " + c,
                };
                merged[^1] = FitsCard.FromParsed(previous.Keyword, head[..^1] + tail, comment);
                lastWasContinued = true;
                continue;
            }
            StripDanglingAmpersand(merged, lastWasContinued);
            lastWasContinued = false;
            merged.Add(card);
        }
        StripDanglingAmpersand(merged, lastWasContinued);
        return merged;
    }

    // The final piece of a long string may still end in '&' (astropy writes one before comment-only CONTINUEs).
    private static void StripDanglingAmpersand(List<FitsCard> merged, bool continued)
    {
        if (continued && merged[^1] is { Value: string s } card && s.EndsWith('&'))
        {
            merged[^1] = FitsCard.FromParsed(card.Keyword, s[..^1], card.Comment);
        }
    }

    private FitsHdu ReadData(FitsHeader header, int index, long dataStart, out long dataBytes)
    {
        var first = header.Cards.Count > 0 ? header.Cards[0] : null;
        string? xtension = null;
        if (index == 0)
        {
            if (first is not { Keyword: "SIMPLE", Value: bool simple })
            {
                throw Error(index, "header of HDU 0 must start with SIMPLE = T");
            }
            if (!simple)
            {
                throw Error(index, "SIMPLE = F: the file declares that it does not conform to the FITS standard");
            }
        }
        else
        {
            if (first is not { Keyword: "XTENSION", Value: string x })
            {
                throw Error(index, $"header of HDU {index} must start with XTENSION = '<type>'");
            }
            xtension = x.Trim();
        }

        int bitpix = (int)RequireInteger(header, "BITPIX", index);
        if (bitpix is not (8 or 16 or 32 or 64 or -32 or -64))
        {
            throw Error(index, $"HDU {index} has BITPIX = {bitpix}; FITS allows 8, 16, 32, 64, -32 or -64");
        }
        long naxis = RequireInteger(header, "NAXIS", index);
        if (naxis is < 0 or > 999)
        {
            throw Error(index, $"HDU {index} has NAXIS = {naxis}; FITS allows 0 to 999 axes");
        }
        var axes = new long[naxis]; // FITS order: NAXIS1 first
        for (int k = 0; k < naxis; k++)
        {
            var key = $"NAXIS{k + 1}";
            if (!header.Contains(key))
            {
                throw Error(index, $"header of HDU {index} has NAXIS = {naxis} but no {key} card");
            }
            axes[k] = RequireInteger(header, key, index);
            if (axes[k] < 0)
            {
                throw Error(index, $"HDU {index} has {key} = {axes[k]}; axis lengths must be >= 0");
            }
        }
        long pcount = header.Contains("PCOUNT") ? RequireInteger(header, "PCOUNT", index) : 0;
        long gcount = header.Contains("GCOUNT") ? RequireInteger(header, "GCOUNT", index) : 1;
        bool randomGroups = index == 0 && naxis > 0 && axes[0] == 0 && header.Find("GROUPS") is { Value: true };

        long count = naxis == 0 ? 0 : 1;
        for (int k = randomGroups ? 1 : 0; k < naxis; k++)
        {
            count = checked(count * axes[k]);
        }
        dataBytes = naxis == 0 ? 0 : checked(Math.Abs(bitpix) / 8 * gcount * (pcount + count));
        long available = _length - dataStart;
        if (available < dataBytes)
        {
            throw Error(index, $"data of HDU {index} needs {dataBytes} bytes, file has {Math.Max(available, 0)} after the header");
        }

        var shape = axes.Reverse().ToArray();
        bool isImage = (xtension is null && !randomGroups) || xtension == "IMAGE";
        if (!isImage)
        {
            return new FitsHdu(header, bitpix, shape, stored: null, randomGroups ? "RANDOM GROUPS" : xtension, 1, 0, null);
        }

        double bscale = RequireNumber(header, "BSCALE", index, 1);
        double bzero = RequireNumber(header, "BZERO", index, 0);
        long? blank = bitpix > 0 && header.Contains("BLANK") ? RequireInteger(header, "BLANK", index) : null;
        if (count > Array.MaxLength)
        {
            throw Error(index, $"HDU {index} has {count} values, more than one .NET array can hold ({Array.MaxLength})");
        }
        _stream.Position = dataStart;
        Array stored = bitpix switch
        {
            8 => ReadBigEndian<byte>((int)count),
            16 => ReadBigEndian<short>((int)count),
            32 => ReadBigEndian<int>((int)count),
            64 => ReadBigEndian<long>((int)count),
            -32 => ReadBigEndian<float>((int)count),
            _ => ReadBigEndian<double>((int)count),
        };
        return new FitsHdu(header, bitpix, shape, stored, xtension, bscale, bzero, blank);
    }

    private T[] ReadBigEndian<T>(int count) where T : unmanaged
    {
        var values = new T[count];
        // Chunks keep each byte span under 2 GiB for the largest cubes.
        const int chunkBytes = 1 << 26;
        int chunk = Math.Max(1, chunkBytes / Marshal.SizeOf<T>());
        for (int start = 0; start < count; start += chunk)
        {
            var part = values.AsSpan(start, Math.Min(chunk, count - start));
            _stream.ReadExactly(MemoryMarshal.AsBytes(part));
            if (BitConverter.IsLittleEndian)
            {
                FitsEndian.Swap(part);
            }
        }
        return values;
    }

    private long RequireInteger(FitsHeader header, string keyword, int index)
    {
        var card = header.Find(keyword) ?? throw Error(index, $"header of HDU {index} has no {keyword} card");
        return card.Value is long l
            ? l
            : throw Error(index, $"HDU {index} has {keyword} = {FitsCard.FormatValue(card.Value).Trim()}; expected an integer");
    }

    private double RequireNumber(FitsHeader header, string keyword, int index, double missing)
    {
        var card = header.Find(keyword);
        return card switch
        {
            null => missing,
            { Value: long l } => l,
            { Value: double d } => d,
            { Value: ulong u } => u,
            _ => throw Error(index, $"HDU {index} has {keyword} = {FitsCard.FormatValue(card.Value).Trim()}; expected a number"),
        };
    }

    internal static long Padded(long bytes) => (bytes + BlockSize - 1) / BlockSize * BlockSize;

    private FitsFormatException Error(int? index, string message) => new(_path, index, message);
}
