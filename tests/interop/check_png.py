#!/usr/bin/env python3
"""Decodes a PNG with the standard library only (zlib + struct) and prints it as JSON.

    /usr/bin/python3 tests/interop/check_png.py FILE

Checks the signature, every chunk CRC (zlib.crc32), IHDR, the zlib stream and the five
PNG row filters, then prints width, height, bit depth, colour type, tEXt entries and the
samples in row-major order (16-bit samples as integers).  Pillow is deliberately not
used, so this is an implementation independent of the C# writer and decoder.
"""
import json
import struct
import sys
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def decode(raw):
    if raw[:8] != SIGNATURE:
        raise ValueError("bad PNG signature")
    pos, chunks = 8, []
    while pos < len(raw):
        length, kind = struct.unpack(">I4s", raw[pos:pos + 8])
        data = raw[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", raw[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + data) != crc:
            raise ValueError(f"CRC mismatch in {kind.decode()} chunk")
        chunks.append((kind.decode("ascii"), data))
        pos += 12 + length
    if chunks[0][0] != "IHDR" or chunks[-1][0] != "IEND":
        raise ValueError("PNG must start with IHDR and end with IEND")
    width, height, depth, ctype, comp, filt, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    if (comp, filt, interlace) != (0, 0, 0):
        raise ValueError("unsupported compression/filter/interlace method")
    bpp = max(1, CHANNELS[ctype] * depth // 8)
    stride = width * CHANNELS[ctype] * depth // 8
    stream = zlib.decompress(b"".join(d for k, d in chunks if k == "IDAT"))
    if len(stream) != height * (stride + 1):
        raise ValueError(f"inflated {len(stream)} bytes, expected {height * (stride + 1)}")
    prev, rows = bytearray(stride), []
    for r in range(height):
        ftype, line = stream[r * (stride + 1)], bytearray(stream[r * (stride + 1) + 1:(r + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][ftype]
            line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(line))
        prev = line
    flat = b"".join(rows)
    samples = list(flat) if depth == 8 else list(struct.unpack(f">{len(flat) // 2}H", flat))
    text = {}
    for kind, data in chunks:
        if kind == "tEXt":
            key, _, value = data.partition(b"\0")
            text[key.decode("latin-1")] = value.decode("latin-1")
    return {"width": width, "height": height, "bit_depth": depth, "color_type": ctype,
            "channels": CHANNELS[ctype], "text": text, "samples": samples}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check_png.py FILE")
    try:
        with open(sys.argv[1], "rb") as f:
            print(json.dumps(decode(f.read())))
    except Exception as e:  # noqa: BLE001 - report any failure as one line for the C# test
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
