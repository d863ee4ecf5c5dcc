#!/usr/bin/python3
"""h5py peer for the HDF5 benchmark (Hdf5Comparison.cs): writes and reads the same float32 cube as SimEmulator,
contiguous and chunked + gzip + shuffle, and prints the best-of-N timings.

Run with /usr/bin/python3 (Debian python3-h5py, on the same libhdf5 as SimEmulator):
    hdf5_h5py.py --json --input field.f32 --n 256 --dir /tmp/x --rounds 3 --chunk 64 --gzip 4
The input is the raw little-endian float32 cube SimEmulator generated, so both sides write identical bytes.
"""
import argparse
import json
import os
import time

import h5py
import numpy as np


def best(fn, rounds):
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true", help="print one JSON line (what Hdf5Comparison reads)")
    ap.add_argument("--input", required=True)
    ap.add_argument("--n", type=int, default=256)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--chunk", type=int, default=64)
    ap.add_argument("--gzip", type=int, default=4)
    a = ap.parse_args()

    n = a.n
    data = np.fromfile(a.input, dtype="<f4").reshape(n, n, n)
    out = np.zeros_like(data)
    out[...] = 1.0  # touch every page now, so reads below do not pay first-touch page faults (the C# side reuses a touched buffer too)
    plain = os.path.join(a.dir, "h5py_plain.h5")
    gz = os.path.join(a.dir, "h5py_gzip.h5")

    def write_plain():
        with h5py.File(plain, "w") as f:
            f.create_dataset("field", data=data)

    def read_plain():
        with h5py.File(plain, "r") as f:
            f["field"].read_direct(out)

    def write_gzip():
        with h5py.File(gz, "w") as f:
            f.create_dataset("field", data=data, chunks=(a.chunk,) * 3, compression="gzip",
                             compression_opts=a.gzip, shuffle=True)

    def read_gzip():
        with h5py.File(gz, "r") as f:
            f["field"].read_direct(out)

    r = {}
    r["write_plain_s"] = best(write_plain, a.rounds)
    r["read_plain_s"] = best(read_plain, a.rounds)
    assert np.array_equal(out, data)
    r["write_gzip_s"] = best(write_gzip, a.rounds)
    out[...] = 0
    r["read_gzip_s"] = best(read_gzip, a.rounds)
    assert np.array_equal(out, data)
    r["plain_bytes"] = os.path.getsize(plain)
    r["gzip_bytes"] = os.path.getsize(gz)
    r["h5py_version"] = h5py.version.version
    r["hdf5_version"] = h5py.version.hdf5_version
    if a.json:
        print(json.dumps(r))
    else:
        for k, v in r.items():
            print(f"{k}: {v}")


if __name__ == "__main__":
    main()
