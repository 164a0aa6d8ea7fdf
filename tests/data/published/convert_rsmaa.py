"""Convert the R ``smaa`` package's published example samples to ``.npz``.

The R package ``smaa`` (Tervonen 2023, GPL-3) ships two worked examples as
``dput`` text: the thrombolytics example of its manual (``inst/extdata``) and the
Hansen antidepressants integration test (``itest``). This script turns their
sample arrays and expected results into ``thrombo.npz`` and ``hansen.npz`` here,
so that our tests reproduce both examples through the public API alone.

Usage (from a checkout of https://github.com/gertvv/rsmaa)::

    python tests/data/published/convert_rsmaa.py PATH/TO/rsmaa

R arrays are column-major, so the numbers are reshaped in Fortran order.
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent

_NUMBERS = re.compile(r"structure\(c\((?P<values>[^)]*)\)")
_DIM = re.compile(r"\.Dim = (?:c\((?P<dims>[^)]*)\)|(?P<a>\d+):(?P<b>\d+))")
_NAMES = re.compile(r"c\((\"[^)]*\")\)")


def read_dput(path: Path) -> tuple[np.ndarray, list[list[str]]]:
    """Read one numeric R array written by ``dput``: values and dimension names."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        text = handle.read()
    match = _NUMBERS.search(text)
    values = np.array([float(v) for v in match["values"].split(",")])
    dim = _DIM.search(text, match.end())
    if dim["dims"] is not None:
        dims = tuple(int(d.strip().rstrip("L")) for d in dim["dims"].split(","))
    else:
        dims = (int(dim["a"]), int(dim["b"]))
    names = [
        [n.strip().strip('"') for n in group.split(",")]
        for group in _NAMES.findall(text[dim.end() :])
    ]
    return values.reshape(dims, order="F"), names


def read_named_vector(path: Path) -> tuple[np.ndarray, list[str]]:
    """Read the first named numeric vector (``.Names``) of a ``dput`` file."""
    text = path.read_text(encoding="utf-8")
    match = _NUMBERS.search(text)
    values = np.array([float(v) for v in match["values"].split(",")])
    names = _NAMES.search(text, match.end())[1]
    return values, [n.strip().strip('"') for n in names.split(",")]


def main(checkout: Path) -> None:
    """Write ``thrombo.npz`` and ``hansen.npz`` from an rsmaa checkout."""
    extdata = checkout / "smaa" / "inst" / "extdata"
    meas, names = read_dput(extdata / "thrombo-meas.txt.gz")
    weights, _ = read_dput(extdata / "thrombo-weights-nopref.txt.gz")
    np.savez_compressed(
        HERE / "thrombo.npz",
        measurements=meas,
        weights=weights,
        alternatives=np.array(names[0]),
        criteria=np.array(names[1]),
    )
    itest = checkout / "itest"
    meas, names = read_dput(itest / "hansen-meas.txt.gz")
    weights, _ = read_dput(itest / "hansen-weights-ord.txt.gz")
    ra, _ = read_dput(itest / "hansen-ra-ord.txt")
    cf, cf_names = read_named_vector(itest / "hansen-cf-ord.txt")
    cw_text = (itest / "hansen-cf-ord.txt").read_text(encoding="utf-8")
    cw_path = HERE / "_cw.txt"
    cw_path.write_text(cw_text[cw_text.index("cw = ") + 5 :], encoding="utf-8")
    try:
        cw, _ = read_dput(cw_path)
    finally:
        cw_path.unlink()
    assert cf_names == names[0]
    np.savez_compressed(
        HERE / "hansen.npz",
        measurements=meas,
        weights=weights,
        alternatives=np.array(names[0]),
        criteria=np.array(names[1]),
        expected_acceptability=ra,
        expected_confidence=cf,
        expected_central_weights=cw,
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
