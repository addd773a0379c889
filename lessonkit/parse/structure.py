"""Line-level structure of a page body: code fences, headings and shortcodes, each with exact positions.

mistune does not report source positions, so the page is segmented here, line by line; everything inside a
fenced code block is code (a literal `{{` in a Vue or Jinja sample is not a shortcode).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .models import Shortcode

FENCE = re.compile(r"^(?P<indent>\s*)(?:[-*+]\s+|\d{1,3}[.)]\s+)?(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
HEADING = re.compile(r"^(?P<marks>#{1,6})(?:[ \t]+(?P<text>.*?))?[ \t]*#*[ \t]*$")
SHORTCODE = re.compile(r"\{\{(?P<delim>[<%])\s*(?P<close>/)?\s*(?P<name>[\w.-]+)(?P<args>.*?)(?P<self>/)?\s*[>%]\}\}")
INLINE_CODE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")


@dataclass
class Fence:
    start: int  # 0-based line index of the opening fence
    end: Optional[int]  # index of the closing fence, None when never closed
    marker: str


@dataclass
class Heading:
    index: int
    level: int
    text: str


@dataclass(slots=True)
class Tag:
    """A shortcode as the scanner found it, with where its inner text lies (the parser's business, not the
    model's)."""

    shortcode: Shortcode
    inner_start: int = 0  # 0-based offset just past the opening tag, on its line
    inner_end: int = 0  # 0-based offset of the closing tag, on its line


@dataclass
class Structure:
    """What the scanner found; `in_code[i]` is True for lines of fenced code, fence lines included."""

    in_code: list[bool]
    fences: list[Fence] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)

    @property
    def shortcodes(self) -> list[Shortcode]:
        return [tag.shortcode for tag in self.tags]


def mask_inline_code(line: str) -> str:
    """The line with inline code spans blanked out, same length, so columns stay exact."""
    return INLINE_CODE.sub(lambda m: " " * len(m[0]), line) if "`" in line else line


def scan(lines: list[str], start: int = 0) -> Structure:
    """Scan lines[start:] (the body) for fences, headings and shortcodes."""
    structure = Structure(in_code=[False] * len(lines))
    open_fence: Optional[Fence] = None
    open_tags: list[Tag] = []
    for index in range(start, len(lines)):
        line = lines[index]
        fence = FENCE.match(line) if ("`" in line or "~" in line) else None
        if open_fence is not None:
            structure.in_code[index] = True
            if fence and is_closing_fence(fence, open_fence.marker):
                open_fence.end = index
                open_fence = None
            continue
        if fence and not (fence["fence"][0] == "`" and "`" in fence["info"]):
            open_fence = Fence(start=index, end=None, marker=fence["fence"])
            structure.fences.append(open_fence)
            structure.in_code[index] = True
            continue
        if line.startswith("#"):
            heading = HEADING.match(line)
            if heading:
                structure.headings.append(Heading(index, len(heading["marks"]), (heading["text"] or "").strip()))
        if "{{" in line:
            scan_shortcodes(mask_inline_code(line), index, structure.tags, open_tags)
    return structure


def is_closing_fence(match: re.Match, marker: str) -> bool:
    fence = match["fence"]
    return fence[0] == marker[0] and len(fence) >= len(marker) and not match["info"].strip()


def scan_shortcodes(line: str, index: int, found: list[Tag], open_tags: list[Tag]) -> None:
    """Record the shortcode tags on one line; a closing tag closes the latest open tag of its name."""
    for match in SHORTCODE.finditer(line):
        if match["close"]:
            opener = next((t for t in reversed(open_tags) if t.shortcode.name == match["name"]), None)
            if opener is None:
                found.append(Tag(Shortcode(name=match["name"], delimiter=match["delim"], line=index + 1,
                                           column=match.start() + 1, closing_only=True)))
                continue
            open_tags.remove(opener)
            opener.shortcode.end_line, opener.shortcode.end_column = index + 1, match.end() + 1
            opener.inner_end = match.start()
        else:
            tag = Tag(Shortcode(name=match["name"], delimiter=match["delim"], line=index + 1,
                                column=match.start() + 1, self_closing=bool(match["self"])), match.end())
            found.append(tag)
            if not tag.shortcode.self_closing:
                open_tags.append(tag)
