"""The package's imports follow docs/architecture.md: no cycle anywhere in `trainer/`, the
core's rooms import only the rooms before them in the data's way (TOML, catalogue, plan,
session, store, stats, use cases), and the core never reaches the UI or the command line.

Every import counts, also those inside functions and under `TYPE_CHECKING`: a lazy import
hides a cycle from Python, not from a reader."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "trainer"

#: The core's rooms in the data's order; each may import itself and those before it.
CORE_ORDER = (
    "trainer.core.safe_text",
    "trainer.core.durable",
    "trainer.core.catalogue",
    "trainer.core.records",
    "trainer.core.plan",
    "trainer.core.session",
    "trainer.core.store",
    "trainer.core.stats",
    "trainer.core.actions",
)
#: The shell's parts, and the parts of the program each may import besides the core.
SHELL_MAY_IMPORT = {
    "trainer.ui": {"trainer.ui", "trainer.paths", "trainer.exitcodes", "trainer"},
    "trainer.cli": {"trainer.cli", "trainer.ui", "trainer.paths", "trainer.exitcodes", "trainer"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The `trainer` modules `path` imports (a `from package import module` names the module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in modules else node.module)
    return {name for name in found if name.split(".")[0] == "trainer"}


def graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(path) for path in paths}
    return {module_name(path): imports_of(path, modules) - {module_name(path)} for path in paths}


def room_of(module: str) -> str | None:
    for room in CORE_ORDER:
        if module == room or module.startswith(room + "."):
            return room
    return None


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """A cycle through the modules, if there is one (plain depth-first search)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)) is not None:
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)) is not None:
            return cycle
    return None


def test_the_graph_sees_the_package() -> None:
    edges = graph()
    assert "trainer.core.session.machine" in edges["trainer.core.actions"] or any(
        m.startswith("trainer.core.plan") for m in edges["trainer.core.actions"]
    )
    assert "trainer.core.catalogue.model" in edges["trainer.core.plan.tailoring"]


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_there_is_no_import_cycle_in_trainer() -> None:
    assert find_cycle(graph()) is None


@pytest.mark.parametrize("room", CORE_ORDER)
def test_each_core_room_imports_only_the_rooms_before_it(room: str) -> None:
    allowed = set(CORE_ORDER[: CORE_ORDER.index(room) + 1])
    offenders = sorted(
        f"{module} imports {target}"
        for module, targets in graph().items()
        if room_of(module) == room
        for target in targets
        if room_of(target) not in allowed
    )
    assert offenders == []


@pytest.mark.parametrize("shell", sorted(SHELL_MAY_IMPORT))
def test_the_shell_imports_the_core_and_its_own_side_only(shell: str) -> None:
    allowed = SHELL_MAY_IMPORT[shell]
    offenders = sorted(
        f"{module} imports {target}"
        for module, targets in graph().items()
        if module == shell or module.startswith(shell + ".")
        for target in targets
        if room_of(target) is None
        and not any(target == a or target.startswith(a + ".") for a in allowed - {"trainer"})
        and target != "trainer"
    )
    assert offenders == []


def test_every_module_belongs_to_a_room_on_the_page() -> None:
    """A new top-level module must be placed in docs/architecture.md and here."""
    known = (
        *CORE_ORDER,
        *SHELL_MAY_IMPORT,
        "trainer.core",
        "trainer.paths",
        "trainer.exitcodes",
        "trainer.__main__",
    )
    homeless = sorted(
        module
        for module in graph()
        if module != "trainer" and not any(module == k or module.startswith(k + ".") for k in known)
    )
    assert homeless == []
