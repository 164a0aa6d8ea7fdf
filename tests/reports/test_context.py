import pytest

from ecei_analysis import EceiDataError
from ecei_analysis.reports.context import ReportContext


def test_parameters_are_checked_and_named():
    with pytest.raises(EceiDataError, match="parameter language: language 'fr'"):
        ReportContext(language="fr")
    with pytest.raises(EceiDataError, match="parameter ties: ties='average' is not"):
        ReportContext(ties="average")
    with pytest.raises(EceiDataError, match="'nowhere' is not a cluster id or name"):
        ReportContext(highlight="nowhere")
    with pytest.raises(EceiDataError, match="escapes the output folder"):
        ReportContext(output_dir="../x")


def test_context_resolves_names_and_weights():
    ctx = ReportContext(weights="1:1:0", highlight="Zelenograd, innokam")
    assert ctx.highlight == ["zelenograd", "innokam"]
    assert ctx.weights_text == "1:1:0"
    assert ctx.leaders(2) == list(ctx.ahead.sort_values(kind="stable").index[:2])
    values = ctx.scale_values()
    assert values["maximum"] == "1,160" and values["rule"] == "min"


def test_warnings_go_to_the_record_not_into_the_report(capsys):
    import warnings

    saved = warnings.showwarning
    try:
        ctx = ReportContext(language="ru")
        for _ in range(2):  # the same warning twice is recorded once
            warnings.warn("overflow in /home/x.py", RuntimeWarning, stacklevel=1)
        assert capsys.readouterr().err == ""  # nothing printed
        record = ctx.provenance().iloc[:, 0]
        notes = [v for k, v in record.items() if k == "предупреждение"]
        assert notes == ["RuntimeWarning: overflow in /home/x.py"]
    finally:
        warnings.showwarning = saved


def test_the_record_names_input_files_without_their_folders(tmp_path):
    from ecei_analysis.core.resources import bundled_data_dir

    ctx = ReportContext(data_dir=str(bundled_data_dir()))
    record = ctx.provenance().iloc[:, 0]
    assert record["parameter: data_dir"] == '"data"'
    assert not any(str(bundled_data_dir()) in str(v) for v in record)


def test_a_long_table_is_shown_in_part_and_written_whole(tmp_path, monkeypatch):
    import pandas as pd

    from ecei_analysis.reports.display import MAX_TABLE_ROWS

    monkeypatch.chdir(tmp_path)
    ctx = ReportContext()
    shown_blocks = []
    monkeypatch.setattr(ctx, "_emit", shown_blocks.append)
    n = MAX_TABLE_ROWS + 5
    frame = pd.DataFrame({"vote": range(1, n + 1), "participant": ["=cmd"] * n})
    ctx.table(frame, "votes", source="votes.csv")
    (shown,) = shown_blocks
    assert f"The first {MAX_TABLE_ROWS} of {n} rows are shown" in shown
    assert "the whole table is in tables/votes.csv" in shown
    whole = pd.read_csv(tmp_path / "tables" / "votes.csv")
    assert len(whole) == n and whole["participant"][0] == "'=cmd"  # never a formula


@pytest.mark.slow  # a page-writing process
def test_an_explorer_page_started_early_is_written_once_and_linked_where_asked(
    tmp_path, monkeypatch
):
    from ecei_analysis.reports import page_process

    monkeypatch.chdir(tmp_path)
    ctx = ReportContext()
    shown_blocks, started = [], []
    monkeypatch.setattr(ctx, "_emit", shown_blocks.append)
    start = page_process.start_explorer_page

    def counted(*args, **kwargs):
        started.append(args[1])
        return start(*args, **kwargs)

    monkeypatch.setattr(page_process, "start_explorer_page", counted)
    ctx.start_explorer_page()
    assert started == [tmp_path / "explorer.html"] and shown_blocks == []
    ctx.explorer_page()  # announces the page being written; starts nothing
    assert len(started) == 1
    (link,) = shown_blocks
    assert '<a href="explorer.html">explorer.html</a>' in link
    ctx.finish()
    assert (tmp_path / "explorer.html").read_text().startswith("<!DOCTYPE html>")
    ctx.explorer_page("other.html")  # a page of its own name starts
    assert started[-1] == tmp_path / "other.html" and len(shown_blocks) == 2
    ctx.finish()
