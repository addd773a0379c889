"""The lint pipeline for one page: parse with the page's settings, run the enabled rules, filter suppressions,
and (with --fix) apply fixes until the text stops changing."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ..config.selection import resolve
from ..config.settings import Settings
from ..diagnostics import Diagnostic
from ..parse.parser import Page, default_heading_kinds, heading_table, parse_source
from ..read.source import Source, UnreadablePage
from ..rules import Context, Finding, Rule, all_rules
from .fixes import apply_fixes
from .summary import PageSummary, summarize
from .suppression import scan_suppressions, suppressed, unused

MAX_FIX_PASSES = 10


@dataclass(slots=True)  # slots: a 100,000-page run holds one per page
class FileResult:
    path: Optional[str]
    diagnostics: list[Diagnostic] = field(default_factory=list)  # in memory, until encoded into `rows`
    unreadable: bool = False
    fixed: int = 0  # fixes applied
    original: Optional[Source] = None
    final: Optional[Source] = None  # the text after fixes
    from_stdin: bool = False
    summary: Optional[PageSummary] = None  # what run-level checks need of the final text
    rows: Optional[bytes] = None  # diagnostics encoded on their way from a worker or the cache to the store
    stored: Optional[tuple[int, int]] = None  # where the run's DiagnosticStore keeps the encoded diagnostics
    diff: Optional[str] = None  # with --diff, the page's unified diff on its way from a worker to the store
    diff_stored: Optional[tuple[int, int]] = None  # ... and where the store keeps it
    terms_stored: Optional[tuple[int, int]] = None  # where the store keeps the summary's term uses (--site)
    added_stored: Optional[tuple[int, int]] = None  # ... and the findings of run-level checks for the page

    @property
    def changed(self) -> bool:
        return self.original is not None and self.final is not None and self.final.raw != self.original.raw


def unreadable_result(error: UnreadablePage) -> FileResult:
    rule = all_rules()["LK100"]
    problem = error.problem
    diagnostic = Diagnostic(error.path, problem.line, problem.column, problem.line, problem.column, rule.code,
                            rule.name, rule.severity, problem.message)
    return FileResult(error.path, [diagnostic], unreadable=True)


@lru_cache(maxsize=64)
def heading_kinds(extra: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, str]:
    kinds = dict(default_heading_kinds())
    kinds.update(heading_table({kind: list(names) for kind, names in extra}))
    return kinds


def parse_with(source: Source, settings: Settings) -> Page:
    config = settings.config
    extra = tuple((kind, tuple(names)) for kind, names in sorted(config.headings.items()))
    return parse_source(source, heading_kinds(extra), config.prompt_shortcodes)


def diagnostic(path: Optional[str], rule: Rule, finding: Finding, settings: Settings) -> Diagnostic:
    return Diagnostic(path, finding.line, finding.column, finding.end_line, finding.end_column, rule.code, rule.name,
                      settings.severity_of(rule.code, finding.severity or rule.severity), finding.message, finding.fix)


def lint_source(source: Source, settings: Settings) -> list[Diagnostic]:
    """All diagnostics for one page, suppressions applied, sorted by position."""
    return lint_page(parse_with(source, settings), settings)


def lint_page(page: Page, settings: Settings) -> list[Diagnostic]:
    source = page.source
    rules = all_rules()
    enabled = settings.enabled(source.path)
    context = Context(page, settings)
    found = [diagnostic(source.path, rules[code], finding, settings)
             for code in sorted(enabled) if rules[code].check is not None
             for finding in rules[code].check(context)]
    scan = scan_suppressions(source.lines, page.structure.in_code, set(rules), lambda selectors: resolve(selectors))
    page.cache["suppressions"] = scan.suppressions
    kept = [d for d in found if not suppressed(scan.suppressions, d.code, d.line)]
    for code, findings in (("LK002", scan.invalid), ("LK001", unused(scan.comments, enabled))):
        if code not in enabled:
            continue
        for finding in findings:  # filtered too: `disable-file=LK001` silences unused-suppression reports
            if not suppressed(scan.suppressions, code, finding.line):
                kept.append(diagnostic(source.path, rules[code], finding, settings))
    return sorted(kept, key=lambda d: d.sort_key)


def fix_source(source: Source, settings: Settings, applicabilities: frozenset[str]) -> FileResult:
    """Apply fixes pass after pass until nothing changes; the diagnostics are those of the final text."""
    result = FileResult(source.path, original=source)
    for _ in range(MAX_FIX_PASSES):
        page = parse_with(source, settings)
        diagnostics = lint_page(page, settings)
        fixes = [d.fix for d in diagnostics if d.fix is not None and d.fix.applicability in applicabilities]
        if not fixes:
            break
        raw, applied = apply_fixes(source.raw, fixes)
        if raw == source.raw:
            break
        source = Source(source.path, raw, source.bom)
        result.fixed += applied
    else:
        page = parse_with(source, settings)
        diagnostics = lint_page(page, settings)
    result.diagnostics, result.final, result.summary = diagnostics, source, summarize(page, settings)
    return result


def lint_one(source: Source, settings: Settings, applicabilities: frozenset[str] = frozenset()) -> FileResult:
    if applicabilities:
        return fix_source(source, settings, applicabilities)
    page = parse_with(source, settings)
    return FileResult(source.path, lint_page(page, settings), original=source, final=source,
                      summary=summarize(page, settings))
