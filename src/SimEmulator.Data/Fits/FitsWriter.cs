using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace SimEmulator.Data.Fits;

/// <summary>
/// Encodes HDUs as FITS: the first becomes the primary HDU (SIMPLE, EXTEND = T), the rest IMAGE extensions; mandatory
/// keywords are generated in the standard's order from each HDU's BITPIX, shape and scaling, then the HDU's other cards.
/// </summary>
internal static class FitsWriter
{
    internal static void Write(Stream stream, IReadOnlyList<FitsHdu> hdus)
    {
        if (hdus.Count == 0)
        {
            throw new ArgumentException("a FITS file needs at least one HDU; use FitsHdu.Empty() for a data-less primary.", nameof(hdus));
        }
        for (int index = 0; index < hdus.Count; index++)
        {
            var hdu = hdus[index];
            if (!hdu.IsImage)
            {
                throw new NotSupportedException($"HDU {index} is a {hdu.XTension} extension; only image HDUs can be written.");
            }
            WriteHeader(stream, HeaderCards(hdu, index));
            WriteData(stream, hdu.Stored!);
        }
    }

    internal static List<FitsCard> HeaderCards(FitsHdu hdu, int index)
    {
        var shape = hdu.Shape;
        var cards = new List<FitsCard>
        {
            index == 0
                ? new FitsCard("SIMPLE", true, "conforms to FITS standard")
                : new FitsCard("XTENSION", "IMAGE", "Image extension"),
        };
        cards.AddRange(FitsHdu.DataCards(hdu.Bitpix, shape));
        if (index == 0)
        {
            cards.Add(new FitsCard("EXTEND", true));
        }
        else
        {
            cards.Add(new FitsCard("PCOUNT", 0L, "number of parameters"));
            cards.Add(new FitsCard("GCOUNT", 1L, "number of groups"));
        }
        cards.AddRange(FitsHdu.ScalingCards(hdu.BScale, hdu.BZero, hdu.Blank));
        foreach (var card in hdu.Header.Cards)
        {
            if (card.IsCommentary || !FitsHdu.IsStructural(card.Keyword))
            {
                cards.Add(card);
            }
        }
        return cards;
    }

    private static void WriteHeader(Stream stream, List<FitsCard> cards)
    {
        var text = new StringBuilder();
        foreach (var card in cards)
        {
            foreach (var image in card.ToCardImages())
            {
                text.Append(image);
            }
        }
        text.Append("END".PadRight(FitsCard.Length));
        int padded = (int)FitsReader.Padded(text.Length);
        text.Append(' ', padded - text.Length);
        stream.Write(Encoding.ASCII.GetBytes(text.ToString()));
    }

    private static void WriteData(Stream stream, Array stored)
    {
        long bytes = stored switch
        {
            byte[] a => WriteBigEndian<byte>(stream, a),
            short[] a => WriteBigEndian<short>(stream, a),
            int[] a => WriteBigEndian<int>(stream, a),
            long[] a => WriteBigEndian<long>(stream, a),
            float[] a => WriteBigEndian<float>(stream, a),
            double[] a => WriteBigEndian<double>(stream, a),
            _ => throw new InvalidOperationException($"unexpected stored array {stored.GetType()}"),
        };
        long padding = FitsReader.Padded(bytes) - bytes;
        stream.Write(new byte[padding]); // data is padded with zeros, the header with spaces
    }

    private static long WriteBigEndian<T>(Stream stream, T[] values) where T : unmanaged
    {
        const int chunk = 1 << 16;
        var buffer = ArrayPool<T>.Shared.Rent(Math.Min(chunk, Math.Max(values.Length, 1)));
        try
        {
            for (int start = 0; start < values.Length; start += chunk)
            {
                int n = Math.Min(chunk, values.Length - start);
                var part = buffer.AsSpan(0, n);
                values.AsSpan(start, n).CopyTo(part);
                if (BitConverter.IsLittleEndian)
                {
                    FitsEndian.Swap(part);
                }
                stream.Write(MemoryMarshal.AsBytes(part));
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
        return (long)values.Length * Marshal.SizeOf<T>();
    }
}
