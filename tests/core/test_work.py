import pytest

from ecei_analysis import EceiDataError, allow_long
from ecei_analysis.core.work import (
    WORK_LIMIT_SECONDS,
    check_work,
    format_duration,
    long_runs_allowed,
    show_progress,
)


def test_long_work_is_refused_unless_allowed(monkeypatch):
    monkeypatch.delenv("ECEI_ALLOW_LONG", raising=False)
    check_work(WORK_LIMIT_SECONDS - 1, "fine")
    with pytest.raises(EceiDataError, match=r"about 35\.0 h .*--allow-long"):
        check_work(35 * 3600, "SMAA with 10^12 draws")
    with allow_long():
        check_work(35 * 3600, "allowed")
    assert not long_runs_allowed()
    monkeypatch.setenv("ECEI_ALLOW_LONG", "1")
    check_work(35 * 3600, "allowed by the environment")


def test_progress_is_never_shown_inside_a_report(monkeypatch):
    monkeypatch.setenv("ECEI_REPORT", "1")
    assert not show_progress(1e6, True)
    monkeypatch.delenv("ECEI_REPORT")
    assert show_progress(0.1, True) and not show_progress(1e6, False)


def test_format_duration():
    assert [format_duration(s) for s in (1.234, 600, 7200)] == [
        "1.2 s",
        "10 min",
        "2.0 h",
    ]
