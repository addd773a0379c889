"""Rules over all pages of one run (LK601, LK602): each reads the summaries the engine kept of every page."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from typing import Iterator

from ..analysis.glossary import fold
from . import Finding, RunPage, RunView, run_rule


@run_rule("LK601", "duplicate-weight", "warning")
def duplicate_weight(run: RunView) -> Iterator[tuple[RunPage, Finding]]:
    """Sibling pages (one folder) with the same `weight`.

    **Why it matters**: Hugo orders a section's pages by weight; with a tie the order falls back to dates or
    titles and changes when a page is renamed or translated, so the lesson sequence is not what its author set.

    **Example**: `Pooling Layers.md` and `Convolutional Neural Networks (CNNs).md` both `weight = "2"`.

    **Fix**: none; give each sibling its own weight. Reported on every page after the first (sorted by path),
    at its weight line; only the pages linted in the same run are compared. A folder's index page (`_index.md`,
    or `X/X.md` where the profile says so) orders the folder among its parent's pages, so its siblings are
    those of the folder, not the pages inside it.
    """
    by_folder: dict[str, list[RunPage]] = defaultdict(list)
    for page in run.pages:
        folder = os.path.dirname(os.path.abspath(page.path or "."))
        by_folder[os.path.dirname(folder) if page.summary.index_page else folder].append(page)
    for siblings in by_folder.values():
        first_with: dict[int, RunPage] = {}
        for page in siblings:
            summary = page.summary
            if summary.weight is None:
                continue
            if summary.weight in first_with:
                other = os.path.basename(first_with[summary.weight].path or "")
                yield page, Finding(summary.weight_line, summary.weight_column, summary.weight_line,
                                    summary.weight_end_column, f"weight {summary.weight} is also the weight of '{other}'")
            else:
                first_with[summary.weight] = page


@run_rule("LK602", "inconsistent-heading", "info", default_enabled=False)
def inconsistent_heading(run: RunView) -> Iterator[tuple[RunPage, Finding]]:
    """The same prompt template under different headings across the linted pages of one language.

    **Why it matters**: one part of the lesson is titled differently from page to page (the corpus uses 條列重點
    and 彙總重點 for one prompt). The template is the prompt with the page's topic (its file name) replaced;
    needs no profile (LK133 checks against a profile).

    **Fix**: none; the message names the heading most pages use. Pages are compared within their language tree.

    Off by default: a blind review of its findings on the corpus judged none worth reporting (two headings that
    both fit the prompt); with a profile, LK133 names the heading the site chose.
    """
    uses: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for page in run.pages:
        for use in page.summary.headings:
            uses[(page.summary.language, use.template)][use.heading] += 1
    for page in run.pages:
        for use in page.summary.headings:
            usual, count = uses[(page.summary.language, use.template)].most_common(1)[0]
            if use.heading != usual and fold(use.heading) != fold(usual):
                yield page, Finding(use.line, 1, use.line, len(use.heading) + 4,
                                    f"heading '{use.heading}' for this prompt; {count} other pages use '{usual}'")
