#!/usr/bin/python3
"""Writes the small HDF5 fixtures read by tests/SimEmulator.Tests/Data/Hdf5/H5pyFixtureTests.cs.

Run with a Python that has h5py and numpy (h5py 3.7 / libhdf5 1.10.8 wrote the committed files):
    /usr/bin/python3 tests/SimEmulator.Tests/Fixtures/hdf5/make_hdf5_fixtures.py
The values are simple closed forms so the C# tests can state them exactly.
"""
import os

import h5py
import numpy as np
from h5py import h5d, h5p, h5s, h5t, h5z

HERE = os.path.dirname(os.path.abspath(__file__))


def write_h5py_types():
    path = os.path.join(HERE, "h5py_types.h5")
    with h5py.File(path, "w") as f:
        # One 2x3 dataset per numeric dtype: the type's minimum, -1 (or 1 for unsigned), 0, 1, 2 and its maximum.
        for name in ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]:
            info = np.iinfo(name)
            minus_one = -1 if info.min < 0 else 1
            f.create_dataset(name, data=np.array([[info.min, minus_one, 0], [1, 2, info.max]], dtype=name))
        f.create_dataset("float32", data=(np.arange(12, dtype=np.float32) * 0.5 - 1).reshape(3, 4))
        f.create_dataset("float64", data=np.array([np.pi, np.e, -0.0, 1e300, 5e-324]))
        f.create_dataset("float16", data=np.array([0.5, -2.0, 65504.0], dtype=np.float16))
        f.create_dataset("big_endian_f4", data=np.array([1.5, -2.25, 3.0, 1e-3], dtype=">f4"))
        f.create_dataset("scalar", data=np.float64(42.5))
        f.create_dataset("bools", data=np.array([True, False, True]))
        # gzip level 4 + shuffle, 8x8 chunks: value i*16 + j quartered, exact in float32.
        i, j = np.meshgrid(np.arange(16), np.arange(16), indexing="ij")
        f.create_dataset("gz", data=((i * 16 + j) * 0.25).astype(np.float32), chunks=(8, 8),
                         compression="gzip", compression_opts=4, shuffle=True)
        # A stack of 3 "realizations" of 4^3 cubes, extendable along axis 0: value = 1000 r + 100 x + 10 y + z.
        r, x, y, z = np.meshgrid(np.arange(3), np.arange(4), np.arange(4), np.arange(4), indexing="ij")
        f.create_dataset("sims/fields", data=(1000 * r + 100 * x + 10 * y + z).astype(np.float32),
                         maxshape=(None, 4, 4, 4), chunks=(1, 4, 4, 4))
        f.create_group("sims/run0/halos")
        f.create_group("sims/run1")
        f.create_dataset("sims/run0/delta", data=np.arange(8, dtype=np.float64).reshape(2, 2, 2))
        f["sims/latest"] = h5py.SoftLink("/sims/run0")
        f["sims/broken"] = h5py.SoftLink("/nowhere")

        a = f.attrs
        a["title"] = "Quijote-like fixture"  # h5py writes str as variable-length UTF-8
        a["kind"] = "δ = ρ/ρ̄ − 1"  # non-ASCII UTF-8
        a["fixed_bytes"] = np.bytes_("fixedlen")  # fixed-length (H5T_STR_NULLPAD) string of 8 bytes
        a["BoxSize"] = 1000.0  # float64
        a["Nmesh"] = 256  # int64
        a["seed"] = np.int32(-7)
        a["omega_m"] = np.float32(0.3175)
        a["hydro"] = True  # numpy bool -> HDF5 enum (FALSE=0, TRUE=1)
        a["redshifts"] = np.array([0.0, 0.5, 1.0, 2.0, 3.0])
        a["grid"] = np.array([64, 128, 256], dtype=np.int32)
        a["names"] = ["run0", "run1"]  # array of variable-length strings
        a["big"] = np.uint64(2**63 + 5)
        f["sims"].attrs["count"] = 3
        f["sims/fields"].attrs["units"] = "Mpc/h"
        f["sims/fields"].attrs["box"] = 1000.0


def write_blosc_like():
    """A float32 dataset whose pipeline holds filter 32001 (Blosc) and whose chunk is stored as if Blosc had run
    (filter mask 0), as in Quijote's post-2023 files. Without the hdf5-blosc plugin nothing can decode it; the
    bytes are not real Blosc output, which is fine: no reader gets that far."""
    path = os.path.join(HERE, "blosc_like.h5")
    with h5py.File(path, "w") as f:
        dcpl = h5p.create(h5p.DATASET_CREATE)
        dcpl.set_chunk((4,))
        dcpl.set_filter(32001, h5z.FLAG_OPTIONAL, (2, 2, 4, 16, 5, 1, 0))  # what hdf5plugin.Blosc() passes
        space = h5s.create_simple((4,))
        dset = h5d.create(f.id, b"x", h5t.IEEE_F32LE, space, dcpl=dcpl)
        dset.write_direct_chunk((0,), b"\x02\x01\x21\x04" + bytes(12), filter_mask=0)
        f["x"].attrs["note"] = "chunk claims to be blosc-compressed"


if __name__ == "__main__":
    write_h5py_types()
    write_blosc_like()
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".h5"):
            print(name, os.path.getsize(os.path.join(HERE, name)), "bytes")
