using System.Numerics;
using System.Runtime.InteropServices;

namespace SimEmulator.Data.Fits;

/// <summary>
/// One header-data unit: its header, BITPIX, shape in C order (a 2-D image is (NAXIS2, NAXIS1), as astropy gives it)
/// and the stored values; <see cref="GetData{T}"/> returns physical values BZERO + BSCALE·stored.
/// </summary>
public sealed class FitsHdu
{
    private static readonly HashSet<string> StructuralKeywords =
    [
        "SIMPLE", "XTENSION", "BITPIX", "NAXIS", "EXTEND", "PCOUNT", "GCOUNT", "GROUPS",
        "BSCALE", "BZERO", "BLANK", "END", "CHECKSUM", "DATASUM",
    ];

    private readonly long[] _shape;

    internal FitsHdu(FitsHeader header, int bitpix, long[] shape, Array? stored, string? xtension, double bscale, double bzero, long? blank)
    {
        Header = header;
        Bitpix = bitpix;
        _shape = shape;
        Stored = stored;
        XTension = xtension;
        BScale = bscale;
        BZero = bzero;
        Blank = blank;
    }

    /// <summary>
    /// All cards. For an HDU read from a file these are the cards as read; for a created HDU, BITPIX, NAXIS, NAXISn and
    /// the scaling cards followed by the caller's cards. The writer regenerates the structural cards from
    /// <see cref="Bitpix"/>, <see cref="Shape"/> and the HDU's position, so editing them here has no effect.
    /// </summary>
    public FitsHeader Header { get; }

    /// <summary>The on-disk element type: 8, 16, 32, 64 (integers) or −32, −64 (IEEE floats).</summary>
    public int Bitpix { get; }

    /// <summary>Axis lengths in C order (slowest first): (NAXISn, …, NAXIS1). Empty for NAXIS = 0.</summary>
    public long[] Shape => (long[])_shape.Clone();

    public int Rank => _shape.Length;

    /// <summary>Number of data values; 0 for NAXIS = 0.</summary>
    public long ElementCount => _shape.Length == 0 ? 0 : _shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>The XTENSION value ("IMAGE", "BINTABLE", …), or null for the primary HDU and for created HDUs.</summary>
    public string? XTension { get; }

    /// <summary>True unless this is a table or other non-image extension (whose data is skipped, not decoded).</summary>
    public bool IsImage => Stored is not null;

    /// <summary>EXTNAME, or "" when the HDU has none.</summary>
    public string Name => Header.Contains("EXTNAME") && Header["EXTNAME"] is string s ? s : "";

    public double BScale { get; }

    public double BZero { get; }

    /// <summary>The stored integer that marks an undefined pixel (BLANK), read as NaN into floating-point arrays.</summary>
    public long? Blank { get; }

    private string Label => Name.Length > 0 ? $"HDU '{Name}'" : XTension is null ? "the primary HDU" : $"this {XTension} HDU";

    /// <summary>Stored values: byte[], short[], int[], long[], float[] or double[] by BITPIX; null for non-image HDUs.</summary>
    internal Array? Stored { get; }

    /// <summary>
    /// The element type astropy gives this HDU's data: byte, short, int, long, float, double by BITPIX; sbyte, ushort,
    /// uint, ulong for BZERO = −128, 2^15, 2^31, 2^63 with BSCALE = 1; otherwise float (BITPIX 8, 16, −32) or double.
    /// </summary>
    public Type ElementType
    {
        get
        {
            if (BScale == 1 && BZero == 0)
            {
                return StoredType(Bitpix);
            }
            if (BScale == 1)
            {
                switch (Bitpix)
                {
                    case 8 when BZero == -128:
                        return typeof(sbyte);
                    case 16 when BZero == 32768:
                        return typeof(ushort);
                    case 32 when BZero == 2147483648.0:
                        return typeof(uint);
                    case 64 when BZero == 9223372036854775808.0:
                        return typeof(ulong);
                }
            }
            return Bitpix is 8 or 16 or -32 ? typeof(float) : typeof(double);
        }
    }

    /// <summary>Physical values in <see cref="ElementType"/>, as a typed array (float[], ushort[], …).</summary>
    public Array GetData()
    {
        var t = ElementType;
        if (t == typeof(byte)) return GetData<byte>();
        if (t == typeof(sbyte)) return GetData<sbyte>();
        if (t == typeof(short)) return GetData<short>();
        if (t == typeof(ushort)) return GetData<ushort>();
        if (t == typeof(int)) return GetData<int>();
        if (t == typeof(uint)) return GetData<uint>();
        if (t == typeof(long)) return GetData<long>();
        if (t == typeof(ulong)) return GetData<ulong>();
        if (t == typeof(float)) return GetData<float>();
        return GetData<double>();
    }

    /// <summary>
    /// Physical values BZERO + BSCALE·stored in C order, converted to <typeparamref name="T"/>. Floating-point targets
    /// take any data (BLANK pixels become NaN); integer targets need BSCALE = 1, an integral BZERO and values in range.
    /// </summary>
    public T[] GetData<T>() where T : unmanaged, INumberBase<T>
    {
        var stored = Stored ?? throw new NotSupportedException(
            $"{Label} is a {XTension} extension; SimEmulator reads the data of image HDUs only.");
        bool floating = typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(Half);
        bool integer = typeof(T) == typeof(byte) || typeof(T) == typeof(sbyte) || typeof(T) == typeof(short)
            || typeof(T) == typeof(ushort) || typeof(T) == typeof(int) || typeof(T) == typeof(uint)
            || typeof(T) == typeof(long) || typeof(T) == typeof(ulong);
        if (!floating && !integer)
        {
            throw new NotSupportedException($"FITS data can be read as float, double, Half or an 8–64-bit integer type, not {typeof(T).Name}.");
        }

        bool identity = BScale == 1 && BZero == 0;
        if (identity && stored.GetType().GetElementType() == typeof(T))
        {
            return (T[])stored.Clone();
        }

        var result = new T[stored.Length];
        if (floating)
        {
            switch (stored)
            {
                case byte[] a: ToFloating(a, result, Blank); break;
                case short[] a: ToFloating(a, result, Blank); break;
                case int[] a: ToFloating(a, result, Blank); break;
                case long[] a: ToFloating(a, result, Blank); break;
                case float[] a: ToFloating(a, result, null); break;
                case double[] a: ToFloating(a, result, null); break;
            }
            return result;
        }

        if (Bitpix < 0)
        {
            throw new InvalidOperationException(
                $"{Label} holds BITPIX {Bitpix} floating-point data; read it as float or double, not {typeof(T).Name}.");
        }
        if (BScale != 1 || BZero != Math.Floor(BZero))
        {
            throw new InvalidOperationException(
                $"{Label} has BSCALE = {BScale}, BZERO = {BZero}: its physical values are not integers; read it as float or double.");
        }
        var offset = (Int128)BZero;
        switch (stored)
        {
            case byte[] a: ToInteger(a, result, offset); break;
            case short[] a: ToInteger(a, result, offset); break;
            case int[] a: ToInteger(a, result, offset); break;
            case long[] a: ToInteger(a, result, offset); break;
        }
        return result;
    }

    /// <summary>
    /// An image HDU holding <paramref name="data"/> (C order) exactly: byte/short/int/long/float/double map to BITPIX
    /// 8/16/32/64/−32/−64; sbyte, ushort, uint and ulong use BZERO = −128, 32768, 2^31, 2^63 as astropy writes them.
    /// </summary>
    public static FitsHdu Create<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape, FitsHeader? header = null)
        where T : unmanaged, INumberBase<T>
    {
        var shapeArray = CheckShape(shape, data.Length);
        (int bitpix, double bzero, Array stored) = typeof(T) switch
        {
            var t when t == typeof(byte) => (8, 0.0, (Array)MemoryMarshal.Cast<T, byte>(data).ToArray()),
            var t when t == typeof(sbyte) => (8, -128.0, FlipSign(MemoryMarshal.Cast<T, byte>(data), (byte)0x80)),
            var t when t == typeof(short) => (16, 0.0, MemoryMarshal.Cast<T, short>(data).ToArray()),
            var t when t == typeof(ushort) => (16, 32768.0, FlipSign(MemoryMarshal.Cast<T, short>(data), short.MinValue)),
            var t when t == typeof(int) => (32, 0.0, MemoryMarshal.Cast<T, int>(data).ToArray()),
            var t when t == typeof(uint) => (32, 2147483648.0, FlipSign(MemoryMarshal.Cast<T, int>(data), int.MinValue)),
            var t when t == typeof(long) => (64, 0.0, MemoryMarshal.Cast<T, long>(data).ToArray()),
            var t when t == typeof(ulong) => (64, 9223372036854775808.0, FlipSign(MemoryMarshal.Cast<T, long>(data), long.MinValue)),
            var t when t == typeof(float) => (-32, 0.0, MemoryMarshal.Cast<T, float>(data).ToArray()),
            var t when t == typeof(double) => (-64, 0.0, MemoryMarshal.Cast<T, double>(data).ToArray()),
            _ => throw new NotSupportedException(
                $"FITS images hold byte, sbyte, short, ushort, int, uint, long, ulong, float or double, not {typeof(T).Name}."),
        };
        return FromStored(bitpix, shapeArray, stored, bscale: 1, bzero, blank: null, header);
    }

    /// <summary>
    /// An integer image (BITPIX 8, 16, 32 or 64) that stores round((physical − BZERO)/BSCALE), as astropy's
    /// <c>hdu.scale()</c> does; NaN pixels are stored as BLANK (the type's minimum, 255 for BITPIX 8).
    /// </summary>
    public static FitsHdu CreateScaled<T>(ReadOnlySpan<T> physical, ReadOnlySpan<long> shape, int bitpix, double bscale, double bzero, FitsHeader? header = null)
        where T : unmanaged, INumberBase<T>
    {
        var shapeArray = CheckShape(shape, physical.Length);
        if (bitpix is not (8 or 16 or 32 or 64))
        {
            throw new ArgumentOutOfRangeException(nameof(bitpix), bitpix, "scaled FITS images are integer: BITPIX 8, 16, 32 or 64.");
        }
        if (!double.IsFinite(bscale) || bscale == 0 || !double.IsFinite(bzero))
        {
            throw new ArgumentException($"BSCALE must be finite and non-zero and BZERO finite; got BSCALE = {bscale}, BZERO = {bzero}.");
        }
        (long min, long max) = bitpix switch
        {
            8 => (0L, 255L),
            16 => (short.MinValue, short.MaxValue),
            32 => (int.MinValue, int.MaxValue),
            _ => (long.MinValue, long.MaxValue),
        };
        bool anyNaN = false;
        foreach (var v in physical)
        {
            anyNaN |= T.IsNaN(v);
        }
        long? blank = anyNaN ? (bitpix == 8 ? max : min) : null;
        var values = new long[physical.Length];
        for (int i = 0; i < physical.Length; i++)
        {
            double p = double.CreateTruncating(physical[i]);
            if (double.IsNaN(p))
            {
                values[i] = blank!.Value;
                continue;
            }
            double s = Math.Round((p - bzero) / bscale, MidpointRounding.ToEven);
            // Compare in double: the long range limits are not exactly representable, so test against ±2^63.
            bool inRange = bitpix == 64 ? s >= -9223372036854775808.0 && s < 9223372036854775808.0 : s >= min && s <= max;
            if (!inRange || (blank is long b && (long)s == b))
            {
                throw new ArgumentOutOfRangeException(nameof(physical),
                    $"physical value {p} at index {i} is stored as {s}, outside the BITPIX {bitpix} range [{min}, {max}]"
                    + (blank is null ? "" : $" less the BLANK value {blank}") + "; choose BSCALE/BZERO to fit the data.");
            }
            values[i] = (long)s;
        }
        Array stored = bitpix switch
        {
            8 => values.Select(v => (byte)v).ToArray(),
            16 => values.Select(v => (short)v).ToArray(),
            32 => values.Select(v => (int)v).ToArray(),
            _ => values,
        };
        return FromStored(bitpix, shapeArray, stored, bscale, bzero, blank, header);
    }

    /// <summary>A data-less HDU (NAXIS = 0), the usual primary HDU in front of image extensions.</summary>
    public static FitsHdu Empty(FitsHeader? header = null) => FromStored(8, [], Array.Empty<byte>(), 1, 0, null, header);

    internal static bool IsStructural(string keyword) =>
        StructuralKeywords.Contains(keyword)
        || (keyword.Length > 5 && keyword.StartsWith("NAXIS", StringComparison.Ordinal) && keyword[5..].All(char.IsAsciiDigit));

    /// <summary>The structural cards that describe data of this BITPIX, shape and scaling (no SIMPLE/XTENSION line).</summary>
    internal static IEnumerable<FitsCard> DataCards(int bitpix, long[] shape)
    {
        yield return new FitsCard("BITPIX", bitpix, "array data type");
        yield return new FitsCard("NAXIS", shape.Length, "number of array dimensions");
        for (int k = 0; k < shape.Length; k++)
        {
            // NAXIS1 is the fastest-varying axis, the last one in C order.
            yield return new FitsCard($"NAXIS{k + 1}", shape[shape.Length - 1 - k]);
        }
    }

    internal static IEnumerable<FitsCard> ScalingCards(double bscale, double bzero, long? blank)
    {
        if (bscale != 1 || bzero != 0)
        {
            yield return new FitsCard("BSCALE", AsCardNumber(bscale));
            yield return new FitsCard("BZERO", AsCardNumber(bzero));
        }
        if (blank is long b)
        {
            yield return new FitsCard("BLANK", b, "stored value of undefined pixels");
        }
    }

    // Integral values are written as integers ("BZERO = 32768", "BZERO = 9223372036854775808"), as astropy does.
    private static object AsCardNumber(double v) => v switch
    {
        _ when v != Math.Floor(v) => v,
        >= -9223372036854775808.0 and < 9223372036854775808.0 => (object)(long)v,
        >= 0 and < 18446744073709551616.0 => (object)(ulong)v,
        _ => v,
    };

    private static FitsHdu FromStored(int bitpix, long[] shape, Array stored, double bscale, double bzero, long? blank, FitsHeader? user)
    {
        var header = new FitsHeader(DataCards(bitpix, shape).Concat(ScalingCards(bscale, bzero, blank)));
        if (user is not null)
        {
            foreach (var card in user.Cards)
            {
                if (card.IsCommentary || !IsStructural(card.Keyword))
                {
                    header.Add(card);
                }
            }
        }
        return new FitsHdu(header, bitpix, shape, stored, xtension: null, bscale, bzero, blank);
    }

    private static long[] CheckShape(ReadOnlySpan<long> shape, int length)
    {
        if (shape.Length > 999)
        {
            throw new ArgumentException($"FITS allows at most 999 axes; shape has {shape.Length}.", nameof(shape));
        }
        long count = shape.Length == 0 ? 0 : 1;
        foreach (var n in shape)
        {
            if (n < 0)
            {
                throw new ArgumentException($"shape [{string.Join(", ", shape.ToArray())}] has a negative axis length.", nameof(shape));
            }
            count *= n;
        }
        if (count != length)
        {
            throw new ArgumentException(
                $"shape [{string.Join(", ", shape.ToArray())}] holds {count} values but the data has {length}"
                + (shape.Length == 0 ? " (NAXIS = 0 means no data; use FitsHdu.Empty)" : "") + ".", nameof(shape));
        }
        return shape.ToArray();
    }

    internal static Type StoredType(int bitpix) => bitpix switch
    {
        8 => typeof(byte),
        16 => typeof(short),
        32 => typeof(int),
        64 => typeof(long),
        -32 => typeof(float),
        _ => typeof(double),
    };

    // stored = value − 2^(n−1) is a flip of the top bit in two's complement.
    private static TS[] FlipSign<TS>(ReadOnlySpan<TS> bits, TS signBit) where TS : unmanaged, IBitwiseOperators<TS, TS, TS>
    {
        var result = new TS[bits.Length];
        for (int i = 0; i < bits.Length; i++)
        {
            result[i] = bits[i] ^ signBit;
        }
        return result;
    }

    private void ToFloating<TS, T>(TS[] src, T[] dst, long? blank)
        where TS : unmanaged, INumberBase<TS>
        where T : unmanaged, INumberBase<T>
    {
        double bscale = BScale, bzero = BZero;
        bool identity = bscale == 1 && bzero == 0;
        for (int i = 0; i < src.Length; i++)
        {
            if (blank is long b && long.CreateTruncating(src[i]) == b)
            {
                dst[i] = T.CreateTruncating(double.NaN);
                continue;
            }
            double v = double.CreateTruncating(src[i]);
            dst[i] = T.CreateTruncating(identity ? v : bzero + bscale * v);
        }
    }

    private void ToInteger<TS, T>(TS[] src, T[] dst, Int128 offset)
        where TS : unmanaged, IBinaryInteger<TS>
        where T : unmanaged, INumberBase<T>
    {
        for (int i = 0; i < src.Length; i++)
        {
            var v = Int128.CreateTruncating(src[i]) + offset;
            try
            {
                dst[i] = T.CreateChecked(v);
            }
            catch (OverflowException)
            {
                throw new OverflowException(
                    $"{Label}: value {v} at index {i} does not fit in {typeof(T).Name}; read the data as {ElementType.Name}.");
            }
        }
    }
}
