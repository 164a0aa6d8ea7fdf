import ast
from pathlib import Path

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
                        *_base_loader_subclasses(tree),
                    }, path


def _base_loader_subclasses(tree) -> set[str]:
    """Classes of the module deriving from yaml.BaseLoader (every value text)."""
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        and any(ast.unparse(base) == "yaml.BaseLoader" for base in node.bases)
    }
