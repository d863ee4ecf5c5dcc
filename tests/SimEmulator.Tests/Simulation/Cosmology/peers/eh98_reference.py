#!/usr/bin/env python3
"""Reference numbers for EisensteinHuTests: Eisenstein & Hu 1998 (ApJ 496, 605) for Quijote's fiducial cosmology.

Run: /usr/bin/python3 eh98_reference.py   (numpy, scipy)

A numpy transcription of EH98 §3 (eqs. 2-24) and §4.2 (eqs. 26, 28-31), written the way the authors' tf_fit.c
evaluates them (eq. 2 read as 1 + z_eq, R of eq. 5 with 1 + z, the no-wiggle q = k/(13.41 k_eq) Om h^2/Gamma_eff with
the eq. 26 sound-horizon fit). When this script was written its numbers were compared with tf_fit.c itself, compiled
with float -> double and e = M_E: all scalars and T(k) agreed to better than 1e-14 relative.

sigma(R) is integrated independently of the C# code: scipy.integrate.quad in ln k over [1e-8, 1e4/R] h/Mpc with
several thousand subintervals, cross-checked against Simpson on 2^20 log-spaced points.
"""
import numpy as np
from scipy.integrate import quad, simpson

OM, OB, H, NS, S8, TCMB = 0.3175, 0.049, 0.6711, 0.9624, 0.834, 2.7255


class EH98:
    def __init__(self, om, ob, h, tcmb):
        self.h = h
        self.omhh = om * h * h
        self.obhh = ob * h * h
        self.fb = ob / om
        th = tcmb / 2.7
        w, wb, fb = self.omhh, self.obhh, self.fb
        self.zeq1 = 2.50e4 * w / th**4                          # eq. 2 (1 + z_eq)
        self.keq = 0.0746 * w / th**2                           # eq. 3, 1/Mpc
        b1 = 0.313 * w**-0.419 * (1 + 0.607 * w**0.674)
        b2 = 0.238 * w**0.223
        self.zd = 1291 * w**0.251 / (1 + 0.659 * w**0.828) * (1 + b1 * wb**b2)  # eq. 4
        self.Rd = 31.5 * wb / th**4 * 1000 / (1 + self.zd)     # eq. 5
        self.Req = 31.5 * wb / th**4 * 1000 / self.zeq1
        self.s = (2 / (3 * self.keq) * np.sqrt(6 / self.Req)
                  * np.log((np.sqrt(1 + self.Rd) + np.sqrt(self.Rd + self.Req)) / (1 + np.sqrt(self.Req))))  # eq. 6, Mpc
        self.ksilk = 1.6 * wb**0.52 * w**0.73 * (1 + (10.4 * w)**-0.95)                # eq. 7
        a1 = (46.9 * w)**0.670 * (1 + (32.1 * w)**-0.532)
        a2 = (12.0 * w)**0.424 * (1 + (45.0 * w)**-0.582)
        self.alpha_c = a1**-fb * a2**-(fb**3)                                           # eq. 11
        bb1 = 0.944 / (1 + (458 * w)**-0.708)
        bb2 = (0.395 * w)**-0.0266
        self.beta_c = 1 / (1 + bb1 * ((1 - fb)**bb2 - 1))                              # eq. 12
        y = self.zeq1 / (1 + self.zd)
        G = y * (-6 * np.sqrt(1 + y) + (2 + 3 * y) * np.log((np.sqrt(1 + y) + 1) / (np.sqrt(1 + y) - 1)))  # eq. 15
        self.alpha_b = 2.07 * self.keq * self.s * (1 + self.Rd)**-0.75 * G           # eq. 14
        self.beta_node = 8.41 * w**0.435                                                # eq. 23
        self.beta_b = 0.5 + fb + (3 - 2 * fb) * np.sqrt((17.2 * w)**2 + 1)            # eq. 24
        self.kpeak = 2.5 * np.pi * (1 + 0.217 * w) / self.s                            # eq. 25
        self.sfit = 44.5 * np.log(9.83 / w) / np.sqrt(1 + 10 * wb**0.75)              # eq. 26
        self.alpha_gamma = 1 - 0.328 * np.log(431 * w) * fb + 0.38 * np.log(22.3 * w) * fb**2  # eq. 31

    def parts(self, k_hmpc):
        k = np.asarray(k_hmpc, dtype=float) * self.h
        q = k / 13.41 / self.keq
        ks = k * self.s
        t0 = lambda ac, bc: np.log(np.e + 1.8 * bc * q) / (
            np.log(np.e + 1.8 * bc * q) + (14.2 / ac + 386 / (1 + 69.9 * q**1.08)) * q * q)  # eqs. 19-20
        f = 1 / (1 + (ks / 5.4)**4)
        tc = f * t0(1, self.beta_c) + (1 - f) * t0(self.alpha_c, self.beta_c)           # eq. 17
        stilde = self.s / (1 + (self.beta_node / ks)**3)**(1 / 3)                          # eq. 22
        x = k * stilde
        tb = (t0(1, 1) / (1 + (ks / 5.2)**2)
              + self.alpha_b / (1 + (self.beta_b / ks)**3) * np.exp(-(k / self.ksilk)**1.4)) * np.sin(x) / x  # eq. 21
        return tb, tc

    def T(self, k):
        tb, tc = self.parts(k)
        return self.fb * tb + (1 - self.fb) * tc                                        # eq. 16

    def Tnw(self, k_hmpc):
        k = np.asarray(k_hmpc, dtype=float) * self.h
        q = k / 13.41 / self.keq
        geff = self.omhh * (self.alpha_gamma + (1 - self.alpha_gamma) / (1 + (0.43 * k * self.sfit)**4))  # eq. 30
        qe = q * self.omhh / geff                                                        # eq. 28
        L0 = np.log(2 * np.e + 1.8 * qe)
        C0 = 14.2 + 731 / (1 + 62.5 * qe)
        return L0 / (L0 + C0 * qe * qe)                                                  # eq. 29


def tophat(x):
    x = np.asarray(x, dtype=float)
    small = x < 1e-2
    xs = np.where(small, 1.0, x)
    return np.where(small, 1 - x * x / 10 + x**4 / 280, 3 * (np.sin(xs) - xs * np.cos(xs)) / xs**3)


def sigma2(pk, R):
    f = lambda lnk: np.exp(3 * lnk) * pk(np.exp(lnk)) * tophat(np.exp(lnk) * R)**2 / (2 * np.pi**2)
    lo, hi = np.log(1e-8), np.log(1e4 / R)
    edges = np.linspace(lo, hi, 4001)
    by_quad = sum(quad(f, a, b, epsabs=0, epsrel=1e-12, limit=100)[0] for a, b in zip(edges[:-1], edges[1:]))
    grid = np.linspace(lo, hi, 2**20 + 1)
    by_simpson = simpson(f(grid), x=grid)
    assert abs(by_quad / by_simpson - 1) < 1e-9, (by_quad, by_simpson)
    return by_quad


def main():
    eh = EH98(OM, OB, H, TCMB)
    print("# EH98 scalars (lengths in Mpc, wavenumbers in 1/Mpc)")
    for name in ["zeq1", "keq", "zd", "Rd", "Req", "s", "ksilk", "alpha_c", "beta_c", "alpha_b", "beta_b",
                 "beta_node", "kpeak", "sfit", "alpha_gamma"]:
        print(f"{name} = {getattr(eh, name)!r}")
    print("# transfer functions, k in h/Mpc")
    for k in [1e-4, 1e-3, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 10.0, 100.0]:
        tb, tc = eh.parts(k)
        print(f"k={k!r}: T={float(eh.T(k))!r} Tb={float(tb)!r} Tc={float(tc)!r} Tnw={float(eh.Tnw(k))!r}")
    for label, t in [("wiggle", eh.T), ("nowiggle", eh.Tnw)]:
        unit = lambda k, t=t: k**NS * t(k)**2
        a = S8**2 / sigma2(unit, 8.0)
        print(f"# {label}: amplitude A (P = A k^ns T^2, sigma_8 = {S8}) = {a!r}")
        for R in [1.0, 8.0, 50.0]:
            print(f"  sigma(R={R}) = {np.sqrt(sigma2(lambda k: a * unit(k), R))!r}")


if __name__ == "__main__":
    main()
