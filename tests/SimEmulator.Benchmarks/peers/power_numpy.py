#!/usr/bin/python3
"""numpy peer for the P(k) benchmark (PowerComparison.cs): the same estimator as SimEmulator's PowerSpectrum.Compute
(Pylians3 Pk_library conventions, ARCHITECTURE.md), written with np.fft.rfftn and np.bincount:

  P = |delta_k|^2 L^3/N^6 / W(k)^2, W = prod_i sinc^2(pi n_i/N) (CIC), bins [i, i+1) k_F on integer |n|, DC dropped,
  mean |k| per bin, modes counted once per +-k pair (on the n_z = 0 and n_z = N/2 planes keep n_x > 0, or n_x in
  {0, N/2} with n_y >= 0), as Pk_library does.

Run with /usr/bin/python3:  power_numpy.py --input field.f32 --n 256 --box 1000 --rounds 3
The input is the raw little-endian float32 cube SimEmulator generated. Prints one JSON line: best time, k, P0, modes.
"""
import argparse
import json
import time

import numpy as np


def power(delta32, box):
    n = delta32.shape[0]
    middle = n // 2
    delta = delta32.astype(np.float64)
    dk = np.fft.rfftn(delta)
    i = np.arange(n)
    kx = np.where(i > middle, i - n, i).astype(np.float64)
    kz = np.arange(middle + 1, dtype=np.float64)
    # 1/sinc^2 per axis (np.sinc(x) = sin(pi x)/(pi x)), applied to delta_k, so squared in P.
    cx = 1.0 / np.sinc(kx / n) ** 2
    cz = 1.0 / np.sinc(kz / n) ** 2
    corr = (cx[:, None, None] * cx[None, :, None] * cz[None, None, :]) ** 2
    p = (dk.real ** 2 + dk.imag ** 2) * corr
    k = np.sqrt(kx[:, None, None] ** 2 + kx[None, :, None] ** 2 + kz[None, None, :] ** 2)
    index = k.astype(np.int64)
    # One of each +-k pair on the self-conjugate planes n_z = 0 and n_z = N/2 (even N).
    keep = np.ones(k.shape, dtype=bool)
    planes = [0, middle] if n % 2 == 0 else [0]
    x3 = np.broadcast_to(kx[:, None], (n, n))
    y3 = np.broadcast_to(kx[None, :], (n, n))
    drop = (x3 < 0) | (((x3 == 0) | ((x3 == middle) & (n % 2 == 0))) & (y3 < 0))
    for z in planes:
        keep[:, :, z] = ~drop
    bins = int(np.sqrt(3.0 * middle * middle)) + 1
    sel = index[keep]
    modes = np.bincount(sel, minlength=bins)
    ksum = np.bincount(sel, weights=k[keep], minlength=bins)
    psum = np.bincount(sel, weights=p[keep], minlength=bins)
    kf = 2 * np.pi / box
    norm = (box / float(n) ** 2) ** 3
    with np.errstate(invalid="ignore", divide="ignore"):
        return ksum[1:] / modes[1:] * kf, psum[1:] / modes[1:] * norm, modes[1:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", required=True)
    ap.add_argument("--n", type=int, default=256)
    ap.add_argument("--box", type=float, default=1000.0)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    delta = np.fromfile(a.input, dtype="<f4").reshape(a.n, a.n, a.n)
    best = float("inf")
    for _ in range(a.rounds):
        t = time.perf_counter()
        k, p0, modes = power(delta, a.box)
        best = min(best, time.perf_counter() - t)
    print(json.dumps({"seconds": best, "numpy_version": np.__version__, "k": k.tolist(), "P0": p0.tolist(),
                      "modes": modes.tolist()}))


if __name__ == "__main__":
    main()
