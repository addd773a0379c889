"""What a prompt asks for: how many items, and in which language (patterns in data/prompts.toml)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..analysis.script import chinese_script, count_script
from ..datafiles import load_data


@lru_cache(maxsize=1)
def prompt_patterns() -> tuple[list[re.Pattern], dict[str, int], list[tuple[str, re.Pattern]]]:
    data = load_data("prompts.toml")
    counts = [re.compile(pattern) for pattern in data["count_patterns"]]
    languages = [(language, re.compile(p)) for language, patterns in data["languages"].items() for p in patterns]
    return counts, data["numbers"], languages


def number_value(word: str, numbers: dict[str, int]) -> Optional[int]:
    """'5' -> 5, 'five' -> 5, '五' -> 5, '十五' -> 15, '二十' -> 20."""
    if word.isdigit():
        return int(word)
    word = word.lower()
    if word in numbers:
        return numbers[word]
    if "十" in word:  # Chinese tens: [digit]十[digit]
        tens, _, ones = word.partition("十")
        return numbers.get(tens, 1) * 10 + (numbers.get(ones, 0) if ones else 0)
    return None


def requested_count(prompt: str) -> Optional[int]:
    """The number of items the prompt asks for, or None when it names no number."""
    patterns, numbers, _ = prompt_patterns()
    for pattern in patterns:
        found = pattern.search(prompt)
        if found:
            return number_value(found["n"], numbers)
    return None


def requested_language(prompt: str) -> Optional[str]:
    """The language the prompt asks the answer to be in; 'zh' is refined by the prompt's own script."""
    _, _, languages = prompt_patterns()
    language = next((language for language, pattern in languages if pattern.search(prompt)), None)
    if language == "zh":
        script = chinese_script(count_script(prompt))
        return script if script in ("zh-Hans", "zh-Hant") else "zh"
    return language
