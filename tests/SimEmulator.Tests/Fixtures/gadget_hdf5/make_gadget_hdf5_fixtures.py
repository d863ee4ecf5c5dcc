"""Writes a two-file Gadget-3-style HDF5 snapshot (as Quijote's) with h5py, for the reader tests.
Run with /usr/bin/python3 (h5py, numpy). Values are deterministic; the tests restate them.

snap_002.0.hdf5 / snap_002.1.hdf5: BoxSize 1000000.0 (kpc/h, i.e. 1000 Mpc/h), a = 0.5 (z = 1),
type 1 only, 3 + 2 particles, NumPart_ThisFile uint32, NumPart_Total uint32 + HighWord,
Coordinates float32 (kpc/h), Velocities float32, ParticleIDs uint32, MassTable[1] = 656.6;
cosmology in /Header (Omega0 0.3175, OmegaLambda 0.6825, HubbleParam 0.6711).
"""
import h5py
import numpy as np

pos = np.array([[1000.0, 2000.0, 3000.0],
                [999000.0, 500.0, 250000.0],
                [500000.0, 500000.0, 500000.0],
                [0.0, 0.0, 0.0],
                [123456.0, 654321.0, 999999.0]], dtype=np.float32)
vel = np.arange(15, dtype=np.float32).reshape(5, 3) - 7.0
ids = np.array([10, 11, 12, 13, 14], dtype=np.uint32)
split = [(0, 3), (3, 5)]

for i, (a, b) in enumerate(split):
    with h5py.File(f"snap_002.{i}.hdf5", "w") as f:
        h = f.create_group("Header")
        h.attrs["NumPart_ThisFile"] = np.array([0, b - a, 0, 0, 0, 0], dtype=np.uint32)
        h.attrs["NumPart_Total"] = np.array([0, 5, 0, 0, 0, 0], dtype=np.uint32)
        h.attrs["NumPart_Total_HighWord"] = np.zeros(6, dtype=np.uint32)
        h.attrs["MassTable"] = np.array([0, 656.6, 0, 0, 0, 0], dtype=np.float64)
        h.attrs["Time"] = 0.5
        h.attrs["Redshift"] = 1.0
        h.attrs["BoxSize"] = 1000000.0
        h.attrs["NumFilesPerSnapshot"] = np.int32(2)
        h.attrs["Omega0"] = 0.3175
        h.attrs["OmegaLambda"] = 0.6825
        h.attrs["HubbleParam"] = 0.6711
        g = f.create_group("PartType1")
        g["Coordinates"] = pos[a:b]
        g["Velocities"] = vel[a:b]
        g["ParticleIDs"] = ids[a:b]
