import io
import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from ecei_analysis import (
    EceiDataError,
)
from ecei_analysis.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_rank_csv_reproduces_published_record(capsys):
    code, out, _ = run(
        capsys, "rank", "--weights", "equal", "--ties", "dense", "--format", "csv"
    )
    assert code == 0
    table = pd.read_csv(io.StringIO(out), index_col="cluster_id")
    published = table.dropna(subset=["published_points"])
    assert (published["score"] == published["published_points"]).all()
    assert (published["rank"] == published["published_place"]).all()
    assert table.loc[["tomsk", "kaluga", "innokam", "zelenograd"], "rank"].tolist() == [
        1,
        2,
        2,
        3,
    ]
    assert set(table["data"]) == {"synthetic"}


def test_rank_with_weights_reports_changes(capsys):
    code, out, _ = run(
        capsys, "rank", "--weights", "VI=3,I=2,NSI=1", "--format", "json"
    )
    assert code == 0
    rows = {r["cluster_id"]: r for r in json.loads(out)}
    assert rows["kaluga"]["rank"] == 1 and rows["kaluga"]["rank_change"] == 1
    assert rows["tomsk"]["rank"] == 2 and rows["tomsk"]["rank_change"] == -1
    assert rows["kaluga"]["score"] == 3 * 249 + 2 * 332 + 200


def test_table_format_shows_synthetic_banner(capsys):
    code, out, _ = run(capsys, "rank")
    assert code == 0 and out.startswith("SYNTHETIC DEMONSTRATION DATA")


def test_the_rank_table_is_for_people(capsys):
    """Names, titled columns, the briefing's rounding, "—" for missing, no ids."""
    code, out, _ = run(capsys, "rank", "--weights", "3:2:1")
    assert code == 0
    lines = out.splitlines()
    titles = lines.index(next(line for line in lines if line.startswith("place")))
    assert lines[titles].split("  ")[0] == "place" and "published place" in out
    rows = {line.split()[1]: line.split() for line in lines[titles + 2 :]}
    # Kaluga: 3 x 249 + 2 x 332 + 200 = 1,611 points; place 1, 2nd under equal
    # weights, one place up, published 2nd.
    assert rows["Kaluga"] == ["1", "Kaluga", "1,611", "849.4", "2", "1", "2"]
    assert rows["Sarov"][-1] == "—"  # not in the published record
    for absent in ("NaN", "<NA>", "kaluga", "score_normalised", "synthetic"):
        assert absent not in out.split("\n", 3)[-1]


def test_bad_input_is_one_line_non_zero(capsys, small_dir):
    (small_dir / "assessments.csv").write_text(
        "cluster_id,indicator_code,points\nx,A1,abc\n"
    )
    code, out, err = run(capsys, "rank", "--data", str(small_dir))
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert "assessments.csv, row 2, column 'points': expected a number" in err


def test_bad_weights_exit_non_zero(capsys):
    code, _, err = run(capsys, "rank", "--weights", "VI=-1,I=1,NSI=1")
    assert code == 2 and "must be a finite number >= 0" in err


def test_out_file_written(capsys, tmp_path):
    target = tmp_path / "r.csv"
    code, _, _ = run(capsys, "rank", "--format", "csv", "--out", str(target))
    assert code == 0 and target.read_text().startswith("cluster_id,rank")


@pytest.mark.slow
def test_cli_outputs_are_byte_identical_across_processes(tmp_path):
    outs = []
    for name in ("a.csv", "b.csv"):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "ecei_analysis.cli",
                "rank",
                "--weights",
                "4:2:1",
                "--format",
                "csv",
                "--out",
                str(tmp_path / name),
            ],
            check=True,
            capture_output=True,
        )
        outs.append((tmp_path / name).read_bytes())
    assert outs[0] == outs[1]


@pytest.mark.parametrize("outcome", [0, 2, KeyboardInterrupt])
def test_the_command_collects_less_often_and_freezes_its_objects_at_the_end(
    monkeypatch, outcome
):
    import gc

    from ecei_analysis import cli
    from ecei_analysis.core.collector import YOUNG_THRESHOLD

    events = []

    def run():
        events.append("run")
        if outcome is KeyboardInterrupt:
            raise KeyboardInterrupt
        return outcome

    monkeypatch.setattr(cli, "main", run)
    monkeypatch.setattr(gc, "freeze", lambda: events.append("freeze"))
    monkeypatch.setattr(gc, "set_threshold", lambda *t: events.append(t))
    if outcome is KeyboardInterrupt:
        with pytest.raises(KeyboardInterrupt):
            cli.console()
    else:
        assert cli.console() == outcome
    young = (YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    assert events == [young, "run", "freeze"]


def test_cli_debug_shows_traceback_otherwise_one_line(capsys, small_dir):
    (small_dir / "assessments.csv").write_text(
        "cluster_id,indicator_code,points\nx,A1,?\n"
    )
    assert main(["rank", "--data", str(small_dir)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    with pytest.raises(EceiDataError):
        main(["--debug", "rank", "--data", str(small_dir)])


def test_cli_unexpected_error_is_one_line(capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    import ecei_analysis.reports.tables as table

    monkeypatch.setattr(table, "ranking_table", broken)
    assert main(["rank"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error: RuntimeError: boom" in err


def test_what_if_cli(capsys):
    assert main(["what-if", "--cluster", "zelenograd", "--rival", "innokam"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("SYNTHETIC DEMONSTRATION DATA")
    assert "Zelenograd is 4th under 3:2:1 (3 clusters strictly ahead)" in out
    assert "target: 3rd place" in out and "to draw level with INNOKAM:" in out
    assert main(["what-if", "--cluster", "samara_aerospace", "--target-rank", "1"]) == 0
    assert "no weighting keeping" in capsys.readouterr().out
    assert main(["what-if", "--cluster", "kaluga", "--target-rank", "20"]) == 2
    assert main(["what-if", "--cluster", "atlantis"]) == 2


def test_what_if_on_a_tie_says_so_once(capsys, small_dir):
    # Equal weights: x and z tie 2nd (1 ahead each); target 2nd is already held.
    args = ["what-if", "--data", str(small_dir), "--weights", "1:1:1"]
    assert main([*args, "--cluster", "x", "--target-rank", "2"]) == 0
    out = capsys.readouterr().out
    assert "x is 2nd under 1:1:1 (1 cluster strictly ahead)" in out
    assert out.count("already holds") == 1 and "weights:" not in out
    assert main([*args, "--cluster", "z"]) == 0  # default target: one place up
    out = capsys.readouterr().out
    assert "target: 1st place" in out and "L1 distance" in out


def test_report_help_names_every_shipped_notebook(capsys):
    from ecei_analysis.core.resources import bundled_notebooks_dir

    with pytest.raises(SystemExit):
        main(["report", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    shipped = sorted(p.stem for p in bundled_notebooks_dir().glob("*.ipynb"))
    assert len(shipped) == 7
    for name in shipped:
        assert name in text


def output_of(capsys, *argv: str, status: int = 0) -> tuple[str, str]:
    """Run ``ecei argv``; check its exit status; return (stdout, stderr)."""
    assert main(list(argv)) == status
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_every_command_speaks_russian_with_lang_ru(capsys, tmp_path, small_dir):
    """--lang ru on any command: its sentences, headers and notes are Russian."""
    out, _ = output_of(capsys, "what-if", "--lang", "ru", "--cluster", "zelenograd")
    assert out.startswith("СИНТЕТИЧЕСКИЕ ДЕМОНСТРАЦИОННЫЕ ДАННЫЕ")
    assert (
        "Зеленоград при весах 3:2:1 занимает 4-е место (3 кластера строго впереди)"
        in out
    )
    out, _ = output_of(capsys, "rank", "--lang", "ru", "--weights", "4.5:2:1")
    assert "Веса: очень важные 4,5 : важные 2 : не очень важные 1." in out
    assert "место  кластер" in out and "1\u00a0984,5" in out  # titled, CLDR grouping
    xlsx = tmp_path / "места.xlsx"
    output_of(capsys, "rank", "--lang", "ru", "--format", "xlsx", "--out", str(xlsx))
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).active
    assert sheet["A1"].value.startswith("СИНТЕТИЧЕСКИЕ")
    assert [c.value for c in sheet[5]][:2] == ["место", "кластер"]
    md, _ = output_of(capsys, "rank", "--lang", "ru", "--format", "md")
    assert "| место | кластер |" in md
    out, _ = output_of(capsys, "weights", "--lang", "ru")
    assert "proposal   3:2:1  (по умолчанию)" in out
    _, err = output_of(capsys, "rank", "--lang", "ru", "--out", str(tmp_path / "r.csv"))
    assert err.startswith("записано: ")
    bad = tmp_path / "bad"
    shutil.copytree(small_dir, bad)
    text = (bad / "assessments.csv").read_text().replace(",10,", ",abc,", 1)
    (bad / "assessments.csv").write_text(text)
    _, err = output_of(capsys, "validate", "--lang", "ru", str(bad), status=1)
    assert "1 проблема в " in err
    _, err = output_of(capsys, "validate", "--lang", "ru", str(small_dir))
    assert "проблем не найдено" in err
    # English stays the default, and the header names the classes in use.
    out, _ = output_of(capsys, "rank", "--weights", "3:2:1")
    assert "Weights: very important 3 : important 2 : not so important 1." in out


def test_the_default_place_basis_counts_the_clusters_ahead(capsys):
    code, out, _ = run(capsys, "rank", "--weights", "equal", "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out), index_col="cluster_id")
    four = table.loc[["tomsk", "kaluga", "innokam", "zelenograd"]]
    assert four["rank"].tolist() == [1, 2, 2, 4]  # three clusters ahead of Zelenograd
    assert four["published_place"].tolist() == [1, 2, 2, 3]  # as published (dense)
    assert (table["rank_change"] == table["baseline_rank"] - table["rank"]).all()


def test_russian_outputs_and_errors_have_no_english_words(capsys, tmp_path, small_dir):
    """Every problem ``validate`` finds, every error and every table, in Russian.

    Latin words allowed: ids and codes, file, column and option names, the
    named weight sets (typed on the command line) and class abbreviations.
    """
    import re

    from ecei_analysis import load_study
    from ecei_analysis.scoring.weights import WEIGHT_SETS

    bad = tmp_path / "bad"
    shutil.copytree(small_dir, bad)
    lines = (bad / "assessments.csv").read_text().splitlines()
    lines[1] = "x,A1,abc,synthetic"  # not a number
    lines[2] = "," + lines[2].split(",", 1)[1]  # an empty cluster id
    (bad / "assessments.csv").write_text("\n".join(lines) + "\n")
    outputs = []
    for argv, status in [
        (["validate", str(bad)], 1),
        (["rank", "--format", "md"], 0),
        (["rank", "--weights", "3:2"], 2),
        (["rank", "--weights", "VI=-1,I=1,NSI=1"], 2),
        (["what-if", "--cluster", "nobody"], 2),
        (["what-if", "--cluster", "zelenograd"], 0),
        (["importance"], 0),
        (["weights"], 0),
        (["template", "--out", str(tmp_path / "x.txt")], 2),
        (["report", "-p", "draws=0", "--out", str(tmp_path / "r")], 2),
        (["report", "-p", "colour=red", "--out", str(tmp_path / "r")], 2),
    ]:
        out, err = output_of(capsys, *argv, "--lang", "ru", status=status)
        outputs.append(out + err)
    text = "\n".join(outputs)
    for path in (str(bad), str(tmp_path)):
        text = text.replace(path, " ")
    study = load_study()
    allowed = {
        *(w for cid in study.clusters.index for w in re.split(r"_", cid)),
        *study.clusters.index,
        *WEIGHT_SETS,
        *("baseline linear ecei rank validate what-if report template".split()),
        *("assessments clusters indicators published_results csv xlsx txt".split()),
        *("points cluster_id indicator_code missing zero error Python".split()),
        *("draws colour red briefing data_dir weights ties highlight".split()),
        *("output_dir language seed concentration top importance_method".split()),
        *("importance_target panel panel_concentration classification_panel".split()),
        *("VI I NSI L XXI abc nobody x md".split()),
    }
    words = {
        w
        for w in re.findall(r"[A-Za-z][A-Za-z0-9_-]*", text)
        if not any(ch.isdigit() for ch in w)  # codes such as A2, 1.1.0
    }
    unexpected = sorted(words - allowed)
    assert unexpected == [], (unexpected, text)
    assert "строка 2, столбец 'points': ожидалось число" in text


def test_a_looping_link_is_named_not_an_internal_error(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    _, err = output_of(capsys, "validate", "loop", status=1)
    assert "internal error" not in err and "1 problem in loop" in err
    _, err = output_of(capsys, "report", "-p", "data_dir=loop", "--out", "r", status=2)
    assert "parameter data_dir: loop: is a symbolic link that loops" in err
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["what-if", "--cluster", "zelenograd", "--top", "-5"], "top must be a whole"),
        (["what-if", "--cluster", "zelenograd", "--top", "0"], "top must be a whole"),
        (["importance", "--target", "-1:2:3"], "must be a finite number >= 0"),
    ],
)
def test_bad_counts_and_negative_values_are_refused_by_name(capsys, argv, message):
    _, err = output_of(capsys, *argv, status=2)
    assert message in err and "expected one argument" not in err


def test_explore_writes_the_offline_page_and_keeps_other_files(capsys, tmp_path):
    page = tmp_path / "page.html"
    code, _, err = run(
        capsys, "explore", "--html", str(page), "--weights", "5:2:1", "--ties", "dense"
    )
    assert code == 0 and "wrote" in err
    text = page.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in text and "5:2:1" in text
    code, _, err = run(capsys, "explore", "--html", str(page))  # its own: replaced
    assert code == 0 and "weights 3:2:1" in page.read_text(encoding="utf-8")
    mine = tmp_path / "mine.html"
    mine.write_text("my notes", encoding="utf-8")
    code, _, err = run(capsys, "explore", "--language", "ru", "--html", str(mine))
    assert code != 0 and "--html" in err and mine.read_text() == "my notes"
    code, _, err = run(capsys, "explore", "--html", str(mine), "--force")
    assert code == 0 and "SYNTHETIC" in mine.read_text(encoding="utf-8")
