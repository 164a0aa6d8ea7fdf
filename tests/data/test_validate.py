import shutil

import pytest

from ecei_analysis import EceiDataError, load_study
from ecei_analysis.cli import main
from ecei_analysis.data.validate import validate_paths


def test_validate_reports_every_seeded_problem(small_dir, capsys):
    (small_dir / "assessments.csv").write_text(
        "cluster_id,indicator_code,points,provenance\n"
        "x,A1,8,synthetic\n"
        "x,A2,five,synthetic\n"  # row 3: not a number
        "x,B1,12,synthetic\n"
        "x,B2,10,synthetic\n"
        "y,A1,2,synthetic\n"
        "y,A2,11,synthetic\n"  # row 7: over max 10
        "y,B1,10,invented\n"  # row 8: bad provenance
        "y,B2,15,synthetic\n"
        "w,A1,10,synthetic\n"  # row 10: unknown cluster
        "z,A1,10,synthetic\n"
        "z,A1,1,synthetic\n"  # row 12: duplicate
        "z,B1,20,synthetic\n"
        "z,B2,-4,synthetic\n",  # row 14: negative; z/A2 missing
        encoding="utf-8",
    )
    (small_dir / "clusters.csv").write_text(
        "cluster_id,name\nx,Cluster X\ny,Cluster Y\nz,Cluster Z\nz,Again\n"
    )  # row 5 dup
    code = main(["validate", str(small_dir)])
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    expected = [
        "clusters.csv, row 5, column 'cluster_id': duplicate cluster id 'z'",
        "assessments.csv, row 3, column 'points': expected a number, got 'five'",
        "assessments.csv, row 7, column 'points': value '11' is outside",
        "assessments.csv, row 8, column 'provenance': provenance 'invented'",
        "assessments.csv, row 10, column 'cluster_id': unknown cluster id 'w'",
        "assessments.csv, row 12, column 'indicator_code': duplicate points",
        "assessments.csv, row 14, column 'points': value '-4' is outside",
        "1 cluster/indicator pair(s) have no points: z / A2",
    ]
    for fragment in expected:
        assert sum(fragment in line for line in lines) == 1, (fragment, lines)
    assert len(lines) == len(expected)
    assert code == 1 and "8 problems in " in err


def test_validate_clean_and_single_files(capsys):
    from ecei_analysis.core.resources import bundled_data_dir

    data = bundled_data_dir()
    assert main(["validate", str(data)]) == 0
    assert "no problems found" in capsys.readouterr().err
    files = [str(data / "assessments.csv"), str(data / "indicators.csv")]
    assert main(["validate", *files]) == 0


def test_loader_stops_at_first_problem_with_same_message(small_dir):
    (small_dir / "assessments.csv").write_text(
        "cluster_id,indicator_code,points\nx,A1,five\nx,A2,99\n"
    )
    with pytest.raises(EceiDataError) as info:
        load_study(small_dir)
    problems = validate_paths([small_dir])
    assert str(problems[0]) == str(info.value)
    assert len(problems) > 1


def _bundled_copy(folder, keep=None, published=None):
    import pandas as pd

    from ecei_analysis.core.resources import bundled_data_dir

    shutil.copytree(bundled_data_dir(), folder)
    for name in ("assessments", "clusters", "published_results"):
        table = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
        ids = keep if name != "published_results" else (published or keep)
        if ids is not None:
            table = table[table["cluster_id"].isin(ids)]
        table.to_csv(folder / f"{name}.csv", index=False)
    return folder


def test_validate_names_the_published_clusters_a_study_lacks(capsys, tmp_path):
    data = _bundled_copy(tmp_path / "four", keep=["innokam", "zelenograd", "sarov"])
    assert main(["validate", str(data)]) == 0
    err = capsys.readouterr().err
    assert "The data hold only INNOKAM and Zelenograd of the clusters whose " in err
    assert "(Tomsk and Kaluga missing)" in err and "no problems found" in err


def test_validate_says_when_the_published_table_leaves_some_out(capsys, tmp_path):
    data = _bundled_copy(tmp_path / "all", published=["tomsk", "zelenograd"])
    assert main(["validate", str(data)]) == 0
    err = capsys.readouterr().err
    assert "The data reproduce the 2 published totals and their order" in err
    assert "leave out Kaluga and INNOKAM of the four 2015 totals" in err


def test_validate_notes_the_whole_record_and_its_absence(capsys, tmp_path):
    from ecei_analysis.core.resources import bundled_data_dir

    assert main(["validate", str(bundled_data_dir())]) == 0
    assert "reproduce the 4 published totals" in capsys.readouterr().err
    data = _bundled_copy(tmp_path / "none")
    (data / "published_results.csv").unlink()
    assert main(["validate", str(data)]) == 0
    assert "give no published results" in capsys.readouterr().err


def test_validate_checks_the_votes_in_a_study_folder_and_says_what_it_did(
    capsys, tmp_path
):
    from ecei_analysis.core.resources import (
        bundled_classification_panel_file,
        bundled_panel_file,
    )

    data = _bundled_copy(tmp_path / "study")
    shutil.copy(bundled_panel_file(), data / "votes.csv")
    text = bundled_classification_panel_file().read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[1] = lines[1].replace("important", "extremely important", 1)
    (data / "experts.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (data / "notes.csv").write_text("anything\n", encoding="utf-8")
    assert main(["validate", str(data)]) == 1
    out, err = capsys.readouterr()
    assert "experts.csv, row 2" in out and "extremely important" in out
    assert "checked " + str(data / "votes.csv") in err or "votes.csv: a panel's" in err
    assert "experts.csv: the experts' votes on the classes" in err
    assert "skipped" in err and "notes.csv" in err


def test_the_experts_sheet_is_checked_against_the_framework_given(capsys, tmp_path):
    """Given with a study folder, the experts' sheet is read against its indicators."""
    from ecei_analysis.core.resources import bundled_classification_panel_file

    data = _bundled_copy(tmp_path / "study")
    indicators = (data / "indicators.csv").read_text(encoding="utf-8").splitlines()
    (data / "indicators.csv").write_text(
        "\n".join(indicators[:-1]) + "\n", encoding="utf-8"
    )  # one indicator fewer: the bundled sheet has a row too many for it
    drop = indicators[-1].split(",")[0]
    assessments = (data / "assessments.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in assessments if f",{drop}," not in line]
    (data / "assessments.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    sheet = tmp_path / "experts.csv"
    shutil.copy(bundled_classification_panel_file(), sheet)
    assert main(["validate", str(sheet), str(data)]) == 1
    out = capsys.readouterr().out
    assert f"{drop!r} is not an indicator of the framework" in out


def test_a_bad_cell_does_not_change_what_kind_of_file_it_is(capsys, tmp_path):
    """A formula in a participant cell is a bad cell of a panel's votes."""
    from openpyxl import load_workbook

    path = tmp_path / "votes.xlsx"
    assert main(["template", "--panel", "--out", str(path)]) == 0
    wb = load_workbook(path)
    ws = wb.worksheets[1]
    for row, name in ((2, "=1+1"), (3, "Bob")):
        ws.cell(row, 1).value = name
        ws.cell(row, 2).value = "weights"
        for column in (3, 4, 5):
            ws.cell(row, column).value = 1
    wb.save(path)
    capsys.readouterr()
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "column 'participant': formula '=1+1'" in out
    assert "a panel's votes" in err and "assessments" not in out
