"""What run-level checks need to know of each linted page, kept after the page itself is dropped."""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import astuple, dataclass, field
from functools import cache
from typing import Optional

from ..analysis.glossary import fold
from ..analysis.language import term_matches
from ..analysis.site import REGION_OF_SCRIPT, expectation, is_index_page, standard
from ..config.settings import Settings
from ..parse.parser import Page
from ..rules import all_rules

WEIGHT_LINE = re.compile(r"""^\s*["']?weight["']?\s*[=:]""")


@dataclass(frozen=True)
class HeadingUse:
    template: str  # the prompt with the page's topic replaced by {topic}, scripts folded
    heading: str
    line: int


@dataclass(frozen=True)
class TermUse:
    """A glossary variant of a `consistency` term in the page's prose, for the site-wide comparison."""

    term: str  # the term's id
    text: str
    line: int
    start: int  # 0-based columns on the line
    end: int


@dataclass
class PageSummary:
    language: str
    weight: Optional[int] = None
    weight_line: int = 1
    weight_column: int = 1
    weight_end_column: int = 1
    headings: list[HeadingUse] = field(default_factory=list)
    suppressions: list = field(default_factory=list)  # the page's suppression comments, for run-level findings
    script: Optional[str] = None  # in site mode, a Chinese page's script ('zh-Hans', 'zh-Hant'), its region ...
    region: Optional[str] = None
    index_page: bool = False  # the page is its folder's index page (its siblings are the folder's siblings)
    term_uses: list[TermUse] = field(default_factory=list)  # ... and its variants of consistency terms (a run
    # moves them to its store: about 50 per page)

    def intern_strings(self) -> None:
        """Share equal strings between pages: a run keeps one summary per page, and most pages of a site have the
        same prompt templates and headings."""
        self.language = sys.intern(self.language)
        self.script = self.script and sys.intern(self.script)
        self.region = self.region and sys.intern(self.region)
        self.headings = [HeadingUse(sys.intern(use.template), sys.intern(use.heading), use.line) for use in self.headings]


def summarize(page: Page, settings: Settings) -> PageSummary:
    front = page.lesson.front_matter
    profile = settings.profile_for(page.source.path)
    tree = expectation(page, settings).language  # pages are compared within their language tree
    summary = PageSummary(language=tree or page.lesson.language, weight=front.weight,
                          suppressions=page.cache.get("suppressions", []),
                          index_page=is_index_page(page.source.path, profile.folder_index_pages if profile else None))
    if settings.site_mode and site_rules() & settings.enabled(page.source.path):
        add_term_uses(summary, page, settings)
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


@cache
def site_rules() -> frozenset[str]:
    """Codes of the rules with a site-wide check: they need the page's term variants."""
    return frozenset(code for code, rule in all_rules().items() if rule.site_only)


def add_term_uses(summary: PageSummary, page: Page, settings: Settings) -> None:
    """The page's script and region (its language tree's, else its majority's) and its variants of consistency
    terms, when it is a Chinese page."""
    script, region, _ = standard(page, settings)
    if script in REGION_OF_SCRIPT:
        summary.script, summary.region = script, region
        summary.term_uses = [TermUse(match.term.id, match.text, number, match.start, match.end)
                             for number, match in term_matches(page, settings) if match.term.mode == "consistency"]


def encode_term_uses(uses: list[TermUse]) -> bytes:
    """[term id, text, line, start, end] rows, as the run's store keeps them."""
    return json.dumps([astuple(use) for use in uses], ensure_ascii=False).encode("utf-8")


def term_use_rows(data: bytes) -> list[list]:
    """encode_term_uses's rows back (as lists: the site check reads about 50 a page)."""
    return json.loads(data)
