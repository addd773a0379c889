"""Checks across all pages of a run, after every page was linted, on the final text: duplicate weights among
siblings (LK601), one prompt under different headings (LK602), and with `--site` / `site = true` one concept
written the way most pages of the same script write it (LK302 at site level)."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from dataclasses import dataclass

from .config import SettingsFinder
from .glossary import fold
from .linter import FileResult, diagnostic, parse_with
from .parser import Page
from .rules import Context, Finding, all_rules, replace
from .rules.language import dominant_script, majority_variant, match_finding, term_matches
from .rules.suppression import suppressed

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
        added = []
        for number, match in page.occurrences:
            counts = site_counts[(page.script, match.term.id)]
            site_majority, surface = majority_variant(match.term, counts, page.script)
            page_majority, _ = majority_variant(match.term, page_counts[match.term.id], page.script)
            if match.key == site_majority or match.key != page_majority:  # the page-level check reports the rest
                continue
            if suppressed(page.result.summary.suppressions, SITE_RULE, number):
                continue
            message = (f"'{match.text}' for {match.term.en}: the site's {page.script} pages mostly write '{surface}' "
                       f"({counts[site_majority]}×, '{match.text}' {counts[match.key]}×)")
            finding = match_finding(number, match, message,
                                    replace(number, match.start + 1, match.end + 1, surface, "unsafe"))
            added.append(diagnostic(page.result.path, rule, finding, page.context.settings))
        if added:
            page.result.diagnostics = sorted(page.result.diagnostics + added, key=lambda d: d.sort_key)


def add_run_findings(results: list[FileResult], finder: SettingsFinder) -> None:
    """LK601 and LK602 over the pages of this run (each where its page enables the rule)."""
    pages = [r for r in results if r.summary is not None]
    rules = all_rules()

    def report(result: FileResult, code: str, finding: Finding) -> None:
        settings = finder.for_page(result.path)
        if code in settings.enabled(result.path) and not suppressed(result.summary.suppressions, code, finding.line):
            result.diagnostics.append(diagnostic(result.path, rules[code], finding, settings))
            result.diagnostics.sort(key=lambda d: d.sort_key)

    by_folder: dict[str, list[FileResult]] = defaultdict(list)
    for result in pages:
        by_folder[os.path.dirname(os.path.abspath(result.path or "."))].append(result)
    for siblings in by_folder.values():
        first_with: dict[int, FileResult] = {}
        for result in sorted(siblings, key=lambda r: r.path or ""):
            summary = result.summary
            if summary.weight is None:
                continue
            if summary.weight in first_with:
                other = os.path.basename(first_with[summary.weight].path or "")
                report(result, "LK601", Finding(summary.weight_line, summary.weight_column, summary.weight_line,
                                                summary.weight_end_column, f"weight {summary.weight} is also the weight of '{other}'"))
            else:
                first_with[summary.weight] = result

    uses: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for result in pages:
        for use in result.summary.headings:
            uses[(result.summary.language, use.template)][use.heading] += 1
    for result in pages:
        for use in result.summary.headings:
            headings = uses[(result.summary.language, use.template)]
            usual, count = headings.most_common(1)[0]
            if use.heading != usual and fold(use.heading) != fold(usual):
                report(result, "LK602", Finding(use.line, 1, use.line, len(use.heading) + 4,
                                                f"heading '{use.heading}' for this prompt; {count} other pages use '{usual}'"))
