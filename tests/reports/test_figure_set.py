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


HOSTILE_NAMES = [r"Bad $\frac{$ name", "$x^2$ cluster", r"a\$b", "<b>&amp;</b>"]


def test_every_plot_draws_hostile_names_literally():
    """`$...$` in a name is never typeset as mathtext, nor breaks the drawing."""
    import matplotlib.pyplot as plt
    from matplotlib.text import Text

    import ecei_analysis as ea

    study = ea.load_study()
    points = ea.class_points(study)
    ids = list(points.index)
    labels = dict(study.labels())
    leaders = ea.rank_clusters(ea.score_clusters(points, "proposal")).sort_values()
    for cid, name in zip(leaders.index, HOSTILE_NAMES, strict=False):
        labels[cid] = name
    places = ea.scenario_places(points, "proposal")
    places = places.rename(columns={places.columns[0]: "$w$ set"})
    intervals = ea.rank_uncertainty(points, "proposal", draws=500, seed=1)
    acceptability = ea.smaa(points, draws=500, seed=1).acceptability
    sobol = ea.sobol_rank_indices(points, n=64, seed=1)
    axes = [
        ea.plot_rank_flow(places, labels=labels, highlight=ids[:2]),
        ea.plot_weight_map(points, labels=labels),
        ea.plot_weight_map(points, colour_by=leaders.index[0], labels=labels),
        ea.plot_rank_intervals(intervals, labels=labels),
        ea.plot_rank_acceptability(acceptability, labels=labels),
        ea.plot_class_contributions(points, "proposal", labels=labels),
        ea.plot_sobol(sobol, labels=labels),
    ]
    for ax in axes:
        fig = ax.figure
        fig.canvas.draw()  # a mathtext parse error would raise here
        shown = []
        for text in fig.findobj(Text):
            literal, is_math = text._preprocess_math(text.get_text())
            assert not is_math, text.get_text()
            shown.append(literal)
        drawn = " | ".join(shown)
        assert any(name in drawn for name in HOSTILE_NAMES), drawn
        plt.close(fig)
    # Captions are plain text: the name as typed, no escaping backslash.
    assert HOSTILE_NAMES[0] in ea.caption_of(axes[2])
    assert "$w$ set" in ea.caption_of(axes[0])


def test_russian_figures_have_every_glyph_and_embed_fonts(tmp_path):
    import warnings

    import matplotlib.pyplot as plt

    import ecei_analysis as ea
    from ecei_analysis import use_language

    study = ea.load_study()
    points = ea.class_points(study)
    with use_language("ru"), ea.use_style("publication"), warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" would raise
        labels = study.labels()
        axes = [
            ea.plot_rank_flow(ea.scenario_places(points, "proposal"), labels=labels),
            ea.plot_weight_map(points, labels=labels, nominal="3:2:1"),
            ea.plot_rank_intervals(
                ea.rank_uncertainty(points, "proposal", draws=300, seed=1),
                labels=labels,
            ),
            ea.plot_importance(ea.class_importance(points, "3:2:1")),
        ]
        for k, ax in enumerate(axes):
            ax.figure.canvas.draw()
            ea.save_figure(ax.figure, tmp_path / f"f{k}.pdf")
            ea.save_figure(ax.figure, tmp_path / f"f{k}.svg")
            plt.close(ax.figure)
    assert "Карта весов" in ea.caption_of(axes[1])
    for pdf in tmp_path.glob("*.pdf"):
        data = pdf.read_bytes()
        assert b"/FontFile2" in data  # TrueType embedded (pdf.fonttype 42)


def test_the_russian_figure_set_is_russian(tmp_path):
    """CAPTIONS.md and every caption in Russian; the figures' own texts too."""
    import re

    out = tmp_path / "ru"
    args = ["figures", "--out", str(out), "--draws", "500", "--formats", "png"]
    assert main([*args, "--lang", "ru"]) == 0
    captions = (out / "CAPTIONS.md").read_text(encoding="utf-8")
    assert captions.startswith("# Подписи к рисункам")
    text = re.sub(r"\*\*[\w.]+\*\*", " ", captions)  # the file names
    words = set(re.findall(r"[A-Za-z][A-Za-z_-]*", text)) - {"XXI", "n", "o"}
    assert words == set(), sorted(words)
    assert "испытаний: 500" in captions and "Дирихле" in captions


@pytest.mark.parametrize("language", ["en", "ru"])
def test_parallel_figures_are_the_serial_figures_in_the_same_order(
    tmp_path, monkeypatch, capsys, language
):
    """Workers drawing while the analyses run change neither bytes nor order."""
    import ecei_analysis.reports.figure_set as figure_set

    runs = {}
    for workers in (1, 2):
        monkeypatch.setattr(figure_set, "FIGURE_WORKERS", workers)
        out = tmp_path / f"x{workers}"
        args = ["figures", "--out", str(out), "--draws", "2000", "--lang", language]
        assert main([*args, "--formats", "png,svg,pdf"]) == 0
        progress = [
            line.split()[-1]
            for line in capsys.readouterr().err.splitlines()
            if "/7 " in line
        ]
        manifest = pd.read_csv(out / "MANIFEST.csv")
        files = {name: (out / name).read_bytes() for name in manifest["file"]}
        runs[workers] = (progress, manifest.drop(columns="versions"), files)
    serial, parallel = runs[1], runs[2]
    assert (
        serial[0]
        == parallel[0]
        == [
            "weight_map_winner.png",
            "weight_map_place_kaluga.png",
            "rank_flow.png",
            "rank_acceptability.png",
            "rank_intervals.png",
            "class_contributions.png",
            "sobol.png",
        ]
    )
    pd.testing.assert_frame_equal(serial[1], parallel[1])
    assert serial[2] == parallel[2]
