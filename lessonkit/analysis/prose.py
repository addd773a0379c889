"""The prose of a page for language rules: every line with front matter, code, inline code, URLs, link targets,
HTML and shortcode tags blanked out by spaces of the same length, so positions stay exact."""

from __future__ import annotations

import re

from ..parse.parser import Page
from ..parse.structure import INLINE_CODE, SHORTCODE

NOT_PROSE = [  # (a string the line must contain for the pattern to apply, the pattern)
    ("`", INLINE_CODE),
    ("{{", SHORTCODE),
    ("<!--", re.compile(r"<!--(?:(?!<!--).)*?-->")),  # never scans past the next opening: linear
    ("<", re.compile(r"</?[A-Za-z][^<>\n]*>")),  # HTML tags
    ("](", re.compile(r"\]\([^)\]\n]*\)")),  # link targets (stop at the next ']': linear)
    ("://", re.compile(r"<?https?://[^\s<>()\[\]（）]+>?")),
    ("www.", re.compile(r"www\.[^\s<>()\[\]（）]+")),
    ("$", re.compile(r"\$\$?[^$\n]+\$\$?")),  # inline math
]


def blank(match: re.Match) -> str:
    return " " * len(match[0])


def mask_line(line: str) -> str:
    for trigger, pattern in NOT_PROSE:
        if trigger in line:
            line = pattern.sub(blank, line)
    return line


def prose_lines(page: Page) -> list[str]:
    """Lines of the page as prose (same lengths); cached on the page."""
    cached = page.cache.get("prose")
    if cached is None:
        in_code = page.structure.in_code
        cached = ["" if index < page.body_start or in_code[index] else mask_line(line)
                  for index, line in enumerate(page.source.lines)]
        page.cache["prose"] = cached
    return cached


def line_offsets(lines: list[str]) -> list[int]:
    """Offset of each line in "\n".join(lines)."""
    offsets, position = [], 0
    for line in lines:
        offsets.append(position)
        position += len(line) + 1
    return offsets


def model_text_lines(page: Page) -> list[str]:
    """Prose without the prompts: the text the model wrote (typography fixes must not rewrite what was sent)."""
    cached = page.cache.get("model text")
    if cached is None:
        cached = list(prose_lines(page))
        for section in page.lesson.sections:
            if section.prompt is not None:
                for index in range(section.prompt.line - 1, section.prompt.end_line):
                    cached[index] = " " * len(cached[index])
        page.cache["model text"] = cached
    return cached
