#!/usr/bin/env python3
"""Writes the Gadget binary snapshot fixtures for tests/SimEmulator.Tests/Data (numpy only, no Gadget code).

Run from anywhere with /usr/bin/python3; files are written next to this script:

  f1_le_single          SnapFormat 1, little-endian, one file, BoxSize 100 (Mpc/h): 3 gas particles (massarr 0, so a
                        MASS block; then a gas U block the reader must ignore) and 4 halo particles (massarr 0.75);
                        float32 POS/VEL, uint32 ID (one ID above 2^31).
  f2_be_single          SnapFormat 2, big-endian, one file, BoxSize 1000: 2 halo (massarr 0.5) + 3 disk (massarr 0 ->
                        MASS), followed by a 'POT ' block the reader must skip.
  f1_double             SnapFormat 1, little-endian: float64 POS/VEL/MASS, uint64 ID (above 2^32); 2 halo + 2 stars.
  multi/snap_002.0, .1  SnapFormat 1, little-endian, 2 files, BoxSize 50000 (kpc/h): type 1 (300 + 212), type 2
                        (24 + 16) with mass-table masses, type 4 (0 + 5) with a MASS block in file 1 only. Includes a
                        particle at the origin and one with x == BoxSize exactly.
  multi_{ngp,cic,tsc}_n8.f64
                        brute-force numpy deposits (float64, little-endian, 8^3 cells, C order, x slowest) of the
                        2-file snapshot, every type weighted by its mass, Pylians MAS_library conventions with grid
                        node i at x = i L/N and periodic wrap.
  expected.json         every header field and particle value the tests compare against.

Positions in expected.json are what the reader returns: float32 Mpc/h, computed as float32(float64(x) * unit).
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

HEADER = np.dtype([
    ("npart", "u4", 6), ("massarr", "f8", 6), ("time", "f8"), ("redshift", "f8"),
    ("flag_sfr", "i4"), ("flag_feedback", "i4"), ("npartTotal", "u4", 6), ("flag_cooling", "i4"),
    ("num_files", "i4"), ("BoxSize", "f8"), ("Omega0", "f8"), ("OmegaLambda", "f8"), ("HubbleParam", "f8"),
    ("flag_stellarage", "i4"), ("flag_metals", "i4"), ("npartTotalHighWord", "u4", 6),
    ("flag_entropy_instead_u", "i4"), ("fill", "u1", 60),
])
assert HEADER.itemsize == 256


def header(endian, npart, massarr, time, redshift, npart_total, num_files, box, om=0.3, ol=0.7, h=0.7,
           flags=(1, 1, 1, 0, 0, 0)):
    rec = np.zeros(1, dtype=HEADER.newbyteorder(endian))
    rec["npart"] = npart
    rec["massarr"] = massarr
    rec["time"] = time
    rec["redshift"] = redshift
    rec["npartTotal"] = [n & 0xFFFFFFFF for n in npart_total]
    rec["npartTotalHighWord"] = [n >> 32 for n in npart_total]
    rec["num_files"] = num_files
    rec["BoxSize"] = box
    rec["Omega0"], rec["OmegaLambda"], rec["HubbleParam"] = om, ol, h
    (rec["flag_sfr"], rec["flag_feedback"], rec["flag_cooling"], rec["flag_stellarage"], rec["flag_metals"],
     rec["flag_entropy_instead_u"]) = flags
    return rec.tobytes()


def record(payload, endian):
    marker = np.array([len(payload)], dtype=endian + "i4").tobytes()
    return marker + payload + marker


def label(name, payload_len, endian):
    body = name.ljust(4).encode("ascii") + np.array([payload_len + 8], dtype=endian + "i4").tobytes()
    return record(body, endian)


def write_snapshot(path, endian, fmt, blocks):
    """blocks: list of (label, bytes) starting with HEAD."""
    with open(path, "wb") as f:
        for name, payload in blocks:
            if fmt == 2:
                f.write(label(name, len(payload), endian))
            f.write(record(payload, endian))


def header_json(npart, massarr, time, redshift, npart_total, num_files, box, om=0.3, ol=0.7, h=0.7,
                flags=(1, 1, 1, 0, 0, 0)):
    return {
        "NumPartThisFile": list(npart), "MassTable": list(massarr), "Time": time, "Redshift": redshift,
        "NumPartTotal": list(npart_total), "NumFilesPerSnapshot": num_files, "BoxSize": box,
        "Omega0": om, "OmegaLambda": ol, "HubbleParam": h, "FlagSfr": flags[0], "FlagFeedback": flags[1],
        "FlagCooling": flags[2], "FlagStellarAge": flags[3], "FlagMetals": flags[4], "FlagEntropyInsteadOfU": flags[5],
    }


def floats(a):
    return [float(v) for v in np.asarray(a).ravel()]


def ints(a):
    return [int(v) for v in np.asarray(a).ravel()]


def to_mpch(pos, unit):
    return (np.asarray(pos).astype(np.float64) * unit).astype(np.float32)


rng = np.random.default_rng(20240611)
expected = {}

# --- f1_le_single ------------------------------------------------------------------------------------------------
e = "<"
npart = [3, 4, 0, 0, 0, 0]
massarr = [0.0, 0.75, 0.0, 0.0, 0.0, 0.0]
pos = (rng.integers(0, 800, (7, 3)) * 0.125).astype(np.float32)          # multiples of 1/8: exact in float32
vel = (rng.integers(-4000, 4000, (7, 3)) * 0.25).astype(np.float32)
ids = np.array([1, 2, 3, 4000000000, 10, 11, 12], dtype=np.uint32)
mass = np.array([0.125, 0.25, 0.375], dtype=np.float32)
u = np.array([100.5, 200.5, 300.5], dtype=np.float32)
write_snapshot(os.path.join(HERE, "f1_le_single"), e, 1, [
    ("HEAD", header(e, npart, massarr, 0.5, 1.0, npart, 1, 100.0)),
    ("POS", pos.astype(e + "f4").tobytes()), ("VEL", vel.astype(e + "f4").tobytes()),
    ("ID", ids.astype(e + "u4").tobytes()), ("MASS", mass.astype(e + "f4").tobytes()),
    ("U", u.astype(e + "f4").tobytes()),
])
expected["f1_le_single"] = {
    "header": header_json(npart, massarr, 0.5, 1.0, npart, 1, 100.0),
    "types": {
        "0": {"pos": floats(pos[:3]), "vel": floats(vel[:3]), "ids": ints(ids[:3]), "mass": floats(mass)},
        "1": {"pos": floats(pos[3:]), "vel": floats(vel[3:]), "ids": ints(ids[3:])},
    },
}

# --- f2_be_single ------------------------------------------------------------------------------------------------
e = ">"
npart = [0, 2, 3, 0, 0, 0]
massarr = [0.0, 0.5, 0.0, 0.0, 0.0, 0.0]
pos = (rng.integers(0, 8000, (5, 3)) * 0.125).astype(np.float32)
vel = (rng.integers(-4000, 4000, (5, 3)) * 0.5).astype(np.float32)
ids = np.array([7, 8, 9, 3000000001, 5], dtype=np.uint32)
mass = np.array([1.5, 2.5, 3.5], dtype=np.float32)
pot = np.array([-1.0, -2.0, -3.0, -4.0, -5.0], dtype=np.float32)
write_snapshot(os.path.join(HERE, "f2_be_single"), e, 2, [
    ("HEAD", header(e, npart, massarr, 1.0, 0.0, npart, 1, 1000.0, 0.31, 0.69, 0.6774, flags=(0, 0, 0, 0, 0, 0))),
    ("POS", pos.astype(e + "f4").tobytes()), ("VEL", vel.astype(e + "f4").tobytes()),
    ("ID", ids.astype(e + "u4").tobytes()), ("MASS", mass.astype(e + "f4").tobytes()),
    ("POT", pot.astype(e + "f4").tobytes()),
])
expected["f2_be_single"] = {
    "header": header_json(npart, massarr, 1.0, 0.0, npart, 1, 1000.0, 0.31, 0.69, 0.6774, flags=(0, 0, 0, 0, 0, 0)),
    "types": {
        "1": {"pos": floats(pos[:2]), "vel": floats(vel[:2]), "ids": ints(ids[:2])},
        "2": {"pos": floats(pos[2:]), "vel": floats(vel[2:]), "ids": ints(ids[2:]), "mass": floats(mass)},
    },
}

# --- f1_double ---------------------------------------------------------------------------------------------------
e = "<"
npart = [0, 2, 0, 0, 2, 0]
massarr = [0.0, 0.0125, 0.0, 0.0, 0.0, 0.0]
pos64 = rng.uniform(0, 250.0, (4, 3))                                       # not representable in float32
vel64 = rng.normal(0, 300.0, (4, 3))
ids64 = np.array([2**40 + 1, 2**40 + 2, 2**62 + 7, 5], dtype=np.uint64)
mass64 = np.array([0.1, 0.2])
write_snapshot(os.path.join(HERE, "f1_double"), e, 1, [
    ("HEAD", header(e, npart, massarr, 0.25, 3.0, npart, 1, 250.0)),
    ("POS", pos64.astype(e + "f8").tobytes()), ("VEL", vel64.astype(e + "f8").tobytes()),
    ("ID", ids64.astype(e + "u8").tobytes()), ("MASS", mass64.astype(e + "f8").tobytes()),
])
expected["f1_double"] = {
    "header": header_json(npart, massarr, 0.25, 3.0, npart, 1, 250.0),
    # the reader narrows float64 to float32: expected = float32(value)
    "types": {
        "1": {"pos": floats(pos64[:2].astype(np.float32)), "vel": floats(vel64[:2].astype(np.float32)), "ids": ints(ids64[:2])},
        "4": {"pos": floats(pos64[2:].astype(np.float32)), "vel": floats(vel64[2:].astype(np.float32)), "ids": ints(ids64[2:]),
              "mass": floats(mass64.astype(np.float32))},
    },
}

# --- multi/snap_002.{0,1} ----------------------------------------------------------------------------------------
e = "<"
box_kpc = 50000.0
unit = 1e-3
massarr = [0.0, 0.6, 0.05, 0.0, 0.0, 0.0]
per_file = [[0, 300, 24, 0, 0, 0], [0, 212, 16, 0, 5, 0]]
total = [sum(c) for c in zip(*per_file)]
os.makedirs(os.path.join(HERE, "multi"), exist_ok=True)
all_pos, all_w = [], []
files_json = []
next_id = 1
for fi, npart in enumerate(per_file):
    n = sum(npart)
    pos = rng.uniform(0, box_kpc, (n, 3)).astype(np.float32)
    if fi == 0:
        pos[0] = (0.0, 0.0, 0.0)
        pos[1] = (box_kpc, 25000.0, 12345.5)                                  # x == BoxSize: wraps to 0
    vel = rng.normal(0, 500.0, (n, 3)).astype(np.float32)
    ids = np.arange(next_id, next_id + n, dtype=np.uint32)
    next_id += n
    mass = (rng.uniform(0.5, 1.5, npart[4])).astype(np.float32)               # type 4 only (massarr 0)
    blocks = [("HEAD", header(e, npart, massarr, 0.5, 1.0, total, 2, box_kpc, 0.3175, 0.6825, 0.6711)),
              ("POS", pos.astype(e + "f4").tobytes()), ("VEL", vel.astype(e + "f4").tobytes()),
              ("ID", ids.astype(e + "u4").tobytes())]
    if npart[4]:
        blocks.append(("MASS", mass.astype(e + "f4").tobytes()))
    write_snapshot(os.path.join(HERE, "multi", "snap_002.%d" % fi), e, 1, blocks)

    pos_mpch = to_mpch(pos, unit)
    w = np.concatenate([np.full(npart[1], massarr[1]), np.full(npart[2], massarr[2]), mass.astype(np.float64)])
    all_pos.append(pos_mpch)
    all_w.append(w)
    types_json = {}
    start = 0
    for t in range(6):
        if npart[t] == 0:
            continue
        sl = slice(start, start + npart[t])
        types_json[str(t)] = {
            "count": npart[t],
            "first": {"pos": floats(pos_mpch[sl][0]), "vel": floats(vel[sl][0]), "id": int(ids[sl][0])},
            "last": {"pos": floats(pos_mpch[sl][-1]), "vel": floats(vel[sl][-1]), "id": int(ids[sl][-1])},
        }
        if t == 4:
            types_json[str(t)]["mass"] = floats(mass)
        start += npart[t]
    files_json.append({"npart": npart, "types": types_json})

pos = np.concatenate(all_pos).astype(np.float64)
w = np.concatenate(all_w)
N, L = 8, box_kpc * unit


def deposit(scheme):
    """Brute force, one particle and one stencil cell at a time, float64."""
    rho = np.zeros((N, N, N))
    g = pos * N / L
    for p in range(len(g)):
        per_dim = []
        for ax in range(3):
            x = g[p, ax]
            if scheme == "ngp":
                per_dim.append([(int(np.floor(x + 0.5)), 1.0)])
            elif scheme == "cic":
                i = int(np.floor(x))
                dx = x - i
                per_dim.append([(i, 1.0 - dx), (i + 1, dx)])
            else:
                i = int(np.floor(x + 0.5))
                d = x - i
                per_dim.append([(i - 1, 0.5 * (0.5 - d) ** 2), (i, 0.75 - d * d), (i + 1, 0.5 * (0.5 + d) ** 2)])
        for i, wi in per_dim[0]:
            for j, wj in per_dim[1]:
                for k, wk in per_dim[2]:
                    rho[i % N, j % N, k % N] += wi * wj * wk * w[p]
    return rho


for scheme in ("ngp", "cic", "tsc"):
    rho = deposit(scheme)
    assert abs(rho.sum() - w.sum()) < 1e-9 * w.sum()
    rho.astype("<f8").tofile(os.path.join(HERE, "multi_%s_n8.f64" % scheme))

expected["multi"] = {
    "header": header_json(per_file[0], massarr, 0.5, 1.0, total, 2, box_kpc, 0.3175, 0.6825, 0.6711),
    "length_unit_to_mpch": unit,
    "files": files_json,
    "total_mass": float(w.sum()),
    "particles": int(len(w)),
}

with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1)
print("wrote fixtures to", HERE)
