#!/usr/bin/env python3
"""Writes pk_eh98_quijote.dat, a CLASS-style two-column table for TabulatedPowerTests, and prints its sigma_8.

Run: /usr/bin/python3 make_pk_fixture.py   (numpy, scipy; imports the EH98 transcription from
tests/SimEmulator.Tests/Simulation/Cosmology/peers/eh98_reference.py)

The table is the EH98 wiggle spectrum of Quijote's cosmology normalised to sigma_8 = 0.834, at 40 points per decade
over 1e-4 <= k <= 100 h/Mpc, written with 9 significant digits. The printed sigma(8) is that of the table as the C#
reader sees it (linear in ln k - ln P, power-law extrapolation from the end intervals), integrated with scipy.
"""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "Simulation", "Cosmology", "peers"))
from eh98_reference import EH98, OM, OB, H, NS, TCMB, sigma2  # noqa: E402

A_WIGGLE = 3000227.5275069578  # eh98_reference.py: A with sigma_8 = 0.834


def main():
    eh = EH98(OM, OB, H, TCMB)
    k = np.logspace(-4, 2, 241)
    p = A_WIGGLE * k**NS * eh.T(k) ** 2
    path = os.path.join(HERE, "pk_eh98_quijote.dat")
    with open(path, "w") as f:
        f.write("# Linear matter power spectrum at z = 0, Eisenstein & Hu 1998 with wiggles\n")
        f.write("# Omega_m = 0.3175, Omega_b = 0.049, h = 0.6711, n_s = 0.9624, sigma_8 = 0.834, T_cmb = 2.7255\n")
        f.write("#\n")
        f.write("#    1:k (h/Mpc)              2:P (Mpc/h)^3\n")
        for ki, pi in zip(k, p):
            f.write(f"  {ki:.8e}    {pi:.8e}\n")
    kt, pt = np.loadtxt(path, unpack=True)
    lk, lp = np.log(kt), np.log(pt)

    def interp(kq):
        x = np.log(kq)
        i = np.clip(np.searchsorted(lk, x, side="right") - 1, 0, len(lk) - 2)
        t = (x - lk[i]) / (lk[i + 1] - lk[i])
        return np.exp(lp[i] + t * (lp[i + 1] - lp[i]))

    print(f"wrote {path}: {len(kt)} rows")
    print(f"sigma(8) of the interpolated table = {np.sqrt(sigma2(interp, 8.0))!r}")
    print(f"sigma(2) of the interpolated table = {np.sqrt(sigma2(interp, 2.0))!r}")


if __name__ == "__main__":
    main()
