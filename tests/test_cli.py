import io
import json

import pandas as pd

from ecei_analysis.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_rank_csv_reproduces_published_record(capsys):
    code, out, _ = run(capsys, "rank", "--format", "csv")
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
