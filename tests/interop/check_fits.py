#!/usr/bin/env python3
"""Reads a FITS file with astropy and prints what astropy sees, as JSON, for the C# tests.

    /usr/bin/python3 tests/interop/check_fits.py FILE

The file must pass astropy's strict verification (hdul.verify("exception")): mandatory
keywords in order, fixed-format values, valid keywords.  For every HDU it prints the
header cards in order ([keyword, value, comment]), each card image as it is in the file
next to the image astropy itself would write for the same keyword/value/comment, the
dtype and C-order shape astropy gives the data, and the data flattened in C order
(non-finite floats as the strings "nan", "inf", "-inf").  Exit status 1 with the reason
on stderr when astropy cannot read or verify the file.
"""
import json
import math
import sys
import warnings

import numpy as np
from astropy.io import fits


def plain(v):
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        v = float(v)
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return v
    if isinstance(v, str):
        return v
    return None  # astropy's Undefined


def describe(index, hdu):
    header = hdu.header
    cards, images = [], []
    for card in header.cards:
        cards.append([card.keyword, plain(card.value), card.comment])
        if card.keyword in ("COMMENT", "HISTORY", ""):
            fresh = fits.Card(card.keyword, card.value)
        else:
            fresh = fits.Card(card.keyword, card.value, card.comment)
        images.append([card.image, fresh.image])
    out = {
        "index": index,
        "name": hdu.name,
        "kind": type(hdu).__name__,
        "cards": cards,
        "images": images,
    }
    if isinstance(hdu, (fits.PrimaryHDU, fits.ImageHDU)):
        data = hdu.data
        out["dtype"] = None if data is None else data.dtype.newbyteorder("=").name
        out["shape"] = [] if data is None else list(data.shape)
        out["data"] = [] if data is None else [plain(v) for v in np.ravel(data, order="C")]
    return out


def main(path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any astropy warning about the file is a failure
        with fits.open(path) as hdul:
            hdul.verify("exception")
            result = {"path": path, "hdus": [describe(i, hdu) for i, hdu in enumerate(hdul)]}
    print(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check_fits.py FILE")
    try:
        main(sys.argv[1])
    except Exception as e:  # noqa: BLE001 - report any failure as one line for the C# test
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
