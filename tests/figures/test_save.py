import hashlib

import matplotlib.pyplot as plt
import pandas as pd
from helpers import NOTE, W

from ecei_analysis import (
    plot_class_contributions,
    plot_rank_flow,
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


def test_cyrillic_labels_render_without_missing_glyphs(tmp_path, study):
    # filterwarnings = error turns a "Glyph ... missing from font" warning into a failure.
    ranks = pd.DataFrame({"a": [1, 2], "b": [2, 1]}, index=["tomsk", "kaluga"])
    names = study.clusters["name_ru"].to_dict()
    ax = plot_rank_flow(ranks, labels=names, data_note=NOTE)
    save_figure(ax.figure, tmp_path / "ru.png")
    assert "Фармацевтика" in " ".join(t.get_text() for t in ax.texts)
