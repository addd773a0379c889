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
LATIN = re.compile(r"[A-Za-z]")
NOT_PROSE = re.compile(r"`[^`\n]*`|https?://\S+|\{\{[<%].*?[>%]\}\}")


@lru_cache(maxsize=1)
def script_table() -> tuple[frozenset[str], frozenset[str]]:
    """(Simplified-only, Traditional-only) characters."""
    table = json.loads(resources.files("lessonkit").joinpath("data/script_chars.json").read_text(encoding="utf-8"))
    return frozenset(table["simplified_only"]), frozenset(table["traditional_only"])


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
    simplified_only, traditional_only = script_table()
    han = HAN.findall(text)
    return ScriptCounts(
        han=len(han),
        latin=len(LATIN.findall(text)),
        simplified=sum(1 for char in han if char in simplified_only),
        traditional=sum(1 for char in han if char in traditional_only),
    )


def chinese_script(counts: ScriptCounts) -> str:
    """'zh-Hans', 'zh-Hant', 'mixed', or 'zh' when no character tells the scripts apart."""
    simplified, traditional = counts.simplified, counts.traditional
    minority = min(simplified, traditional)
    if minority >= MINORITY_MIN and minority >= MINORITY_SHARE * (simplified + traditional):
        return "mixed"
    if simplified == traditional:
        return "zh"
    return "zh-Hans" if simplified > traditional else "zh-Hant"


def language_of(text: str) -> str:
    """'zh-Hans', 'zh-Hant', 'en', 'mixed' or 'unknown' for a page body."""
    counts = count_script(text)
    if counts.chinese:
        script = chinese_script(counts)
        return "unknown" if script == "zh" else script
    if counts.latin == 0:
        return "unknown"
    return "en" if counts.han < ENGLISH_SHARE * (counts.han + counts.latin) else "mixed"
