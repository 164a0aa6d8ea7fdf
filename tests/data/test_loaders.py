import pandas as pd
import pytest
from openpyxl import Workbook

from ecei_analysis import EceiDataError, class_points, load_classification, load_study


def _rewrite(folder, name, text, encoding="utf-8"):
    (folder / name).write_bytes(text.encode(encoding))


def test_bundled_study_shape_and_provenance():
    study = load_study()
    assert study.points.shape == (19, 29)
    assert study.is_synthetic
    assert study.provenance["assessments"] == "synthetic"
    assert study.provenance["published"] == "published"
    assert set(study.provenance["clusters"].split("+")) == {"assumed", "published"}
    assert len(study.files) == 4 and all(len(h) == 64 for h in study.files.values())
    assert (study.points.to_numpy() <= study.indicators["max_points"].to_numpy()).all()


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "assessments.csv",
            "x,A1,8,",
            "q,A1,8,",
            r"assessments.csv, row 2, column 'cluster_id': unknown cluster id 'q'",
        ),
        (
            "assessments.csv",
            "x,A2,5,",
            "x,A9,5,",
            r"row 3, column 'indicator_code': unknown indicator code 'A9'",
        ),
        (
            "assessments.csv",
            "x,A2,5,",
            "x,A1,5,",
            r"row 3, column 'indicator_code': duplicate points .* \(first at row 2\)",
        ),
        ("assessments.csv", "x,A1,8,", "x,A1,,", r"row 2, column 'points': empty cell"),
        (
            "assessments.csv",
            "x,A1,8,",
            "x,A1,eight,",
            r"row 2, column 'points': expected a number, got 'eight'",
        ),
        (
            "assessments.csv",
            "x,A1,8,",
            "x,A1,11,",
            r"row 2, column 'points': value '11' is outside the allowed range \[0, 10\]",
        ),
        (
            "assessments.csv",
            "x,A1,8,",
            "x,A1,-1,",
            r"row 2, column 'points': .*outside the allowed range",
        ),
        (
            "assessments.csv",
            "x,A1,8,",
            "x,A1,nan,",
            r"row 2, column 'points': expected a finite number",
        ),
        (
            "assessments.csv",
            "x,A1,8,",
            "x,A1,inf,",
            r"row 2, column 'points': expected a finite number",
        ),
        (
            "assessments.csv",
            "x,A1,8,synthetic",
            "x,A1,8,made-up",
            r"row 2, column 'provenance': provenance 'made-up'",
        ),
        (
            "indicators.csv",
            "A2,Beta,1,10,important",
            "A2,Beta,1,10,crucial",
            r"indicators.csv, row 3, column 'significance_class': unknown significance class 'crucial'",
        ),
        (
            "indicators.csv",
            "A2,Beta,1,10,",
            "A1,Beta,1,10,",
            r"indicators.csv, row 3, column 'code': duplicate indicator code 'A1'",
        ),
        (
            "indicators.csv",
            "A2,Beta,1,10,",
            "A2,Beta,1,0,",
            r"row 3, column 'max_points': max_points must be > 0",
        ),
        (
            "clusters.csv",
            "y,Cluster Y",
            "x,Cluster Y",
            r"clusters.csv, row 3, column 'cluster_id': duplicate cluster id 'x'",
        ),
        (
            "clusters.csv",
            "y,Cluster Y",
            "y,",
            r"clusters.csv, row 3, column 'name': empty cell",
        ),
        (
            "published_results.csv",
            "y,36,1",
            "w,36,1",
            r"published_results.csv, row 2, column 'cluster_id': unknown cluster id 'w'",
        ),
        (
            "published_results.csv",
            "y,36,1",
            "y,36,1.5",
            r"column 'place': expected a whole place number",
        ),
        (
            "assessments.csv",
            "cluster_id,indicator_code,points",
            "cluster_id,indicator_code,score",
            r"row 1: missing column\(s\) 'points'",
        ),
    ],
)
def test_bad_input_names_file_row_column(small_dir, file, old, new, expected):
    text = (small_dir / file).read_text(encoding="utf-8")
    assert old in text
    _rewrite(small_dir, file, text.replace(old, new, 1))
    with pytest.raises(EceiDataError, match=expected):
        load_study(small_dir)


def test_missing_indicator_is_an_error_by_default_and_zero_on_opt_in(small_dir):
    text = (small_dir / "assessments.csv").read_text()
    _rewrite(small_dir, "assessments.csv", text.replace("z,B2,4,synthetic\n", ""))
    with pytest.raises(
        EceiDataError, match=r"1 cluster/indicator pair\(s\) have no points: z / B2"
    ):
        load_study(small_dir)
    study = load_study(small_dir, missing="zero")
    assert study.filled == (("z", "B2"),)
    assert class_points(study).loc["z", "important"] == 1


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1251"])
def test_russian_excel_csv_variants(small_dir, encoding):
    # ';' separators, decimal commas, Cyrillic names, stray whitespace.
    _rewrite(
        small_dir,
        "clusters.csv",
        "cluster_id;name;provenance\nx; Кластер Икс ;assumed\ny;Cluster Y;assumed\n"
        "z;Cluster Z;assumed\n",
        encoding,
    )
    text = (small_dir / "assessments.csv").read_text().replace(",", ";")
    text = text.replace("x;A1;8;", "x;A1; 7,5 ;")
    _rewrite(small_dir, "assessments.csv", text, encoding)
    study = load_study(small_dir)
    assert study.clusters.loc["x", "name"] == "Кластер Икс"
    assert study.points.loc["x", "A1"] == 7.5


def test_xlsx_assessments_equal_csv(small_dir):
    csv_study = load_study(small_dir)
    frame = pd.read_csv(small_dir / "assessments.csv")
    wb = Workbook()
    ws = wb.active
    ws.title = "assessments"
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        ws.append(list(row))
    (small_dir / "assessments.csv").unlink()
    wb.save(small_dir / "assessments.xlsx")
    xlsx_study = load_study(small_dir)
    pd.testing.assert_frame_equal(csv_study.points, xlsx_study.points)


def test_both_csv_and_xlsx_is_ambiguous(small_dir):
    Workbook().save(small_dir / "clusters.xlsx")
    with pytest.raises(EceiDataError, match=r"both clusters\.csv and clusters\.xlsx"):
        load_study(small_dir)


def test_alternative_classification(small_dir, tmp_path):
    study = load_study(small_dir)
    path = tmp_path / "alt.csv"
    path.write_text(
        "code,significance_class\nA1,important\nA2,important\nB1,very_important\n"
        "B2,not_so_important\n"
    )
    alt = load_classification(path, study.indicators)
    points = class_points(study, alt)
    assert points.loc["x"].to_dict() == {
        "very_important": 12,
        "important": 13,
        "not_so_important": 10,
    }
    path.write_text("code,significance_class\nA1,important\n")
    with pytest.raises(EceiDataError, match="no class for indicator"):
        load_classification(path, study.indicators)
