#!/usr/bin/env python3
"""Writes the FITS fixtures read by tests/SimEmulator.Tests/Data/Fits/FitsFixtureTests.cs.

The files are written by astropy (not by our writer), so the C# reader is checked against
an independent implementation.  Every value the tests assert is defined here; change both
together.  Run with /usr/bin/python3 (astropy 5.2):

    /usr/bin/python3 tests/SimEmulator.Tests/Fixtures/fits/make_fits_fixtures.py
"""
import os
import warnings

import numpy as np
from astropy.io import fits
from astropy.utils.exceptions import AstropyUserWarning

HERE = os.path.dirname(os.path.abspath(__file__))

LONG_TEXT = ("A long string value that does not fit on one card, so astropy splits it over "
             "CONTINUE cards; it's got a quote too.")


def primary_float32():
    """float32 (3, 4) image, values 0.25*i - 1; header cards of every kind."""
    data = (np.arange(12, dtype=np.float32) * 0.25 - 1.0).reshape(3, 4)
    hdu = fits.PrimaryHDU(data)
    h = hdu.header
    h["OBJECT"] = ("O'Brien's galaxy", "string with a quote")
    h["OBSERVER"] = (" lead", "leading space is significant")
    h["EMPTY"] = ("", "null string")
    h["TRAIL"] = "ab   "  # trailing spaces are not significant: reads back 'ab'
    h["FLAG"] = (True, "logical true")
    h["NOFLAG"] = (False, "logical false")
    h["NCOMBINE"] = (42, "integer")
    h["NEGINT"] = -7
    h["EXPTIME"] = (1234.5, "[s] float")
    h["SMALL"] = 1.5e-12
    h["BIGNEG"] = -6.02e23
    h["UNDEF"] = (None, "undefined value")
    h["LONGSTR"] = (LONG_TEXT, "long string comment")
    h["COMMENT"] = "This is a comment card."
    h["HISTORY"] = "First history entry."
    h["HISTORY"] = "Second history entry."
    h.add_blank("blank keyword text")
    # A Fortran-style D exponent, which astropy reads but never writes; append the card verbatim.
    h.append(fits.Card.fromstring("DEXP    =             1.25D+03 / D exponent"))
    return fits.HDUList([hdu])


def int16_scaled():
    """BITPIX 16 with BSCALE = 0.5, BZERO = 10, BLANK = -32768: physical = 10 + 0.5*stored."""
    stored = np.array([[-32768, -2, -1, 0], [1, 2, 100, 32767]], dtype=np.int16)
    return fits.HDUList([fits.PrimaryHDU(stored)])


def add_scaling(path):
    """Adds BSCALE/BZERO/BLANK to int16_scaled.fits without touching the stored integers.

    astropy treats data handed to a new HDU as physical values and drops BSCALE/BZERO from
    its header, so the scaling cards are added afterwards in update mode with scaling off.
    """
    with fits.open(path, mode="update", do_not_scale_image_data=True) as hdul:
        h = hdul[0].header
        h["BSCALE"] = 0.5
        h["BZERO"] = 10
        h["BLANK"] = -32768
    with fits.open(path, do_not_scale_image_data=True) as hdul:
        assert hdul[0].data.dtype.newbyteorder("=") == np.int16 and hdul[0].data[1, 3] == 32767


def uint16():
    """uint16 (2, 3): astropy writes BITPIX 16, BZERO = 32768."""
    data = np.array([[0, 1, 1234], [32767, 32768, 65535]], dtype=np.uint16)
    return fits.HDUList([fits.PrimaryHDU(data)])


def cube_float64():
    """Empty primary + IMAGE extension 'DENSITY' with a float64 (2, 3, 4) cube, value 100*z + 10*y + x + 0.5."""
    z, y, x = np.indices((2, 3, 4))
    cube = (100.0 * z + 10.0 * y + x + 0.5).astype(np.float64)
    ext = fits.ImageHDU(cube, name="DENSITY")
    ext.header["BOXSIZE"] = (25.0, "[Mpc/h]")
    return fits.HDUList([fits.PrimaryHDU(), ext])


def multi_hdu():
    """Primary int32 image, then uint8, int8, int64, uint32, float32 vector extensions and a BINTABLE."""
    primary = fits.PrimaryHDU(np.array([[-2147483648, -1, 0], [1, 65536, 2147483647]], dtype=np.int32))
    primary.header["TELESCOP"] = "SimEmulator"
    hdus = [
        primary,
        fits.ImageHDU(np.array([[0, 1], [254, 255]], dtype=np.uint8), name="U8"),
        fits.ImageHDU(np.array([-128, -1, 0, 127], dtype=np.int8), name="I8"),
        fits.ImageHDU(np.array([[-9223372036854775808, 0, 9223372036854775807]], dtype=np.int64), name="I64"),
        fits.ImageHDU(np.array([0, 2147483648, 4294967295], dtype=np.uint32), name="U32"),
        fits.ImageHDU(np.array([1.5, -2.25, np.inf, np.nan], dtype=np.float32), name="VECTOR"),
        fits.BinTableHDU.from_columns([fits.Column(name="A", format="J", array=np.array([1, 2, 3]))], name="TABLE"),
        fits.ImageHDU(np.array([[7]], dtype=np.int16), name="AFTER"),
    ]
    return fits.HDUList(hdus)


def main():
    files = {
        "primary_float32.fits": primary_float32(),
        "int16_scaled.fits": int16_scaled(),
        "uint16.fits": uint16(),
        "cube_float64.fits": cube_float64(),
        "multi_hdu.fits": multi_hdu(),
    }
    for name, hdul in files.items():
        path = os.path.join(HERE, name)
        with warnings.catch_warnings():
            warnings.simplefilter("error", AstropyUserWarning)
            hdul.writeto(path, overwrite=True, output_verify="exception")
        if name == "int16_scaled.fits":
            add_scaling(path)
        print(f"{name}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
