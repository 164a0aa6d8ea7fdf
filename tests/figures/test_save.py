import hashlib
import subprocess
import sys

import matplotlib.pyplot as plt
import pandas as pd
from helpers import NOTE, W

from ecei_analysis import (
    plot_class_contributions,
)
from ecei_analysis.figures.save import save_figure, use_style


def test_save_figure_is_deterministic(tmp_path, points):
    for fmt in ("png", "svg", "pdf"):
        digests = []
        for run in range(2):
            with use_style("publication"):
                ax = plot_class_contributions(points, W, data_note=NOTE)
                path = save_figure(ax.figure, tmp_path / f"{run}.{fmt}")
            digests.append(hashlib.sha256(path.read_bytes()).hexdigest())
            plt.close("all")
        assert digests[0] == digests[1], fmt
    svg = (tmp_path / "0.svg").read_text()
    assert "<dc:date>" not in svg
    assert b"CreationDate" not in (tmp_path / "0.pdf").read_bytes()


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
