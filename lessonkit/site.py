"""Checks across all pages of a run (`lint --site` or `site = true`): one concept written the way most pages of
the same script write it (LK302 at site level). Runs after every page was linted, on the final text."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .config import SettingsFinder, resolve
from .linter import FileResult, diagnostic, parse_with
from .parser import Page
from .rules import Context, all_rules, replace
from .rules.language import dominant_script, majority_variant, match_finding, term_matches
from .rules.suppression import scan_suppressions, suppressed

SITE_RULE = "LK302"


@dataclass
class SitePage:
    result: FileResult
    context: Context
    script: str
    occurrences: list  # (line, Match) of consistency-mode terms


def collect(results: list[FileResult], finder: SettingsFinder) -> list[SitePage]:
    pages = []
    for result in results:
        if result.final is None:
            continue
        settings = finder.for_page(result.path)
        if not settings.site_mode or SITE_RULE not in settings.enabled(result.path):
            continue
        page: Page = parse_with(result.final, settings)
        context = Context(page, settings)
        script = dominant_script(context)
        if script in ("zh-Hans", "zh-Hant"):
            occurrences = [(n, m) for n, m in term_matches(context) if m.term.mode == "consistency"]
            pages.append(SitePage(result, context, script, occurrences))
    return pages


def add_site_findings(results: list[FileResult], finder: SettingsFinder) -> None:
    """Report variants that a page uses consistently but that go against the site's majority for its script."""
    pages = collect(results, finder)
    site_counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for page in pages:
        for _, match in page.occurrences:
            site_counts[(page.script, match.term.id)][match.key] += 1
    rule = all_rules()[SITE_RULE]
    for page in pages:
        page_counts: dict[str, Counter] = defaultdict(Counter)
        for _, match in page.occurrences:
            page_counts[match.term.id][match.key] += 1
        lines = page.context.page.source.lines
        scan = scan_suppressions(lines, page.context.page.structure.in_code, set(all_rules()), resolve)
        added = []
        for number, match in page.occurrences:
            counts = site_counts[(page.script, match.term.id)]
            site_majority, surface = majority_variant(match.term, counts, page.script)
            page_majority, _ = majority_variant(match.term, page_counts[match.term.id], page.script)
            if match.key == site_majority or match.key != page_majority:  # the page-level check reports the rest
                continue
            if suppressed(scan.suppressions, SITE_RULE, number):
                continue
            message = (f"'{match.text}' for {match.term.en}: the site's {page.script} pages mostly write '{surface}' "
                       f"({counts[site_majority]}×, '{match.text}' {counts[match.key]}×)")
            finding = match_finding(number, match, message,
                                    replace(number, match.start + 1, match.end + 1, surface, "unsafe"))
            added.append(diagnostic(page.result.path, rule, finding, page.context.settings))
        if added:
            page.result.diagnostics = sorted(page.result.diagnostics + added, key=lambda d: d.sort_key)
