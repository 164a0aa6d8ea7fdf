import os
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


# --- Output safety: every rule ----------------------------------------------------
import json  # noqa: E402

from ecei_analysis.core.files import MARKER, OutputFolder, write_owned_file  # noqa: E402


def build(folder, files, command="report"):
    with OutputFolder(folder, command=command).build() as work:
        for name, text in files.items():
            (work / name).write_text(text)


def test_a_new_or_empty_folder_is_filled_and_marked(tmp_path):
    build(tmp_path / "out", {"a.html": "1"})
    (tmp_path / "empty").mkdir()
    build(tmp_path / "empty", {"a.html": "1"})
    record = json.loads((tmp_path / "out" / MARKER).read_text())
    assert record["command"] == "report" and set(record["files"]) == {"a.html"}


def test_an_earlier_output_of_the_same_command_is_replaced_whole(tmp_path):
    build(tmp_path / "out", {"a.html": "1", "old.png": "x"})
    build(tmp_path / "out", {"a.html": "2"})
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [MARKER, "a.html"]
    assert (tmp_path / "out" / "a.html").read_text() == "2"


def test_another_commands_output_is_refused(tmp_path):
    build(tmp_path / "out", {"a.html": "1"}, command="figures")
    with pytest.raises(EceiDataError, match="'ecei report' did not write"):
        OutputFolder(tmp_path / "out", command="report")


def test_a_user_file_added_or_changed_in_the_output_blocks_the_replacement(tmp_path):
    build(tmp_path / "out", {"a.html": "1"})
    (tmp_path / "out" / "notes.txt").write_text("mine")
    with pytest.raises(
        EceiDataError, match=r"'notes\.txt', which 'ecei report' did not"
    ):
        OutputFolder(tmp_path / "out", command="report")
    (tmp_path / "out" / "notes.txt").unlink()
    (tmp_path / "out" / "a.html").write_text("edited by hand")
    with pytest.raises(EceiDataError, match=r"'a\.html'"):
        OutputFolder(tmp_path / "out", command="report")


def test_foreign_folders_files_and_odd_targets_are_refused(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "clusters.csv").write_text("x")
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(EceiDataError, match="did not write"):
        OutputFolder(tmp_path / "data", command="report")
    with pytest.raises(EceiDataError, match="is a file"):
        OutputFolder(tmp_path / "file.txt", command="report")
    monkeypatch.chdir(tmp_path / "data")
    for odd in (".", "..", "/"):
        with pytest.raises(EceiDataError, match="current folder or one of its parents"):
            OutputFolder(odd, command="report")
    for target in (tmp_path / "data", tmp_path / "data" / "sub", tmp_path):
        with pytest.raises(EceiDataError, match=r"overlaps the input data|current"):
            OutputFolder(target, command="report", inputs=[tmp_path / "data"])
    assert (tmp_path / "data" / "clusters.csv").read_text() == "x"


def test_a_failed_build_leaves_the_previous_output_and_no_temporary(tmp_path):
    build(tmp_path / "out", {"a.html": "1"})
    with pytest.raises(RuntimeError):
        with OutputFolder(tmp_path / "out", command="report").build() as work:
            (work / "a.html").write_text("half")
            raise RuntimeError("cell failed")
    assert (tmp_path / "out" / "a.html").read_text() == "1"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_single_files_are_replaced_only_when_ours_and_unchanged(tmp_path):
    path = tmp_path / "r.csv"
    write_owned_file(path, b"one", command="rank")
    write_owned_file(path, b"two", command="rank")
    assert path.read_bytes() == b"two"
    path.write_bytes(b"edited")
    with pytest.raises(EceiDataError, match="was not written by 'ecei rank'"):
        write_owned_file(path, b"three", command="rank")
    write_owned_file(path, b"three", command="rank", force=True)
    assert path.read_bytes() == b"three"
    with pytest.raises(EceiDataError, match="is a folder"):
        write_owned_file(tmp_path, b"x", command="rank")


def test_a_full_disk_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "a.xlsx"
    write_owned_file(path, b"filled workbook", command="template")
    real = os.fdopen

    def full(fd, *args, **kwargs):
        handle = real(fd, *args, **kwargs)

        class Full:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                handle.close()

            def write(self, data):
                raise OSError(28, "No space left on device")

        return Full()

    monkeypatch.setattr(os, "fdopen", full)
    with pytest.raises(OSError, match="No space left"):
        write_owned_file(path, b"new", command="template")
    assert path.read_bytes() == b"filled workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".a.xlsx.ecei-output",
        "a.xlsx",
    ]


def _process(finished: bool):
    """A process that has ended, or one that lives until its stdin closes."""
    import subprocess
    import sys

    if finished:
        proc = subprocess.Popen([sys.executable, "-c", ""])
        proc.wait()
        return proc
    code = "import sys; sys.stdin.read()"
    return subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE)


def test_a_second_run_into_the_same_folder_is_refused_while_the_first_lives(tmp_path):
    live = _process(finished=False)
    try:
        lock = tmp_path / ".out.lock"
        lock.write_text(json.dumps({"pid": live.pid, "command": "report"}))
        with pytest.raises(EceiDataError, match=rf"process {live.pid}\) is writing"):
            with OutputFolder(tmp_path / "out", command="report").build():
                pass
        assert lock.exists() and not (tmp_path / "out").exists()
    finally:
        live.stdin.close()
        live.wait()


def test_a_dead_runs_lock_and_build_folder_are_swept(tmp_path):
    dead = _process(finished=True)
    (tmp_path / ".out.lock").write_text(json.dumps({"pid": dead.pid, "command": "x"}))
    leftover = tmp_path / ".out.abc123"
    leftover.mkdir()
    (leftover / "half.png").write_bytes(b"half")
    with OutputFolder(tmp_path / "out", command="report").build() as work:
        (work / "a.txt").write_text("a")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert (tmp_path / "out" / "a.txt").read_text() == "a"
