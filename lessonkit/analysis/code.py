"""Program code that a model wrote into a response without a fence: found once per page, for the rule that
reports it (LK126) and for the language check, which must not read PHP as English (LK305)."""

from __future__ import annotations

import re

from ..parse.parser import Page
from .script import HAN

CODE_LINE = re.compile(
    r"^\s*+(?:[}\]][;,)]*|.*[;{]|@\w+.*|(?://|/\*|\*/).*|(?:import|from\s+\S+\s+import|def|class|public|private|"
    r"protected|interface|struct|enum|namespace|export|function|const|let|var|return|#include|package|using|fn|func|"
    r"SELECT|INSERT|UPDATE|CREATE)\b.*)\s*$")
CODE_CONTINUES = re.compile(r"^(?:\s*$|[ \t]{2,}\S)")  # blank, or indented: still inside the block
MIN_CODE_LINES = 3  # a line or two that look like code are as often prose with a semicolon


def unfenced_code_blocks(page: Page) -> list[tuple[int, int, int]]:
    """(first line, line after the block, code lines) of each block of unfenced code in the page's responses:
    it starts at a line that looks like code and has no Chinese in it, goes on through such lines, blank lines
    and indented lines, and counts when it holds at least three code lines and is not an indented code block."""
    if "unfenced code" in page.cache:
        return page.cache["unfenced code"]
    lines, in_code, found = page.source.lines, page.structure.in_code, []
    for section in page.lesson.sections:
        if section.response is None:
            continue
        start, code_lines = None, 0
        for number in range(section.response.line, section.response.end_line + 2):
            line = lines[number - 1] if number <= section.response.end_line else None
            if line is not None and not in_code[number - 1] and not HAN.search(line):
                if CODE_LINE.match(line):
                    start, code_lines = start or number, code_lines + 1
                    continue
                if start and CODE_CONTINUES.match(line):
                    continue
            if start and code_lines >= MIN_CODE_LINES and not indented_block(lines, start, number):
                found.append((start, number, code_lines))
            start, code_lines = None, 0
    page.cache["unfenced code"] = found
    return found


def indented_block(lines: list[str], start: int, end: int) -> bool:
    """Are lines [start, end) an indented code block (after a blank line, every line indented four columns)?
    Markdown renders those as code."""
    block = [line for line in lines[start - 1:end - 1] if line.strip()]
    return (start == 1 or not lines[start - 2].strip()) and all(line.startswith(("    ", "\t")) for line in block)
