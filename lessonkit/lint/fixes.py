"""The fix stage: apply the edits of fixes to a page's text, non-overlapping, leaving every other byte as it was."""

from __future__ import annotations

import re

from ..diagnostics import Fix

LINE_BREAK = re.compile(r"\r\n|\n|\r")


def line_starts(raw: str) -> list[int]:
    """Offset in `raw` where each line starts (lines split as source.split_lines does)."""
    return [0] + [match.end() for match in LINE_BREAK.finditer(raw)]


Span = tuple[int, int, str]  # replace raw[start:end] with the text


def choose_spans(raw: str, fixes: list[Fix]) -> tuple[list[Span], int]:
    """The edits of every fix that does not overlap an earlier one, as offsets in `raw`; and how many fixes."""
    starts = line_starts(raw)

    def offset(line: int, column: int) -> int:
        return len(raw) if line > len(starts) else starts[line - 1] + column - 1

    chosen: list[Span] = []
    applied = 0
    spans_per_fix = [sorted((offset(e.line, e.column), offset(e.end_line, e.end_column), e.content) for e in fix.edits)
                     for fix in fixes]
    for spans in sorted(spans_per_fix, key=lambda spans: spans[0][:2]):
        if any(overlaps(span, other) for span in spans for other in chosen):
            continue
        chosen.extend(spans)
        applied += 1
    return sorted(chosen), applied


def apply_spans(raw: str, spans: list[Span]) -> str:
    """`raw` with the (non-overlapping) spans replaced; every other character kept."""
    pieces, position = [], 0
    for start, end, content in sorted(spans):
        pieces += [raw[position:start], content]
        position = end
    return "".join(pieces) + raw[position:]


def apply_fixes(raw: str, fixes: list[Fix]) -> tuple[str, int]:
    """`raw` with every fix applied that does not overlap an earlier one; and how many were applied."""
    spans, applied = choose_spans(raw, fixes)
    return apply_spans(raw, spans), applied


def overlaps(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    if a[0] == a[1] == b[0] == b[1]:
        return True  # two insertions at one point: their order would be arbitrary
    return a[0] < b[1] and b[0] < a[1]
