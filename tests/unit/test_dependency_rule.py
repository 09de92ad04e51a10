"""The dependency rule of bot/__init__.py, read from the imports of every module (top level or inside functions)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[2] / "bot"
STAGES = {"ingest", "embedders", "store", "retrieval", "answering", "records"}
ENTRY_LEVEL = {"assembly", "cli", "__main__", "web"}
ALLOWED = {
    "core": {"core"},
    "language": {"core", "language"},
    **{stage: {"core", "language", stage} for stage in STAGES},
}


def modules() -> list[Path]:
    return sorted(p for p in BOT.rglob("*.py"))


def package_of(path: Path) -> str:
    first = path.relative_to(BOT).parts[0]
    return first.removesuffix(".py")


def bot_imports(path: Path) -> set[str]:
    """The top-level bot packages `path` imports (`bot.x.y` → `x`)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.ImportFrom) and node.level:
            pytest.fail(f"{path}: relative import; the rule is read from absolute ones")
        found |= {name.split(".")[1] for name in names if name.startswith("bot.")}
    return found


def test_every_package_has_a_place_in_the_rule():
    packages = {package_of(p) for p in modules()} - {"__init__"}
    assert packages <= set(ALLOWED) | ENTRY_LEVEL, packages - set(ALLOWED) - ENTRY_LEVEL


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(BOT)))
def test_module_imports_follow_the_rule(path: Path):
    package = package_of(path)
    if package in ENTRY_LEVEL or package == "__init__":
        return
    assert bot_imports(path) <= ALLOWED[package], f"{package} may import only {sorted(ALLOWED[package])}"


def test_only_the_composition_root_wires_backends():
    wiring = {package_of(p) for p in modules() if {"embedders", "store", "retrieval"} & bot_imports(p)}
    assert wiring <= {"assembly", "embedders", "store", "retrieval"}


def test_the_rule_finds_a_violation(tmp_path: Path):
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from bot.store.chroma import PassageStore\n")
    assert bot_imports(module) == {"store"}


def private_reaches(path: Path) -> list[str]:
    """Private names taken from another module or another object (`from bot.x import _y`, `thing._y`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bot."):
            found += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
        elif (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
              and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
            found.append(f"line {node.lineno}: .{node.attr}")
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(BOT)))
def test_no_module_reaches_into_private_names(path: Path):
    assert private_reaches(path) == []
