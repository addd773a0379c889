"""What the language rules and the run-level checks both need to know of a page: its dominant script, where the
glossary's terms are in its prose, and which variant of a term a set of pages writes most."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from typing import Iterable, Iterator, Optional

from ..parse.parser import Page
from .glossary import Glossary, Match, fold
from .prose import line_offsets, prose_lines

SCRIPT_EVIDENCE = 20  # script-specific characters that decide the script of a page's Chinese

def dominant_script(page: Page) -> Optional[str]:
    """The page's Chinese script ('zh-Hans' / 'zh-Hant', by majority even on a mixed page), 'en', or None."""
    language = page.lesson.language
    if language in ("zh-Hans", "zh-Hant", "en"):
        return language
    if language == "mixed":  # a page of code and Chinese prose is mixed too: its Chinese still has a script
        counts = page.counts
        specific = counts.simplified + counts.traditional
        if (counts.chinese or specific >= SCRIPT_EVIDENCE) and counts.simplified != counts.traditional:
            return "zh-Hans" if counts.simplified > counts.traditional else "zh-Hant"
    return None


def located(lines: list[str], spans: Iterable[tuple]) -> Iterator[tuple]:
    """(1-based line, start, end, *rest) for (start, end, *rest) spans of "\n".join(lines), columns per line."""
    offsets = None
    for start, end, *rest in spans:
        if offsets is None:  # computed once something was found: most texts have no spans
            offsets = line_offsets(lines)
        index = bisect_right(offsets, start) - 1
        yield (index + 1, start - offsets[index], end - offsets[index], *rest)


def term_matches(page: Page, settings) -> list[tuple[int, Match]]:
    """(1-based line, match with columns on that line) of every variant of the glossary of `settings` (the page's
    Settings) in the page's prose."""
    if page.counts.han == 0:
        return []  # no Chinese, no terms: the glossary is not even loaded
    glossary: Glossary = settings.glossary
    key = ("terms", id(glossary))
    cached = page.cache.get(key)
    if cached is None:
        lines = prose_lines(page)
        spans = glossary.spans("\n".join(lines))
        cached = [(number, Match(term, lines[number - 1][start:end], start, end))
                  for number, start, end, term in located(lines, spans)]
        page.cache[key] = cached
    return cached


def valid_in(term, key: str, script: str, region: Optional[str]) -> bool:
    """Is the variant `key` (folded) a word of `script` for readers of `region`? A variant tagged for the other
    region (数据 for Taiwan, 資料 for the mainland) is not; untagged variants and other regions' pages accept all."""
    variants = term.hant if script == "zh-Hant" else term.hans
    return any(fold(v) == key and (region not in ("mainland", "taiwan") or term.regions.get(v, region) == region)
               for v in variants)


def majority_variant(term, counts: Counter, script: str, region: Optional[str] = None) -> Optional[tuple[str, str]]:
    """The most used variant key among those valid for `script` and `region` (ties go to the glossary's order)
    and how to write it in `script`; None when no used variant is valid there."""
    variants = term.hant if script == "zh-Hant" else term.hans
    order = [fold(v) for v in variants]
    valid = [key for key in counts if valid_in(term, key, script, region)]
    if not valid:
        return None
    majority = max(valid, key=lambda k: (counts[k], -order.index(k) if k in order else -len(order)))
    return majority, variant_in_script(variants, majority) or majority


def variant_in_script(variants: list[str], key: str) -> Optional[str]:
    return next((variant for variant in variants if fold(variant) == key), None)
