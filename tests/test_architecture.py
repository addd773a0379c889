"""The line between engine and rules, kept by a test: the engine reaches rules only through the registry
(`lessonkit.rules`), never a rule module; no module-level import cycles; and every rule module is registered
(modules are discovered, so a new one cannot be forgotten)."""

import ast
from pathlib import Path

from conftest import REPO
from lessonkit.rules import all_rules, rule_modules

PACKAGE = REPO / "lessonkit"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports(module: str, top_level_only: bool) -> set[str]:
    """The lessonkit modules `module` imports (relative imports; lessonkit uses no absolute self-imports)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else ast.walk(tree)
    found = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.level:
            parts = package.split(".")
            target = ".".join(parts[:len(parts) - node.level + 1] + ([node.module] if node.module else []))
            found |= {name for name in [target] + [f"{target}.{alias.name}" for alias in node.names] if name in MODULES}
    return found


def test_engine_imports_no_rule_module():
    rule_module_names = {f"lessonkit.rules.{name}" for name in rule_modules()}
    for module in MODULES:
        if not module.startswith("lessonkit.rules"):
            assert not imports(module, top_level_only=False) & rule_module_names, module


def test_no_import_cycles():
    graph = {module: imports(module, top_level_only=True) for module in MODULES}
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for dependency in graph[module]:
            assert state.get(dependency) != "open", " -> ".join(path + [module, dependency])
            if dependency not in state:
                visit(dependency, path + [module])
        state[module] = "done"

    for module in graph:
        if module not in state:
            visit(module, [])


def test_every_rule_module_registers_rules():
    registered = {(rule.check or rule.run_check).__module__.rsplit(".", 1)[-1]
                  for rule in all_rules().values() if rule.check or rule.run_check}
    assert set(rule_modules()) - {"engine"} == registered
