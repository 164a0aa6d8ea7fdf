from pathlib import Path

import pytest

from ecei_analysis import EceiDataError
from ecei_analysis.core.files import confined_path, write_text_atomic

PACKAGE = Path(__file__).resolve().parent.parent / "ecei_analysis"


@pytest.mark.parametrize("bad", ["../escape", "a/../../escape", "/etc/passwd"])
def test_confined_path_rejects_escapes(tmp_path, bad):
    with pytest.raises(EceiDataError):
        confined_path(tmp_path, bad)
    assert (
        confined_path(tmp_path, "figures/a.png")
        == (tmp_path / "figures/a.png").resolve()
    )


def test_atomic_write_leaves_old_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    write_text_atomic(target, "old\n")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OSError):
        write_text_atomic(target, "new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
