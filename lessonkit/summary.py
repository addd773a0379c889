"""What run-level checks need to know of each linted page, kept after the page itself is dropped."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from typing import Optional

from .glossary import fold
from .parser import Page

WEIGHT_LINE = re.compile(r"""^\s*["']?weight["']?\s*[=:]""")


@dataclass(frozen=True)
class HeadingUse:
    template: str  # the prompt with the page's topic replaced by {topic}, scripts folded
    heading: str
    line: int


@dataclass
class PageSummary:
    language: str
    weight: Optional[int] = None
    weight_line: int = 1
    weight_column: int = 1
    weight_end_column: int = 1
    headings: list[HeadingUse] = field(default_factory=list)
    suppressions: list = field(default_factory=list)  # the page's suppression comments, for run-level findings

    def intern_strings(self) -> None:
        """Share equal strings between pages: a run keeps one summary per page, and most pages of a site have the
        same prompt templates and headings."""
        self.language = sys.intern(self.language)
        self.headings = [HeadingUse(sys.intern(use.template), sys.intern(use.heading), use.line) for use in self.headings]


def summarize(page: Page) -> PageSummary:
    front = page.lesson.front_matter
    summary = PageSummary(language=page.lesson.language, weight=front.weight,
                          suppressions=page.cache.get("suppressions", []))
    if front.weight is not None and front.end_line:
        for number in range(front.line, front.end_line + 1):
            text = page.source.lines[number - 1]
            if WEIGHT_LINE.match(text):
                start = len(text) - len(text.lstrip()) + 1
                summary.weight_line, summary.weight_column, summary.weight_end_column = number, start, len(text.rstrip()) + 1
                break
    topic = os.path.splitext(os.path.basename(page.source.path or ""))[0]
    topic_pattern = None
    for section in page.lesson.sections:
        if section.prompt is None or not topic or topic.casefold() not in section.prompt.text.casefold():
            continue
        topic_pattern = topic_pattern or re.compile(re.escape(topic), re.IGNORECASE)  # once per page, not per section
        template = topic_pattern.sub("{topic}", section.prompt.text)
        summary.headings.append(HeadingUse(fold(" ".join(template.split())), section.heading, section.line))
    return summary
