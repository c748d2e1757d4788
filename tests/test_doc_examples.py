"""The code examples in README.md and the package docstrings import names that exist.

Running the examples in full would take minutes (they plan with 20-60 s limits and simulate a
year), so this executes their import statements and checks that every attribute they call on
an imported module exists: the kind of mistake a renamed function leaves behind.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _blocks() -> list[tuple[str, str]]:
    out = []
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for k, code in enumerate(re.findall(r"```python\n(.*?)```", readme, flags=re.S)):
        out.append((f"README.md block {k + 1}", code))
    for pkg in ("optimizer", "app"):
        doc = importlib.import_module(pkg).__doc__ or ""
        for k, code in enumerate(re.findall(r"::\n\n((?:    .*\n?|\n)+)", doc)):
            lines = [ln[4:] for ln in code.splitlines()]
            out.append((f"{pkg}/__init__.py example {k + 1}", "\n".join(lines)))
    return out


def test_there_are_examples_to_check() -> None:
    names = [n for n, _ in _blocks()]
    assert any(n.startswith("README") for n in names) and any(n.startswith("optimizer") for n in names)


@pytest.mark.parametrize(("where", "code"), _blocks(), ids=[n for n, _ in _blocks()])
def test_example_imports_exist(where: str, code: str) -> None:
    tree = ast.parse(code)
    namespace: dict[str, object] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            exec(compile(ast.Module([node], []), where, "exec"), namespace)  # noqa: S102 - our own docs
    # module.attribute calls on imported modules (e.g. ``optimizer.solve``) must resolve too
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            target = namespace.get(node.value.id)
            if target is not None and type(target).__name__ == "module":
                assert hasattr(target, node.attr), f"{where}: {node.value.id}.{node.attr} does not exist"


def test_the_five_lines_of_python_run(monkeypatch, capsys) -> None:
    """README's analyst example end to end, with a 2 s limit instead of its 20 s."""
    code = next(c for n, c in _blocks() if n.startswith("README") and "SolveOptions(time_limit=" in c)
    code = re.sub(r"time_limit=\d+", "time_limit=2", code)
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own docs
    assert namespace["plan"].is_feasible()  # type: ignore[attr-defined]
    assert {"classes", "learners"} <= set(namespace["frames"])  # type: ignore[arg-type]
    assert capsys.readouterr().out.strip()
