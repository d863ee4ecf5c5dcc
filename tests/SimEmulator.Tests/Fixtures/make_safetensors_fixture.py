#!/usr/bin/env python3
"""Writes numpy_fixture.safetensors with a hand-written writer (numpy + stdlib
only), independent of the C# codec, so the C# reader is checked against a file
it did not produce.  `--check FILE` reads a file (e.g. one written by C#) with
the numpy-only reader below and prints every tensor.

Run with /usr/bin/python3; the `safetensors` package is deliberately not used.
"""
import json
import os
import struct
import sys

import numpy as np

CODES = {"F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4",
         "I16": "<i2", "I8": "i1", "U8": "u1", "BOOL": "?"}
BY_DTYPE = {np.dtype(v): k for k, v in CODES.items()}


def save(path, tensors, metadata):
    header, chunks, offset = {"__metadata__": metadata}, [], 0
    for name, arr in tensors.items():
        code = BY_DTYPE[arr.dtype]
        raw = np.ascontiguousarray(arr, dtype=CODES[code]).tobytes()
        header[name] = {"dtype": code, "shape": list(arr.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    hdr = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hdr += b" " * (-len(hdr) % 8)  # the format pads the header with spaces to 8-byte alignment
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hdr)) + hdr + b"".join(chunks))


def load(path):
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n].decode("utf-8"))
    buf = blob[8 + n:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        if info["dtype"] == "BF16":
            # numpy has no bfloat16; it is the top half of a float32, so widen it.
            bits = np.frombuffer(buf[begin:end], dtype="<u2").astype("<u4") << 16
            out[name] = bits.view("<f4").reshape(info["shape"])
            continue
        out[name] = np.frombuffer(buf[begin:end], dtype=CODES[info["dtype"]]).reshape(info["shape"])
    return out


def load_metadata(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        return json.loads(f.read(n).decode("utf-8")).get("__metadata__", {})


def fixture_tensors():
    return {
        "weight": (np.arange(6, dtype=np.float32) * 0.5 - 1).reshape(2, 3),
        "bias": np.array([1e-3, -2.5, 3.0], dtype=np.float64),
        "counts": np.array([[1, -2], [3, 1 << 40]], dtype=np.int64),
        "mask": np.array([True, False, True, True], dtype=np.bool_),
        "pixels": np.array([[0, 255], [7, 128]], dtype=np.uint8),
        "half": np.array([0.5, -1.5], dtype=np.float16),
        "scalar": np.array(3.25, dtype=np.float32),
    }


def main(argv):
    if len(argv) == 3 and argv[1] == "--check":
        print("metadata", json.dumps(load_metadata(argv[2]), sort_keys=True))
        for name, arr in load(argv[2]).items():
            print(name, arr.dtype, list(arr.shape), arr.tolist())
        return 0
    if len(argv) != 1:
        print("usage: make_safetensors_fixture.py [--check FILE]", file=sys.stderr)
        return 2
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "numpy_fixture.safetensors")
    save(path, fixture_tensors(), {"format": "pt", "source": "numpy fixture"})
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
