"""AI-residue patterns (data/residue.toml and the files a configuration adds), compiled once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator
from importlib import resources

CATEGORIES = ("boilerplate", "preamble", "epilogue", "figure", "placeholder")


class ResidueError(Exception):
    """A residue file that cannot be used; the message names the file and the pattern."""


@dataclass(frozen=True)
class Pattern:
    """A compiled pattern; a leading word boundary is checked after matching (regexes that start with a literal
    are searched much faster)."""

    regex: re.Pattern
    word_start: bool

    def finditer(self, text: str) -> Iterator[re.Match]:
        for match in self.regex.finditer(text):
            if not self.word_start or match.start() == 0 or not text[match.start() - 1].isalnum():
                yield match


@dataclass(frozen=True)
class Residue:
    patterns: dict[str, tuple[Pattern, ...]]
    dangling: re.Pattern  # a sentence end that is no end


def read_residue(text: str, origin: str) -> dict[str, list[str]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ResidueError(f"{origin}: invalid TOML: {error}") from None
    unknown = set(data) - set(CATEGORIES) - {"dangling_words"}
    if unknown:
        raise ResidueError(f"{origin}: unknown key(s) {', '.join(sorted(unknown))}; use {', '.join(CATEGORIES)}, dangling_words")
    for key, values in data.items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ResidueError(f"{origin}: '{key}' must be a list of strings")
    return data


def compile_pattern(pattern: str, origin: str) -> Pattern:
    flags, body = ("(?i)", pattern[4:]) if pattern.startswith("(?i)") else ("", pattern)
    word_start = body.startswith(r"\b")
    try:
        return Pattern(re.compile(flags + (body[2:] if word_start else body), re.MULTILINE), word_start)
    except re.error as error:
        raise ResidueError(f"{origin}: pattern {pattern!r}: {error}") from None


@lru_cache(maxsize=16)
def load_residue(extra_files: tuple[str, ...] = ()) -> Residue:
    sources = [(resources.files("lessonkit").joinpath("data", "residue.toml").read_text(encoding="utf-8"),
                "lessonkit/data/residue.toml")]
    for path in extra_files:
        try:
            with open(path, encoding="utf-8") as stream:
                sources.append((stream.read(), path))
        except OSError as error:
            raise ResidueError(f"{path}: cannot read: {error.strerror}") from None
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
    return Residue({k: tuple(v) for k, v in patterns.items()}, ending)
