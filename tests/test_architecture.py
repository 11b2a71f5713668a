"""How the packages depend on each other (docs/architecture.md): no cycles, and light imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def unit_of(module: str) -> str | None:
    """The unit a module belongs to: a subpackage or top module of `capture` (`capture.extract`,
    `capture.api`), or `followup`; None for modules outside the project."""
    parts = module.split(".")
    if parts[0] == "followup":
        return "followup"
    if parts[0] != "capture":
        return None
    return ".".join(parts[:2]) if len(parts) > 1 else "capture"


def imports_of(path: Path) -> Iterator[str]:
    """Every module a file imports, at the top or inside a function."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def dependencies() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in [*ROOT.glob("capture/**/*.py"), *ROOT.glob("followup/**/*.py")]:
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        source = unit_of(module)
        assert source is not None
        for target in map(unit_of, imports_of(path)):
            if target is not None and target != source and source != "capture":  # capture/__init__ is lazy
                graph.setdefault(source, set()).add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each cycle once, as the units on it (depth-first search for back edges)."""
    found: list[list[str]] = []
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(unit: str) -> None:
        state[unit], _ = "open", path.append(unit)
        for target in sorted(graph.get(unit, ())):
            if state.get(target) == "open":
                found.append(path[path.index(target) :])
            elif target not in state:
                visit(target)
        state[unit], _ = "done", path.pop()

    for unit in sorted(graph):
        if unit not in state:
            visit(unit)
    return found


def test_no_two_packages_import_each_other() -> None:
    assert cycles(dependencies()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c"]]


def test_formats_do_not_import_extraction() -> None:
    """The vCard reader and writer (`capture.export`) sit below extraction, which reads QR vCards."""
    graph = dependencies()
    assert "capture.extract" not in graph["capture.export"]
    assert "capture.export" in graph["capture.extract"]


def imported_by(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(done.stdout.split())


def test_the_errors_module_loads_no_image_or_ocr_library() -> None:
    modules = imported_by("import capture.errors")
    assert "capture.errors" in modules
    assert not {"cv2", "numpy", "onnxruntime", "usaddress", "capture.api"} & modules


def test_the_command_loads_only_what_a_command_uses() -> None:
    modules = imported_by("import capture.cli")
    assert "typer" in modules
    assert not {"cv2", "sqlalchemy", "fastapi", "followup.cli", "capture.store.cli"} & modules
