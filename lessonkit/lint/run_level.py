"""Run-level rules, after every page of a run was linted, on the final text: each registered run check reads the
pages' summaries (rules/run.py; the site-wide check of LK302 in rules/language.py), and its findings are kept
where the page enables the rule and no suppression comment of the page covers them."""

from __future__ import annotations

from ..config.settings import Settings, SettingsFinder
from ..rules import all_rules
from .linter import FileResult, diagnostic
from .store import DiagnosticStore
from .summary import term_use_rows
from .suppression import suppressed


class Run:
    """The pages of one run as run-level rules see them (`rules.RunView`)."""

    def __init__(self, results: list[FileResult], finder: SettingsFinder, store: DiagnosticStore):
        self.pages = [result for result in results if result.summary is not None]
        self.finder, self.store = finder, store

    def settings(self, page: FileResult) -> Settings:
        return self.finder.for_page(page.path)

    def term_uses(self, page: FileResult) -> list[list]:
        return term_use_rows(self.store.read(page.terms_stored)) if page.terms_stored else []


def add_run_findings(results: list[FileResult], finder: SettingsFinder, store: DiagnosticStore) -> None:
    """Run every run-level check (site checks only in site mode) and add its findings to their pages."""
    run, site_mode = Run(results, finder, store), finder.site_mode()
    for rule in all_rules().values():
        if rule.run_check is None or (rule.site_only and not site_mode):
            continue
        found: dict[int, list] = {}  # id of a result -> its findings, stored once per page
        for page, finding in rule.run_check(run):
            settings = run.settings(page)
            if rule.code in settings.enabled(page.path) and not suppressed(page.summary.suppressions, rule.code, finding.line):
                found.setdefault(id(page), []).append(diagnostic(page.path, rule, finding, settings))
        for page in run.pages:
            if id(page) in found:
                store.add(page, found[id(page)])
