"""Numbered items of a response, as a reader sees them: top-level items only, nested lists stay inside."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

NUMBERED = re.compile(
    r"^(?P<indent>[ \t]*)(?:#{1,6}[ \t]+)?(?P<bold>\*\*|__)?"
    r"(?:(?:Q|Question|問題|问题|題目|题目|第)[ \t]*)?"
    r"(?P<number>\d{1,3})(?:[ \t]*(?:題|题))?"
    r"(?:[.．](?!\d)|[)）、:：])(?P=bold)?(?:[ \t]+|(?=\S)|$)(?P<text>.*)$"
)


@dataclass
class NumberedLine:
    index: int  # 0-based line index in the file
    number: int
    indent: int
    text: str  # the item's first line, number and markup removed


def indent_width(line: str) -> int:
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def numbered_line(line: str, index: int) -> NumberedLine | None:
    found = NUMBERED.match(line)
    if not found:
        return None
    text = found["text"].strip()
    bold = found["bold"]
    if bold and text.startswith(bold):  # **1.** text
        text = text[len(bold):].lstrip()
    return NumberedLine(index, int(found["number"]), indent_width(line), text)


def top_level_items(lines: list[str], indices: range, in_code: list[bool]) -> list[NumberedLine]:
    """Numbered lines that start top-level items: outside code, and not indented two or more columns deeper
    than the shallowest numbered line once a list has started (those are nested lists inside an item)."""
    candidates = [n for i in indices if not in_code[i] and (n := numbered_line(lines[i], i)) is not None]
    if not candidates:
        return []
    base = min(n.indent for n in candidates)
    first = candidates[0].index
    return [n for n in candidates if n.indent < base + 2 or n.index == first]


def last_nonblank(lines: list[str], start: int, end: int) -> int:
    """Index of the last nonblank line in [start, end), or start when all are blank."""
    return next((i for i in range(end - 1, start - 1, -1) if lines[i].strip()), start)


def main_sequence(items: list[NumberedLine], starts_group: Callable[[int, list[NumberedLine]], bool] = lambda k, seq: False
                  ) -> tuple[list[NumberedLine], list[NumberedLine]]:
    """Split top-level items into the response's main numbered sequence and, when `starts_group` says a
    restart at 1 begins them, the answers grouped after it.

    An item continues the sequence when its number is above the last one (the next, or one after a gap). A list
    restarting at 1 that does not start a group is a list inside the previous item (steps of an answer), and so
    are the items that continue that inner list; while such a list is open only the next outer number ends it.
    """
    sequence: list[NumberedLine] = []
    inner_next: Optional[int] = None
    for k, item in enumerate(items):
        if not sequence:
            sequence.append(item)
        elif inner_next is not None and item.number == inner_next:
            inner_next += 1
        elif item.number > sequence[-1].number and inner_next is None:
            sequence.append(item)  # the next number, or a skipped one (1. then 3.): still the next item
        elif item.number == sequence[-1].number + 1:
            sequence.append(item)
            inner_next = None
        elif item.number == 1 and starts_group(k, sequence):
            return sequence, items[k:]
        elif item.number == 1:
            inner_next = 2
    return sequence, []
