"""The package's shape: layers, no cycles, no private imports, a light start."""

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ecei_analysis as ea

PACKAGE = Path(ea.__file__).resolve().parent
HEAVY = ("matplotlib", "seaborn", "mpltern", "papermill", "nbconvert", "scipy.stats")


def test_every_public_name_resolves_and_is_listed():
    assert "explore" in dir(ea) and len(ea.__all__) == len(set(ea.__all__))
    for name in ea.__all__:
        assert getattr(ea, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        ea.nope  # noqa: B018


def _modules_after(code: str) -> list[str]:
    script = (
        "import sys, io, contextlib, json\n"
        + code
        + "\nprint(json.dumps([m for m in "
        + repr(HEAVY)
        + " if m in sys.modules]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.slow
def test_import_does_not_load_plotting_or_reports():
    assert _modules_after("import ecei_analysis; ecei_analysis.load_study") == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["--version"],
        ["rank"],
        ["rank", "--format", "csv"],
        ["validate", "{data}"],
        ["template", "--out", "{tmp}/t.xlsx"],
        ["what-if", "--cluster", "zelenograd", "--rival", "innokam"],
        ["weights"],
        ["importance"],
        ["template", "--panel", "--out", "{tmp}/v.xlsx"],
    ],
)
def test_light_commands_import_no_plotting_or_report_stack(argv, tmp_path):
    from ecei_analysis.core.resources import bundled_data_dir

    argv = [a.format(data=bundled_data_dir(), tmp=tmp_path) for a in argv]
    code = (
        "from ecei_analysis.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), "
        "contextlib.redirect_stderr(io.StringIO()):\n"
        "    try:\n"
        f"        code = main({argv!r})\n"
        "    except SystemExit as exc:\n"
        "        code = exc.code\n"
        "assert code == 0, code"
    )
    assert _modules_after(code) == []


@pytest.mark.slow
def test_import_linter_contracts_are_kept():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.skip("import-linter is not installed")
    result = subprocess.run([lint], capture_output=True, text=True, cwd=PACKAGE.parent)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "0 broken" in result.stdout


def test_no_import_cycles():
    import grimp

    graph = grimp.build_graph("ecei_analysis")
    modules = sorted(graph.modules)
    edges = {m: graph.find_modules_directly_imported_by(m) for m in modules}
    state: dict[str, int] = {}

    def visit(module, stack):
        state[module] = 1
        for nxt in edges.get(module, ()):
            if state.get(nxt) == 1:
                raise AssertionError(" -> ".join([*stack, module, nxt]))
            if nxt not in state:
                visit(nxt, [*stack, module])
        state[module] = 2

    for module in modules:
        if module not in state:
            visit(module, [])


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_module_imports_another_modules_private_names():
    """No private name, and no private module of another subpackage."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        here = _module_name(path)
        package = here if path.name == "__init__.py" else here.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            if not source.startswith("ecei_analysis") or source == here:
                continue
            private = [p for p in source.split(".")[1:] if p.startswith("_")]
            if private and private != ["_version"]:
                if source.split(".")[:2] != here.split(".")[:2]:
                    offenders.append(f"{here} imports the private module {source}")
            for alias in node.names:
                # _ and N_ are gettext's names, not private ones.
                if alias.name.startswith("_") and alias.name not in {
                    "__version__",
                    "_",
                }:
                    offenders.append(f"{here} imports {source}.{alias.name}")
    assert offenders == []


def test_subpackages_mirror_the_tests():
    """Every module with logic has a test module of the same stage and name."""
    tests = Path(__file__).resolve().parent
    missing = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if path.name.startswith("_") or (
            rel.parts[0] == "core"
            and path.stem
            in {
                "defaults",
                "vocabulary",
                "versions",
            }
        ):
            continue
        expected = tests.joinpath(*rel.parts[:-1], f"test_{path.stem}.py")
        if not expected.exists():
            missing.append(str(rel))
    assert missing == [], missing


def test_every_public_name_has_an_api_page():
    """docs/api.rst lists every name of ``ecei_analysis.__all__`` (and no other)."""
    import re

    api = PACKAGE.parent / "docs" / "api.rst"
    if not api.exists():  # an installed wheel carries no docs
        pytest.skip("docs/ is not part of this installation")
    listed = re.findall(r"^   (\w+)$", api.read_text(encoding="utf-8"), re.M)
    assert sorted(listed) == sorted(n for n in ea.__all__ if n != "__version__")
