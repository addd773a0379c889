"""Checks across all pages of a run, after every page was linted, on the final text: duplicate weights among
siblings (LK601), one prompt under different headings (LK602), and with `--site` / `site = true` one concept
written the way most pages of the same script write it (LK302 at site level)."""

from __future__ import annotations

import os
from collections import Counter, defaultdict

from .config import SettingsFinder
from .glossary import Match, fold
from .linter import FileResult, diagnostic
from .rules import Finding, all_rules, replace
from .rules.language import majority_variant, match_finding
from .rules.suppression import suppressed
from .summary import SITE_RULE


def add_site_findings(results: list[FileResult], finder: SettingsFinder) -> None:
    """Report variants that a page uses consistently but that go against the site's majority for its script.
    Each page's script and term variants come from its summary (kept only for pages in site mode)."""
    pages = [result for result in results if result.summary is not None and result.summary.script]
    site_counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for result in pages:
        for use in result.summary.term_uses:
            site_counts[(result.summary.script, use.term)][fold(use.text)] += 1
    rule = all_rules()[SITE_RULE]
    for result in pages:
        summary, settings = result.summary, finder.for_page(result.path)
        page_counts: dict[str, Counter] = defaultdict(Counter)
        for use in summary.term_uses:
            page_counts[use.term][fold(use.text)] += 1
        added = []
        for use in summary.term_uses:
            term, key, counts = settings.glossary.terms[use.term], fold(use.text), site_counts[(summary.script, use.term)]
            site_majority, surface = majority_variant(term, counts, summary.script)
            page_majority, _ = majority_variant(term, page_counts[use.term], summary.script)
            if key == site_majority or key != page_majority:  # the page-level check reports the rest
                continue
            if suppressed(summary.suppressions, SITE_RULE, use.line):
                continue
            message = (f"'{use.text}' for {term.en}: the site's {summary.script} pages mostly write '{surface}' "
                       f"({counts[site_majority]}×, '{use.text}' {counts[key]}×)")
            finding = match_finding(use.line, Match(term, use.text, use.start, use.end), message,
                                    replace(use.line, use.start + 1, use.end + 1, surface, "unsafe"))
            added.append(diagnostic(result.path, rule, finding, settings))
        if added:
            result.diagnostics = sorted(result.diagnostics + added, key=lambda d: d.sort_key)


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
