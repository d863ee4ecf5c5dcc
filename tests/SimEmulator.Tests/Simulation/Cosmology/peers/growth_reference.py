#!/usr/bin/env python3
"""Reference numbers for LcdmGrowthTests (flat LCDM, no radiation, Quijote Omega_m = 0.3175).

Run: /usr/bin/python3 growth_reference.py   (numpy, scipy, astropy)

* D1 from the integral form D(a) = (5 Om/2) E(a) int_0^a da' / (a' E(a'))^3 (Heath 1977), by scipy.integrate.quad,
  normalised to D -> a as a -> 0; f1 = dlnD/dlna = -3/2 Om(a) + 5/2 Om(a) a / D from the same integral.
* D1, D2, f1, f2 from scipy's DOP853 with rtol 1e-13 on the ODEs in ln a (a different integrator from the C# RK4 +
  Hermite tables), started at a = 1e-7 in the growing mode D1 = a, D2 = -3/7 a^2; D1 normalised to D1(1) = 1 and D2
  divided by the same factor squared.
* E(a) from astropy's FlatLambdaCDM with Tcmb0 = 0 (no radiation), the background the C# code uses.
"""
import numpy as np
from scipy.integrate import quad, solve_ivp
from astropy.cosmology import FlatLambdaCDM

OM = 0.3175
OL = 1 - OM


def E(a):
    return np.sqrt(OM / a**3 + OL)


def om_a(a):
    return OM / (OM + OL * a**3)


def d_integral(a):
    # (a' E)^-3 = (Om/a' + OL a'^2)^-3/2; smooth at 0 (~ a'^{3/2}).
    i, _ = quad(lambda x: (OM / x + OL * x * x) ** -1.5, 0, a, epsabs=0, epsrel=1e-13, limit=200)
    return 2.5 * OM * E(a) * i


def rhs(x, y):
    a = np.exp(x)
    om = om_a(a)
    fr = 2 - 1.5 * om
    d1, d1x, d2, d2x = y
    return [d1x, -fr * d1x + 1.5 * om * d1, d2x, -fr * d2x + 1.5 * om * (d2 - d1 * d1)]


def main():
    np.set_printoptions(precision=17)
    print("# integral form (scipy.quad), D1 unnormalised (-> a early)")
    for a in [0.01, 0.1, 0.5, 1.0, 2.0]:
        d = d_integral(a)
        f = -1.5 * om_a(a) + 2.5 * om_a(a) * a / d
        print(f"a={a!r}: D1raw={d!r} g=D1raw/a={d / a!r} f1={f!r}")

    a0 = 1e-7
    sol = solve_ivp(rhs, [np.log(a0), np.log(2.0)], [a0, a0, -3 / 7 * a0**2, -6 / 7 * a0**2], method="DOP853",
                    rtol=1e-13, atol=1e-30, dense_output=True)
    d1_today = sol.sol(0.0)[0]
    print("# DOP853 ODE, D1 normalised to D1(1) = 1, D2 by D1raw(1)^2")
    for a in [0.02, 0.1, 0.5, 1.0, 2.0]:
        d1, d1x, d2, d2x = sol.sol(np.log(a))
        print(f"a={a!r}: D1={d1 / d1_today!r} D2={d2 / d1_today**2!r} f1={d1x / d1!r} f2={d2x / d2!r}")

    c = FlatLambdaCDM(H0=67.11, Om0=OM, Tcmb0=0)
    print("# astropy FlatLambdaCDM(Tcmb0=0).efunc")
    for a in [0.1, 0.5, 1.0, 2.0]:
        print(f"a={a!r}: E={float(c.efunc(1 / a - 1))!r}")


if __name__ == "__main__":
    main()
