"""Safety and determinism: no eval/exec, confined outputs, one-line CLI errors."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from ecei_analysis import EceiDataError
from ecei_analysis.cli import main
from ecei_analysis.saving import confined_path, write_text_atomic

PACKAGE = Path(__file__).resolve().parent.parent / "ecei_analysis"


def test_no_eval_exec_or_unsafe_yaml_in_the_package():
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"eval", "exec", "compile"}, path
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if (
                    node.func.attr in {"load", "unsafe_load"}
                    and getattr(node.func.value, "id", "") == "yaml"
                ):
                    keywords = {k.arg: ast.unparse(k.value) for k in node.keywords}
                    assert keywords.get("Loader") in {
                        "yaml.BaseLoader",
                        "yaml.SafeLoader",
                    }, path


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
    import ecei_analysis.cli as cli

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "ranking_table", broken)
    assert main(["rank"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error: RuntimeError: boom" in err
