"""Which language and Chinese script a text is written in, from character counts (no model, no download).

Han characters are labelled Simplified-only, Traditional-only or shared from `data/script_chars.json`, built from
OpenCC's tables by `tools/build_script_table.py`. A text is Chinese when Han characters make up at least
`CHINESE_SHARE` of its letters.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

CHINESE_SHARE = 0.3  # Han / (Han + Latin letters) at or above which a text is Chinese
ENGLISH_SHARE = 0.05  # below which a text with Latin letters is English
MINORITY_SHARE = 0.2  # a script with at least this share of the script-specific characters makes a text mixed
MINORITY_MIN = 5  # ... and at least this many of them
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HAN_RUN = re.compile(HAN.pattern + "+")
NOT_ASCII_LETTER = bytes(b for b in range(128) if not chr(b).isalpha())  # to delete from ASCII-encoded text
NOT_PROSE = re.compile(r"`[^`\n]*`|https?://\S+|\{\{[<%][^{}\n]*[>%]\}\}")  # no nested braces: linear


@dataclass(frozen=True)
class ScriptTable:
    simplified_only: frozenset[str]
    traditional_only: frozenset[str]
    to_simplified: str  # pairs: Traditional character, its Simplified form
    simplified: re.Pattern  # one Simplified-only character
    traditional: re.Pattern  # one Traditional-only character


def char_class(chars: str) -> re.Pattern:
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


@lru_cache(maxsize=1)
def script_table() -> ScriptTable:
    table = json.loads(resources.files("lessonkit").joinpath("data/script_chars.json").read_text(encoding="utf-8"))
    simplified, traditional = table["simplified_only"], table["traditional_only"]
    return ScriptTable(frozenset(simplified), frozenset(traditional), table["to_simplified"],
                       char_class(simplified), char_class(traditional))


@dataclass(frozen=True)
class ScriptCounts:
    han: int
    latin: int
    simplified: int
    traditional: int

    @property
    def chinese(self) -> bool:
        return self.han > 0 and self.han >= CHINESE_SHARE * (self.han + self.latin)


def count_script(text: str) -> ScriptCounts:
    """Count Han, Latin, Simplified-only and Traditional-only characters outside inline code, URLs and shortcodes."""
    text = NOT_PROSE.sub(" ", text)
    han = sum(map(len, HAN_RUN.findall(text)))  # runs, not characters: far fewer matches to build
    latin = len(text.encode("ascii", "ignore").translate(None, NOT_ASCII_LETTER))  # A-Z, a-z: 7x faster than a regex
    if not han:  # no Han character, so none of either script (and no need to load the table)
        return ScriptCounts(han, latin, 0, 0)
    table = script_table()
    return ScriptCounts(han, latin, len(table.simplified.findall(text)), len(table.traditional.findall(text)))


def chinese_script(counts: ScriptCounts) -> str:
    """'zh-Hans', 'zh-Hant', 'mixed', or 'zh' when no character tells the scripts apart."""
    simplified, traditional = counts.simplified, counts.traditional
    minority = min(simplified, traditional)
    if minority >= MINORITY_MIN and minority >= MINORITY_SHARE * (simplified + traditional):
        return "mixed"
    if simplified == traditional:
        return "zh"
    return "zh-Hans" if simplified > traditional else "zh-Hant"


def language_of(counts: ScriptCounts) -> str:
    """'zh-Hans', 'zh-Hant', 'en', 'mixed' or 'unknown' for a page body's counts."""
    if counts.chinese:
        script = chinese_script(counts)
        return "unknown" if script == "zh" else script
    if counts.latin == 0:
        return "unknown"
    return "en" if counts.han < ENGLISH_SHARE * (counts.han + counts.latin) else "mixed"
