"""Rules over all pages of one run (LK601, LK602); the checks themselves are in lessonkit/site.py."""

from __future__ import annotations

from . import engine_rule

engine_rule("LK601", "duplicate-weight", "warning", """
    Sibling pages (one folder) with the same `weight`.

    **Why it matters**: Hugo orders a section's pages by weight; with a tie the order falls back to dates or
    titles and changes when a page is renamed or translated, so the lesson sequence is not what its author set.

    **Example**: `Pooling Layers.md` and `Convolutional Neural Networks (CNNs).md` both `weight = "2"`.

    **Fix**: none; give each sibling its own weight. Reported on every page after the first (sorted by path),
    at its weight line; only the pages linted in the same run are compared.
""")
engine_rule("LK602", "inconsistent-heading", "info", """
    The same prompt template under different headings across the linted pages of one language.

    **Why it matters**: one part of the lesson is titled differently from page to page (the corpus uses 條列重點
    and 彙總重點 for one prompt). The template is the prompt with the page's topic (its file name) replaced;
    needs no profile (LK133 checks against a profile).

    **Fix**: none; the message names the heading most pages use.
""")
