"""The rule registry. A rule is one function with its code, readable name, default severity, documentation
(its docstring: what it does, why it matters, an example, the fix and its safety) and optional fix.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Literal, Optional

from ..diagnostics import Edit, Fix, Severity

if TYPE_CHECKING:
    from ..config import Settings
    from ..parser import Page

RULE_MODULES = ("file", "shortcodes", "sections", "quiz", "profile", "residue", "language", "whitespace", "run", "suppression")


@dataclass(frozen=True)
class Finding:
    """A rule's report, before the engine adds the path, code and effective severity."""

    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    fix: Optional[Fix] = None
    severity: Optional[Severity] = None  # when one rule reports findings of different weight


@dataclass(frozen=True)
class Context:
    page: "Page"
    settings: "Settings"

    @property
    def lines(self) -> list[str]:
        return self.page.source.lines


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Optional[Callable[[Context], Iterable[Finding]]]  # None: reported by the engine itself
    default_enabled: bool = True
    fix: Optional[Literal["safe", "unsafe"]] = None
    documentation: str = ""

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.documentation or (self.check.__doc__ if self.check else "") or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0]


REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity, *, default_enabled: bool = True,
         fix: Optional[Literal["safe", "unsafe"]] = None) -> Callable:
    """Register the decorated function as a rule."""

    def register(check: Callable[[Context], Iterable[Finding]]) -> Callable[[Context], Iterable[Finding]]:
        if code in REGISTRY:
            raise ValueError(f"rule code {code} registered twice")
        REGISTRY[code] = Rule(code, name, severity, check, default_enabled, fix)
        return check

    return register


def engine_rule(code: str, name: str, severity: Severity, documentation: str) -> None:
    """Register a rule whose findings come from a pipeline stage (reading, suppression), not a check."""
    REGISTRY[code] = Rule(code, name, severity, None, documentation=documentation)


def all_rules() -> dict[str, Rule]:
    """Every rule, by code, sorted."""
    for module in RULE_MODULES:
        importlib.import_module(f"{__name__}.{module}")
    return dict(sorted(REGISTRY.items()))


def at_line(lines: list[str], line: int, message: str, fix: Optional[Fix] = None) -> Finding:
    """A finding spanning the text of one line (from its first non-blank character)."""
    text = lines[line - 1]
    start = len(text) - len(text.lstrip()) + 1
    return Finding(line, start, line, max(len(text.rstrip()) + 1, start), message, fix)


def replace(line: int, column: int, end_column: int, content: str, applicability: Literal["safe", "unsafe"] = "safe",
            end_line: Optional[int] = None) -> Fix:
    """A fix of one edit."""
    return Fix(applicability, (Edit(line, column, end_line or line, end_column, content),))
