#!/usr/bin/python3
"""Checks, with h5py, a file written by SimEmulator's HDF5 API in H5InteropTests.

usage: /usr/bin/python3 tests/interop/check_hdf5.py FILE.h5
Exits 0 and prints "ok" when every dataset and attribute has the expected dtype, shape and value.
"""
import sys

import h5py
import numpy as np


def extremes(dtype):
    info = np.iinfo(dtype) if np.dtype(dtype).kind in "iu" else np.finfo(dtype)
    minus_one = -1 if info.min < 0 else 1
    return np.array([[info.min, minus_one, 0], [1, 2, info.max]], dtype=dtype)


def main(path):
    with h5py.File(path, "r") as f:
        for name in ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float32", "float64"]:
            d = f["dtypes/" + name]
            assert d.dtype == np.dtype("<" + np.dtype(name).str[1:]), (name, d.dtype)
            assert d.shape == (2, 3), (name, d.shape)
            np.testing.assert_array_equal(d[...], extremes(name), err_msg=name)

        s = f["scalar"]
        assert s.shape == () and s.dtype == np.float64 and s[()] == 2.5, (s.shape, s.dtype, s[()])

        c = f["cube"]
        assert c.shape == (4, 8, 8, 8) and c.maxshape == (None, 8, 8, 8), (c.shape, c.maxshape)
        assert c.chunks == (1, 8, 8, 8) and c.compression == "gzip" and c.compression_opts == 4 and c.shuffle, \
            (c.chunks, c.compression, c.compression_opts, c.shuffle)
        r, x, y, z = np.meshgrid(np.arange(4), np.arange(8), np.arange(8), np.arange(8), indexing="ij")
        np.testing.assert_array_equal(c[...], (1000 * r + 100 * x + 10 * y + z).astype(np.float32))
        assert c.attrs["units"] == "Mpc/h"

        a = f.attrs
        assert isinstance(a["title"], str) and a["title"] == "SimEmulator \u2713", repr(a["title"])
        assert a["BoxSize"] == 1000.0 and a["BoxSize"].dtype == np.float64
        assert a["Nmesh"] == 256 and a["Nmesh"].dtype == np.int64
        assert a["seed"] == -7 and a["seed"].dtype == np.int32
        assert a["omega_m"] == np.float32(0.3175) and a["omega_m"].dtype == np.float32
        assert isinstance(a["hydro"], np.bool_) and bool(a["hydro"]) is True, repr(a["hydro"])
        np.testing.assert_array_equal(a["redshifts"], [0.0, 0.5, 1.0])
        assert list(a["names"]) == ["run0", "run1"], a["names"]
        assert f["g/h"].attrs["kind"] == "density"
    print("ok")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
