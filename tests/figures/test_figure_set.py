import hashlib
import subprocess
import sys

import pandas as pd
import pytest
from helpers import border_is_clean

from ecei_analysis.cli import main

pytestmark = pytest.mark.slow  # papermill kernels, subprocesses


def test_figures_cli_is_byte_identical_across_processes(tmp_path):
    outs = []
    for run in ("a", "b"):
        out = tmp_path / run
        subprocess.run(
            [
                sys.executable,
                "-m",
                "ecei_analysis.cli",
                "figures",
                "--out",
                str(out),
                "--draws",
                "2000",
                "--formats",
                "png,svg,pdf",
            ],
            check=True,
            capture_output=True,
        )
        outs.append(out)
    manifest = pd.read_csv(outs[0] / "MANIFEST.csv")
    for png in outs[0].glob("*.png"):
        assert border_is_clean(png), png  # nothing clipped at the edges
    assert len(manifest) == 7 * 3
    assert manifest["caption"].str.contains("SYNTHETIC").all()
    for name in manifest["file"]:
        data = (outs[0] / name).read_bytes()
        assert data == (outs[1] / name).read_bytes(), name
        row = manifest.set_index("file").loc[name]
        assert hashlib.sha256(data).hexdigest() == row["sha256"]
    assert (
        "numpy" in manifest["versions"].iloc[0]
        and "seed" in manifest["parameters"].iloc[0]
    )


def test_the_figure_set_owns_its_folder(tmp_path, capsys):
    """An earlier set is replaced whole (no stale files); other folders refused."""
    out = tmp_path / "figs"
    args = ["figures", "--out", str(out), "--draws", "500", "--formats", "png"]
    assert main(args) == 0
    (out / "stale.png").write_bytes(b"old")  # not listed in the marker
    assert main(args) == 2
    assert "stale.png" in capsys.readouterr().err
    (out / "stale.png").unlink()
    assert main(args) == 0
    listed = set(pd.read_csv(out / "MANIFEST.csv")["file"])
    on_disk = {p.name for p in out.iterdir()} - {"MANIFEST.csv", "CAPTIONS.md"}
    assert listed == on_disk - {".ecei-output.json"}
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    assert main(["figures", "--out", str(mine), "--draws", "500"]) == 2
    assert (mine / "notes.txt").read_text() == "keep me"


@pytest.mark.parametrize("bad", ["svg,gif", ""])
def test_bad_formats(tmp_path, bad, capsys):
    assert main(["figures", "--out", str(tmp_path / "x"), "--formats", bad]) == 2
    assert "--formats takes png, svg, pdf" in capsys.readouterr().err
