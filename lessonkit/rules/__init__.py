"""The rule registry: the only way the engine reaches rules. A rule is one function with its code, readable name,
default severity, documentation (its docstring: what it does, why it matters, an example, the fix and its
safety) and optional fix: a page rule reads one page (`Context`), a run-level rule reads the summaries of every
page of a run (`RunView`). Every module of this package is a rule module, found by listing the package, so a
new module cannot be left out.
"""

from __future__ import annotations

import importlib
import inspect
import os
from dataclasses import dataclass
from dataclasses import replace as replace_field
from typing import TYPE_CHECKING, Callable, Iterable, Literal, Optional, Protocol

from ..diagnostics import Edit, Fix, Severity

if TYPE_CHECKING:
    from ..config.settings import Settings
    from ..lint.summary import PageSummary
    from ..parse.parser import Page


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

    @property
    def profile(self):
        """The page's lesson profile (its language tree's, or the configured one), or None."""
        return self.settings.profile_for(self.page.source.path)


class RunPage(Protocol):
    """A linted page as run-level rules see it: its path and the summary of its final text."""

    path: Optional[str]
    summary: "PageSummary"


class RunView(Protocol):
    """The pages of one run, for run-level rules."""

    pages: list[RunPage]  # sorted by path; pages that could not be read are left out

    def settings(self, page: RunPage) -> "Settings": ...

    def term_uses(self, page: RunPage) -> list[list]:
        """The page's variants of consistency terms: [term id, text, line, start, end] (site mode only)."""


RunCheck = Callable[[RunView], Iterable[tuple[RunPage, Finding]]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Optional[Callable[[Context], Iterable[Finding]]]  # None: reported by the engine or a run check
    default_enabled: bool = True
    fix: Optional[Literal["safe", "unsafe"]] = None
    documentation: str = ""
    group: Optional[str] = None  # a name that selects this rule with the others of its group ("formatting")
    run_check: Optional[RunCheck] = None  # findings over all pages of a run
    site_only: bool = False  # ... computed only in site mode (--site, `site = true`)

    @property
    def doc(self) -> str:
        function = self.check or self.run_check
        return inspect.cleandoc(self.documentation or (function.__doc__ if function else "") or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0]


REGISTRY: dict[str, Rule] = {}


def add(new: Rule) -> None:
    """Put a rule in the registry; a code or name used twice is a programming error."""
    if new.code in REGISTRY or any(old.name == new.name for old in REGISTRY.values()):
        raise ValueError(f"rule {new.code} {new.name} registered twice")
    REGISTRY[new.code] = new


def rule(code: str, name: str, severity: Severity, *, default_enabled: bool = True,
         fix: Optional[Literal["safe", "unsafe"]] = None, group: Optional[str] = None) -> Callable:
    """Register the decorated function as a rule."""

    def register(check: Callable[[Context], Iterable[Finding]]) -> Callable[[Context], Iterable[Finding]]:
        add(Rule(code, name, severity, check, default_enabled, fix, group=group))
        return check

    return register


def run_rule(code: str, name: str, severity: Severity, *, default_enabled: bool = True) -> Callable[[RunCheck], RunCheck]:
    """Register the decorated function as a rule over all pages of a run."""

    def register(check: RunCheck) -> RunCheck:
        add(Rule(code, name, severity, None, default_enabled, run_check=check))
        return check

    return register


def site_check(code: str) -> Callable[[RunCheck], RunCheck]:
    """Give the page rule `code` (registered before, in the same module) a run-level check for site mode."""

    def register(check: RunCheck) -> RunCheck:
        REGISTRY[code] = replace_field(REGISTRY[code], run_check=check, site_only=True)
        return check

    return register


def engine_rule(code: str, name: str, severity: Severity, documentation: str) -> None:
    """Register a rule whose findings come from a pipeline stage (reading, suppression), not a check."""
    add(Rule(code, name, severity, None, documentation=documentation))


def rule_modules() -> list[str]:
    """The rule modules: every module of this package."""
    return sorted(entry.name[:-3] for entry in os.scandir(__path__[0])
                  if entry.name.endswith(".py") and entry.name != "__init__.py")


_all: dict[str, Rule] = {}


def all_rules() -> dict[str, Rule]:
    """Every rule, by code, sorted."""
    if not _all:
        for module in rule_modules():
            importlib.import_module(f"{__name__}.{module}")
        _all.update(sorted(REGISTRY.items()))
    return _all


def at_line(lines: list[str], line: int, message: str, fix: Optional[Fix] = None) -> Finding:
    """A finding spanning the text of one line (from its first non-blank character)."""
    text = lines[line - 1]
    start = len(text) - len(text.lstrip()) + 1
    return Finding(line, start, line, max(len(text.rstrip()) + 1, start), message, fix)


def replace(line: int, column: int, end_column: int, content: str, applicability: Literal["safe", "unsafe"] = "safe",
            end_line: Optional[int] = None) -> Fix:
    """A fix of one edit."""
    return Fix(applicability, (Edit(line, column, end_line or line, end_column, content),))
