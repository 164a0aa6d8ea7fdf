import numpy as np
import pandas as pd
import pytest

from ecei_analysis import EceiDataError
from ecei_analysis.core.resources import bundled_data_dir
from ecei_analysis.data.panel_votes import (
    Panel,
    form_from_text,
    is_panel_file,
    load_panel,
    vote_region,
)
from ecei_analysis.data.problems import collect_problems

HEADER = "participant,form,very_important,important,not_so_important\n"


def write(tmp_path, text, name="votes.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_the_three_forms_stand_for_the_right_weightings(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "Ann,weights,3,2,1\nBo,points,50,30,20\nCy,ranks,1,2,3\nDi,ranks,1,1,2\n",
    )
    panel = load_panel(path)
    assert panel.participants == ["Ann", "Bo", "Cy", "Di"]
    assert panel.form_counts() == {"weights": 1, "points": 1, "ranks": 2}
    expected = np.array(
        [
            [3 / 6, 2 / 6, 1 / 6],
            [0.5, 0.3, 0.2],
            [11 / 18, 5 / 18, 2 / 18],  # rank-order centroid
            [5 / 12, 5 / 12, 1 / 6],  # centre of the segment w_VI = w_I >= w_NSI
        ]
    )
    np.testing.assert_allclose(panel.weights.to_numpy(), expected, atol=1e-15)
    np.testing.assert_array_equal(panel.votes.loc["Di"].to_numpy(), [1, 1, 2])
    assert panel.provenance == "unknown" and not panel.synthetic


def test_a_ranking_stands_for_its_ordered_region():
    region = vote_region(np.array([2.0, 1.0, 2.0]), "ranks")
    # Important first, the two others tied below it.
    np.testing.assert_allclose(region, [[0, 1, 0], [1 / 3, 1 / 3, 1 / 3]])
    np.testing.assert_allclose(
        vote_region(np.array([1.0, 1.0, 1.0]), "ranks"), [[1 / 3, 1 / 3, 1 / 3]]
    )
    # Any rank numbers in the same order stand for the same region.
    np.testing.assert_allclose(
        vote_region(np.array([1.0, 3.0, 3.0]), "ranks"),
        vote_region(np.array([1.0, 2.0, 2.0]), "ranks"),
    )


def test_headers_forms_and_classes_read_in_russian(tmp_path):
    text = (
        "участник;способ;очень важные;важные;не очень важные\n"
        "Иванов;баллы;50;30;20\nПетров;ранги;1;2;2\n"
    )
    path = write(tmp_path, text, encoding="cp1251")
    panel = load_panel(path)
    assert panel.participants == ["Иванов", "Петров"]
    assert list(panel.forms) == ["points", "ranks"]
    assert form_from_text(" Веса ") == "weights"


def test_form_for_the_whole_file(tmp_path):
    path = write(tmp_path, "participant,very_important,important\nAnn,2,1\n")
    panel = load_panel(path, form="weights", classes=["very_important", "important"])
    assert panel.classes == ["very_important", "important"]
    with pytest.raises(EceiDataError, match="say which form"):
        load_panel(path)
    both = write(tmp_path, HEADER + "Ann,weights,1,1,1\n", "both.csv")
    with pytest.raises(EceiDataError, match="state the form once"):
        load_panel(both, form="weights")


@pytest.mark.parametrize(
    ("rows", "message", "row", "column"),
    [
        (
            "Ann,weights,1,1,1\nAnn,points,50,30,20\n",
            r"voted twice \(first at row 2\)",
            3,
            "participant",
        ),
        (",weights,1,1,1\n", "empty cell", 2, "participant"),
        ("Ann,votes,1,1,1\n", "unknown form 'votes'", 2, "form"),
        ("Ann,weights,-1,1,1\n", "outside the allowed range", 2, "very_important"),
        ("Ann,weights,a lot,1,1\n", "a lot", 2, "very_important"),
        ("Ann,weights,1,,1\n", "empty cell", 2, "important"),
        ("Ann,weights,0,0,0\n", "every weight is 0", 2, None),
        ("Ann,points,50,30,15\n", "add up to 95; expected 100", 2, None),
        (
            "Ann,ranks,1,2,4\n",
            "rank 4 is not a whole number from 1 to 3",
            2,
            "not_so_important",
        ),
        ("Ann,ranks,1,1.5,2\n", "rank 1.5", 2, "important"),
        ("Ann,ranks,0,1,2\n", "rank 0", 2, "very_important"),
    ],
)
def test_bad_votes_are_located(tmp_path, rows, message, row, column):
    path = write(tmp_path, HEADER + rows)
    with pytest.raises(EceiDataError, match=message) as info:
        load_panel(path)
    assert info.value.row == row
    assert info.value.column == column
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            "participant,form,very_important,important,urgency\n",
            "unknown column 'urgency'",
        ),
        (
            "participant,form,very_important,very important,important,not_so_important\n",
            "two columns stand for 'very_important'",
        ),
        ("form,very_important,important,not_so_important\n", "missing column"),
        ("participant,form,very_important\n", "at least two"),
    ],
)
def test_bad_headers_are_refused(tmp_path, header, message):
    width = header.count(",") + 1
    path = write(tmp_path, header + ",".join(["1"] * width) + "\n")
    with pytest.raises(EceiDataError, match=message) as info:
        load_panel(path)
    assert info.value.row == 1


def test_a_class_the_study_lacks_is_refused(tmp_path):
    path = write(tmp_path, HEADER + "Ann,weights,1,1,1\n")
    with pytest.raises(EceiDataError, match="which the study does not have"):
        load_panel(path, classes=["very_important", "important"])
    two = write(
        tmp_path,
        "participant,form,very_important,important\nA,weights,1,1\n",
        "two.csv",
    )
    with pytest.raises(EceiDataError, match=r"missing column.*not_so_important"):
        load_panel(two, classes=["very_important", "important", "not_so_important"])


def test_every_problem_is_collected(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "Ann,weights,1,1,1\nAnn,points,50,30,15\nBo,ranks,1,5,2\n,weights,x,1,1\n",
    )
    panel, problems = collect_problems(load_panel, path)
    assert panel is None
    found = sorted((p.row, p.column or "") for p in problems)
    assert found == [
        (3, ""),  # points add up to 95
        (3, "participant"),  # Ann twice
        (4, "important"),  # rank 5
        (5, "participant"),  # empty name
        (5, "very_important"),  # x
    ]


def test_hostile_names_and_comments_stay_text(tmp_path):
    evil = ['=HYPERLINK("http://x","y")', "<script>alert(1)</script>", "@SUM(1)"]
    rows = "".join(f'"{e.replace(chr(34), chr(34) * 2)}",weights,1,1,1\n' for e in evil)
    path = write(tmp_path, HEADER + rows)
    panel = load_panel(path)
    assert panel.participants == evil


def test_the_bundled_demonstration_votes_are_synthetic():
    path = bundled_data_dir() / "demo_panel.csv"
    panel = load_panel(path)
    assert panel.synthetic and panel.provenance == "synthetic"
    assert len(panel.participants) == 9
    assert all("synthetic" in p for p in panel.participants)
    assert panel.form_counts() == {"weights": 4, "points": 3, "ranks": 2}
    assert is_panel_file(path)
    assert not is_panel_file(bundled_data_dir() / "clusters.csv")


def test_panel_is_a_plain_container():
    votes = pd.DataFrame(
        [[1.0, 3.0]], index=["A"], columns=["very_important", "important"]
    )
    panel = Panel(votes, pd.Series(["weights"], index=votes.index))
    np.testing.assert_allclose(panel.weights.to_numpy(), [[0.25, 0.75]])


def _xlsx(path, rows, *, hide_votes=False, formula=None):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "votes"
    for row in rows:
        ws.append(row)
    if formula:
        ws[formula[0]] = formula[1]
    if hide_votes:
        wb.create_sheet("other").append(["participant", "form", "very_important"])
        ws.sheet_state = "hidden"
    wb.save(path)
    return path


HEAD = ["participant", "form", "very_important", "important", "not_so_important"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda p: p.write_bytes(b"\x00\x01\x02PK\x03\x04" * 50),
            "binary|not text|UTF",
        ),
        (lambda p: p.write_bytes(b""), "empty"),
        (
            lambda p: p.write_bytes(
                (HEADER + "Аня,weights,1,1,1\nБорис,weights,1,1,1\n").encode("utf-8")
                + b"Bo\xff,weights,1,1,1\n"
            ),
            "byte",
        ),
        (
            lambda p: p.write_text(HEADER + "A" * 20_000 + ",weights,1,1,1\n"),
            "characters",
        ),
        (lambda p: p.write_text(HEADER + "Ann,weights,1,1,1,1\n"), "6 field"),
        (
            lambda p: p.write_text(
                HEADER.replace(",", "\t") + "Ann\tweights\t1,015\t1\t1\n"
            ),
            "comma groups thousands",
        ),
    ],
)
def test_hostile_panel_files_meet_the_same_guards(tmp_path, make, message):
    path = tmp_path / "votes.csv"
    make(path)
    with pytest.raises(EceiDataError, match=message) as info:
        load_panel(path)
    assert str(path) in str(info.value)


def test_decimal_commas_and_semicolons_are_read(tmp_path):
    path = write(
        tmp_path,
        HEADER.replace(",", ";") + "Ann;points;33,3;33,3;33,4\n",
    )
    np.testing.assert_allclose(load_panel(path).votes.to_numpy(), [[33.3, 33.3, 33.4]])


def test_hostile_workbooks_meet_the_same_guards(tmp_path):
    formula = _xlsx(
        tmp_path / "f.xlsx",
        [HEAD, ["Ann", "weights", 1, 1, 1]],
        formula=("C2", "=1+1"),
    )
    with pytest.raises(EceiDataError, match="formula '=1\\+1' in cell C2"):
        load_panel(formula)
    hidden = _xlsx(
        tmp_path / "h.xlsx", [HEAD, ["Ann", "weights", 1, 1, 1]], hide_votes=True
    )
    # The hidden votes sheet is never read; the visible one has no votes.
    with pytest.raises(EceiDataError, match="sheet 'other': the table has a header"):
        load_panel(hidden)
