import pytest

from ecei_analysis.core.environment import (
    inside_report,
    kernel_environment,
    long_runs_allowed_by_environment,
    static_output_requested,
)
from ecei_analysis.core.work import allow_long, long_runs_allowed


def test_nothing_is_set_in_this_process(monkeypatch):
    for name in ("ECEI_REPORT", "ECEI_STATIC", "ECEI_ALLOW_LONG"):
        monkeypatch.delenv(name, raising=False)
    assert not inside_report() and not static_output_requested()
    assert not long_runs_allowed_by_environment() and not long_runs_allowed()


@pytest.mark.parametrize("allowed", [False, True])
def test_the_kernel_environment_carries_the_report_settings(monkeypatch, allowed):
    monkeypatch.setenv("ECEI_ALLOW_LONG", "1")  # never leaks unless allowed now
    monkeypatch.setenv("SOMETHING_ELSE", "kept")
    env = kernel_environment(allow_long=allowed)
    assert env["ECEI_REPORT"] == "1" and env["ECEI_STATIC"] == "1"
    assert env["SOMETHING_ELSE"] == "kept"
    assert ("ECEI_ALLOW_LONG" in env) is allowed


def test_the_variables_are_read_in_a_kernel(monkeypatch):
    monkeypatch.setenv("ECEI_REPORT", "1")
    monkeypatch.setenv("ECEI_STATIC", "1")
    monkeypatch.setenv("ECEI_ALLOW_LONG", "1")
    assert inside_report() and static_output_requested() and long_runs_allowed()


def test_allow_long_is_scoped():
    with allow_long():
        assert long_runs_allowed()
    assert not long_runs_allowed()


def test_only_the_environment_module_reads_ecei_variables():
    """One module reads ECEI_* (the house rule); the others ask it."""
    from pathlib import Path

    import ecei_analysis

    package = Path(ecei_analysis.__file__).parent
    readers = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if '"ECEI_' in path.read_text(encoding="utf-8")
        or "'ECEI_" in path.read_text(encoding="utf-8")
    )
    assert readers == ["core/environment.py"]
