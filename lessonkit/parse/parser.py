"""The parse stage: a Source becomes a Page (the Lesson model plus what rules need to see of the lines)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

from ..analysis.script import ScriptCounts, count_script, language_of
from ..datafiles import load_data
from ..read.source import Problem, Source, read_source, source_from_text
from .front_matter import read_front_matter
from .lists import last_nonblank, main_sequence, top_level_items
from .models import Item, Lesson, Prompt, Response, Section
from .prompts import requested_count, requested_language
from .quiz import QuizContext, extract_questions
from .structure import Structure, Tag, scan

PROMPT_SHORTCODES = ("ask_chatgpt",)


@dataclass
class Page:
    """Everything known about one page: its text, its model, its line structure, and problems found reading it."""

    source: Source
    lesson: Lesson
    structure: Structure
    body_start: int  # 0-based index of the first line after the front matter
    counts: ScriptCounts  # characters of the body outside code blocks, by script
    problems: list[Problem] = field(default_factory=list)
    cache: dict = field(default_factory=dict, repr=False)  # derived views that rules share (e.g. prose lines)


@lru_cache(maxsize=1)
def default_heading_kinds() -> dict[str, str]:
    return heading_table(load_data("sections.toml")["headings"])


def heading_table(headings: dict[str, list[str]]) -> dict[str, str]:
    """{kind: [heading, ...]} to {case-folded heading: kind}."""
    return {heading.strip().casefold(): kind for kind, names in headings.items() for heading in names}


def parse_source(source: Source, heading_kinds: Optional[dict[str, str]] = None,
                 prompt_shortcodes: Iterable[str] = PROMPT_SHORTCODES) -> Page:
    """Parse a page; problems with the front matter are recorded on the Page, never raised."""
    kinds = heading_kinds if heading_kinds is not None else default_heading_kinds()
    lines = source.lines
    front = read_front_matter(lines)
    structure = scan(lines, front.body_start)
    body = "\n".join(line for i, line in enumerate(lines[front.body_start:], front.body_start)
                     if not structure.in_code[i])
    counts = count_script(body)
    lesson = Lesson(path=source.path, front_matter=front.front_matter, language=language_of(counts),
                    shortcodes=structure.shortcodes, line_count=len(lines))
    boundaries = [h.index for h in structure.headings if h.level == 2]
    names = set(prompt_shortcodes)
    prompts = PromptTags([t for t in structure.tags if t.shortcode.name in names and not t.shortcode.closing_only])
    for n, heading in enumerate(h for h in structure.headings if h.level == 2):
        end = boundaries[n + 1] if n + 1 < len(boundaries) else len(lines)
        lesson.sections.append(read_section(lines, heading.index, end, heading.text, structure, kinds, prompts))
    return Page(source, lesson, structure, front.body_start, counts, [front.problem] if front.problem else [])


class PromptTags:
    """The page's prompt shortcodes in line order, for finding each section's prompt by bisection."""

    def __init__(self, tags: list[Tag]):
        self.tags = tags
        self.lines = [t.shortcode.line for t in tags]


def read_section(lines: list[str], start: int, end: int, heading: str, structure: Structure,
                 kinds: dict[str, str], prompts: PromptTags) -> Section:
    """One `## heading` section spanning lines [start, end)."""
    last = last_nonblank(lines, start, end)
    section = Section(kind=kinds.get(heading.casefold(), "other"), heading=heading, line=start + 1,
                      end_line=last + 1)
    index = bisect_right(prompts.lines, start + 1)  # the first prompt opened after the heading line
    tag = prompts.tags[index] if index < len(prompts.lines) and prompts.lines[index] - 1 < end else None
    response_start = start + 1
    if tag is not None:
        if tag.shortcode.end_line is not None:
            section.prompt = read_prompt(lines, tag)
            response_start = tag.shortcode.end_line
        else:
            response_start = tag.shortcode.line
    section.response = read_response(lines, response_start, end)
    if section.response is None:
        return section
    response_lines = range(section.response.line - 1, section.response.end_line)
    items = top_level_items(lines, response_lines, structure.in_code)
    if section.kind == "quiz":
        context = QuizContext(lines, structure.in_code, section.response.end_line)
        sequence, section.questions = extract_questions(items, context)
    else:
        sequence, _ = main_sequence(items)
    section.items = [Item(number=item.number, text=item.text, line=item.index + 1) for item in sequence]
    return section


def read_prompt(lines: list[str], tag: Tag) -> Prompt:
    first, last = tag.shortcode.line - 1, tag.shortcode.end_line - 1
    if first == last:
        text = lines[first][tag.inner_start:tag.inner_end]
    else:
        text = "\n".join([lines[first][tag.inner_start:], *lines[first + 1:last], lines[last][:tag.inner_end]])
    text = text.strip()
    return Prompt(text=text, line=first + 1, end_line=last + 1, requested_count=requested_count(text),
                  language=requested_language(text))


def read_response(lines: list[str], start: int, end: int) -> Optional[Response]:
    """The nonblank stretch of lines [start, end), or None when there is nothing."""
    first = next((i for i in range(start, end) if lines[i].strip()), None)
    if first is None:
        return None
    last = last_nonblank(lines, first, end)
    markdown = "\n".join(lines[first:last + 1]).rstrip()
    return Response(markdown=markdown, line=first + 1, end_line=last + 1)


def parse_text(text: str, path: Optional[str] = None) -> Lesson:
    """Parse a page held in memory."""
    return parse_source(source_from_text(text, path)).lesson


def parse_file(path: str | Path) -> Lesson:
    """Read and parse one page; raises UnreadablePage when the file cannot be read as UTF-8 text."""
    return parse_source(read_source(path)).lesson
