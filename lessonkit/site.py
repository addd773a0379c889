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
from .store import DiagnosticStore
from .summary import SITE_RULE, term_use_rows


def add_site_findings(results: list[FileResult], finder: SettingsFinder, store: DiagnosticStore) -> None:
    """Report variants that a page uses consistently but that go against the site's majority for its script.
    Each page's script is in its summary, and its variants of consistency terms in the store (site mode only)."""
    pages = [result for result in results if result.summary is not None and result.summary.script]

    def term_uses(result: FileResult) -> list[list]:
        return term_use_rows(store.read(result.terms_stored)) if result.terms_stored else []

    def counts_by_term(uses: list[list]) -> dict[str, Counter]:
        counts: dict[str, Counter] = defaultdict(Counter)
        for (term_id, text), count in Counter((use[0], use[1]) for use in uses).items():
            counts[term_id][fold(text)] += count
        return counts

    site_counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for result in pages:
        for term_id, counts in counts_by_term(term_uses(result)).items():
            site_counts[(result.summary.script, term_id)].update(counts)
    rule, site_majorities = all_rules()[SITE_RULE], {}
    for result in pages:
        summary, settings, uses = result.summary, finder.for_page(result.path), term_uses(result)
        terms, reported = settings.glossary.terms, {}  # term id -> the page's majority, where the site's differs
        for term_id, counts in counts_by_term(uses).items():
            term = terms[term_id]
            site = (summary.script, term_id, id(term))  # a term of this page's glossary
            if site not in site_majorities:
                site_majorities[site] = majority_variant(term, site_counts[site[:2]], summary.script)
            page_majority, _ = majority_variant(term, counts, summary.script)
            if page_majority != site_majorities[site][0]:
                reported[term_id] = page_majority
        added = []
        for term_id, text, line, start, end in uses if reported else ():
            key = fold(text)
            if key != reported.get(term_id) or suppressed(summary.suppressions, SITE_RULE, line):
                continue  # the site's majority, or a minority variant of the page (the page-level check reports it)
            term, counts = terms[term_id], site_counts[(summary.script, term_id)]
            site_majority, surface = site_majorities[(summary.script, term_id, id(term))]
            message = (f"'{text}' for {term.en}: the site's {summary.script} pages mostly write '{surface}' "
                       f"({counts[site_majority]}×, '{text}' {counts[key]}×)")
            finding = match_finding(line, Match(term, text, start, end), message,
                                    replace(line, start + 1, end + 1, surface, "unsafe"))
            added.append(diagnostic(result.path, rule, finding, settings))
        if added:
            store.add(result, added)


def add_run_findings(results: list[FileResult], finder: SettingsFinder, store: DiagnosticStore) -> None:
    """LK601 and LK602 over the pages of this run (each where its page enables the rule)."""
    pages = [r for r in results if r.summary is not None]
    rules, found = all_rules(), defaultdict(list)  # id of a result -> its findings

    def report(result: FileResult, code: str, finding: Finding) -> None:
        settings = finder.for_page(result.path)
        if code in settings.enabled(result.path) and not suppressed(result.summary.suppressions, code, finding.line):
            found[id(result)].append(diagnostic(result.path, rules[code], finding, settings))

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
    for result in pages:
        if id(result) in found:
            store.add(result, found[id(result)])
