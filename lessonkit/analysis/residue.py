"""AI-residue patterns (data/residue.toml and the files a configuration adds), compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator, Optional

from ..datafiles import parse_toml, read_text

CATEGORIES = ("boilerplate", "preamble", "epilogue", "figure", "placeholder")


class ResidueError(Exception):
    """A residue file that cannot be used; the message names the file and the pattern."""


UNSAFE_TO_LOWER = re.compile(r"\\[xuUN0-9]|\(\?[aiLmsux-]+[:)]")  # escapes that may spell a letter; inline flags


try:  # the pairs that case-insensitive matching makes and str.lower() does not (ı with i, ſ with s, ϐ with β)
    from re._casefix import _EXTRA_CASES
except ImportError:  # a Python without that table: no lower-case fast path at all
    _EXTRA_CASES = None


def case_partners(text: str) -> set[str]:
    """Characters that case-insensitive matching pairs with a letter of `text` although str.lower() keeps them
    apart."""
    return {chr(partner) for char in set(text.lower()) for partner in _EXTRA_CASES.get(ord(char), ())}


def lower_case_pattern(body: str) -> Optional[re.Pattern]:
    """`body` with its letters lower-cased (escapes kept), compiled case-sensitively: searched in lower-cased
    text it finds what (?i)`body` finds in the text, about five times faster. None when that is not sure."""
    if _EXTRA_CASES is None or UNSAFE_TO_LOWER.search(body):
        return None
    try:
        return re.compile(re.sub(r"\\.|[A-Z]+", lambda m: m[0] if m[0][0] == "\\" else m[0].lower(), body), re.MULTILINE)
    except re.error:
        return None


@dataclass(frozen=True)
class Pattern:
    """A compiled pattern; a leading word boundary is checked after matching (regexes that start with a literal
    are searched much faster), and a case-insensitive pattern also has a lower-case twin for lower-cased text."""

    regex: re.Pattern
    word_start: bool
    lower_case: Optional[re.Pattern] = None

    def finditer(self, text: str, lowered: Optional[str] = None) -> Iterator[re.Match]:
        """Matches in `text`; `lowered` is text.lower() when that kept every position (see Residue.matches)."""
        if self.lower_case is not None and lowered is not None:
            matches, searched = self.lower_case.finditer(lowered), lowered
        else:
            matches, searched = self.regex.finditer(text), text
        for match in matches:
            if not self.word_start or match.start() == 0 or not searched[match.start() - 1].isalnum():
                yield match


@dataclass(frozen=True)
class Residue:
    patterns: dict[str, tuple[Pattern, ...]]
    dangling: re.Pattern  # a sentence end that is no end
    partners: dict[str, Optional[re.Pattern]]  # per category: characters that rule out the lower-case fast path

    def matches(self, category: str, text: str) -> list[tuple[int, int]]:
        """(start, end) of every match of the category's patterns in `text`, in order. Case-insensitive patterns
        are searched in the lower-cased text when that keeps every position and every case-insensitive match."""
        lowered, partners = None, self.partners[category]
        if any(p.lower_case for p in self.patterns[category]) and not (partners and partners.search(text)):
            lowered = text.lower()
            lowered = lowered if len(lowered) == len(text) else None
        return sorted({m.span() for p in self.patterns[category] for m in p.finditer(text, lowered)})


def read_residue(text: str, origin: str) -> dict[str, list[str]]:
    data = parse_toml(text, origin, ResidueError)
    unknown = set(data) - set(CATEGORIES) - {"dangling_words"}
    if unknown:
        raise ResidueError(f"{origin}: unknown key(s) {', '.join(sorted(unknown))}; use {', '.join(CATEGORIES)}, dangling_words")
    for key, values in data.items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ResidueError(f"{origin}: '{key}' must be a list of strings")
    return data


def compile_pattern(pattern: str, origin: str) -> Pattern:
    ignore_case, body = (True, pattern[4:]) if pattern.startswith("(?i)") else (False, pattern)
    word_start = body.startswith(r"\b")
    if word_start:
        body = body[2:]
    try:
        regex = re.compile(("(?i)" if ignore_case else "") + body, re.MULTILINE)
    except re.error as error:
        raise ResidueError(f"{origin}: pattern {pattern!r}: {error}") from None
    return Pattern(regex, word_start, lower_case_pattern(body) if ignore_case else None)


@lru_cache(maxsize=16)
def load_residue(extra_files: tuple[str, ...] = ()) -> Residue:
    sources = [(resources.files("lessonkit").joinpath("data", "residue.toml").read_text(encoding="utf-8"),
                "lessonkit/data/residue.toml")]
    for path in extra_files:
        sources.append((read_text(path, ResidueError), path))
    patterns: dict[str, list[Pattern]] = {category: [] for category in CATEGORIES}
    dangling: list[str] = []
    for text, origin in sources:
        data = read_residue(text, origin)
        for category in CATEGORIES:
            patterns[category] += [compile_pattern(p, origin) for p in data.get(category, [])]
        dangling += data.get("dangling_words", [])
    words = "|".join(re.escape(w) for w in sorted(dangling, key=len, reverse=True))
    latin = r"(?<![A-Za-z])"
    ending = re.compile(rf"(?:{latin}(?:{words})|[，,、：:（(\[])\s*$", re.IGNORECASE)
    partners = {category: set().union(*(case_partners(p.lower_case.pattern) for p in found if p.lower_case))
                for category, found in patterns.items()}
    return Residue({k: tuple(v) for k, v in patterns.items()}, ending,
                   {k: re.compile("[" + re.escape("".join(sorted(v))) + "]") if v else None for k, v in partners.items()})
