"""The import graph: no module cycle anywhere, scripts on top, test modules apart.

`lint-imports` (run by `make test`, contracts in pyproject.toml) checks the layers and that no
two siblings of a package import each other. This test walks the module graph itself (grimp,
the graph import-linter reads; imports under `if TYPE_CHECKING:` count), so a cycle between
any two modules fails here too, and shows on a planted package that it can fail. app.py,
serve.py and pages/ are scripts, not packages, so the contracts cannot see them: they are
read with `ast` here. Test modules import neither a conftest (fixtures reach tests through
pytest) nor another test module: shared helpers live in support modules.
"""
from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import grimp
import pytest

from conventions.paths import ROOT

PACKAGES = ("conventions", "publish", "etl", "qogam", "deploy", "harness", "bench", "tests")
SCRIPTS = [ROOT / "app.py", ROOT / "serve.py", *sorted((ROOT / "pages").glob("*.py"))]
# What the scripts (the top layer) may not import: the pipeline, and harness, benchmark or test code.
NOT_FOR_SCRIPTS = ("etl", "harness", "bench", "tests")


def cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected components of more than one module (or a module importing itself),
    found with Tarjan's algorithm (iterative, so a deep graph cannot exhaust the stack)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, targets = work[-1]
            step = next(targets, None)
            if step is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[module])
                if low[module] == index[module]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == module:
                            break
                    if len(component) > 1 or module in graph.find_modules_directly_imported_by(module):
                        found.append(sorted(component))
            elif step not in index:
                index[step] = low[step] = len(index)
                stack.append(step)
                on_stack.add(step)
                work.append((step, iter(sorted(graph.find_modules_directly_imported_by(step)))))
            elif step in on_stack:
                low[module] = min(low[module], index[step])
    return found


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports (absolute imports; the scripts and tests use no relative ones)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def top_level(names: Iterable[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


def test_no_module_imports_another_that_imports_it_back() -> None:
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    assert len(graph.modules) > 100, "the graph misses most of the project"
    assert cycles(graph) == []


@pytest.mark.parametrize("type_only", [False, True], ids=["import", "type-only import"])
def test_a_planted_cycle_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, type_only: bool) -> None:
    package = tmp_path / "planted_cycle"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from planted_cycle import b\n")
    back = ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from planted_cycle.a import A\n"
            if type_only else "from planted_cycle import a\n")
    (package / "b.py").write_text(back)
    (package / "c.py").write_text("from planted_cycle import a\n")      # imports into the cycle, not part of it
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("planted_cycle", cache_dir=None)
    assert cycles(graph) == [["planted_cycle.a", "planted_cycle.b"]]


def test_the_scripts_sit_on_top_and_no_module_imports_them() -> None:
    for script in SCRIPTS:
        wrong = top_level(imported_modules(script)) & set(NOT_FOR_SCRIPTS)
        assert not wrong, f"{script.relative_to(ROOT)} imports {sorted(wrong)}"
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    importers = sorted(module for module in graph.modules
                       if top_level(imported_modules(source_file(module))) & {"app", "serve", "pages"})
    assert not importers, importers


def source_file(module: str) -> Path:
    """The source file of a project module (a package's __init__.py)."""
    path = ROOT.joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def test_no_test_module_imports_a_conftest_or_another_test_module() -> None:
    offending = {}
    for path in sorted((ROOT / "tests").rglob("*.py")):
        wrong = {name for name in imported_modules(path) if name.startswith("tests.")
                 and (name.split(".")[-1] == "conftest" or name.split(".")[-1].startswith("test_"))}
        if wrong:
            offending[str(path.relative_to(ROOT))] = sorted(wrong)
    assert not offending, offending
