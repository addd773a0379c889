"""Inline suppression comments, a filter stage after the rules (LK001, LK002).

    <!-- lessonkit: disable=LK201 reason="answers come later" -->   ...   <!-- lessonkit: enable=LK201 -->
    <!-- lessonkit: disable-next-line=LK203 -->
    <!-- lessonkit: disable-file=trailing-whitespace,LK502 -->

Codes, prefixes and readable names work alike; `all` means every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from . import Finding, engine_rule

engine_rule("LK001", "unused-suppression", "warning", """
    A suppression comment that suppressed nothing.

    **Why it matters**: the problem it was written for is gone (or never was); the stale comment hides the next
    real one.

    **Example**: `<!-- lessonkit: disable-next-line=LK201 -->` above a question that now has an answer.

    **Fix**: none; delete the comment. Only comments for enabled rules are reported.
""")
engine_rule("LK002", "invalid-suppression", "error", """
    A `<!-- lessonkit: ... -->` comment that cannot be understood: an unknown action or rule, no rules, or an
    `enable` with no `disable` before it.

    **Why it matters**: the author meant to suppress something and nothing is suppressed.

    **Example**: `<!-- lessonkit: disabel=LK201 -->`, `<!-- lessonkit: disable=LK999 -->`.

    **Fix**: none; correct the comment (`lessonkit rules` lists codes and names).
""")

COMMENT = re.compile(r"<!--\s*lessonkit\s*:(?P<body>.*?)-->")
DIRECTIVE = re.compile(r"\s*(?P<action>[\w-]+)\s*(?:=\s*(?P<codes>[\w,\s-]+?))?\s*(?:reason\s*=\s*\"[^\"]*\"\s*)?$")
ACTIONS = ("disable", "enable", "disable-next-line", "disable-file")


@dataclass
class Suppression:
    line: int
    column: int
    end_column: int
    codes: frozenset[str]
    first: int  # first line covered
    last: int  # last line covered
    used: set[str] = field(default_factory=set)


@dataclass
class SuppressionScan:
    suppressions: list[Suppression] = field(default_factory=list)
    invalid: list[Finding] = field(default_factory=list)


def scan_suppressions(lines: list[str], in_code: list[bool], all_codes: set[str], resolve) -> SuppressionScan:
    """Find suppression comments outside code; `resolve` turns selectors into codes (raises on unknown ones)."""
    result = SuppressionScan()
    open_ranges: dict[str, Suppression] = {}
    for index, line in enumerate(lines):
        if in_code[index] or "lessonkit" not in line:
            continue
        for comment in COMMENT.finditer(line):
            number, column, end = index + 1, comment.start() + 1, comment.end() + 1
            directive = DIRECTIVE.match(comment["body"])
            problem = None
            if not directive or directive["action"] not in ACTIONS:
                problem = f"unknown suppression '{comment['body'].strip()}'; use one of {', '.join(ACTIONS)}"
            elif not directive["codes"]:
                problem = f"'{directive['action']}' needs rules, e.g. {directive['action']}=LK201"
            if problem is None:
                codes, problem = resolve_codes(directive["codes"], all_codes, resolve)
            if problem is not None:
                result.invalid.append(Finding(number, column, number, end, problem))
                continue
            action = directive["action"]
            if action == "disable-file":
                result.suppressions.append(Suppression(number, column, end, codes, 1, len(lines)))
            elif action == "disable-next-line":
                result.suppressions.append(Suppression(number, column, end, codes, number + 1, number + 1))
            elif action == "disable":
                suppression = Suppression(number, column, end, codes, number, len(lines))
                result.suppressions.append(suppression)
                open_ranges.update({code: suppression for code in codes})
            else:  # enable
                closed = {code for code in codes if code in open_ranges}
                if not closed:
                    result.invalid.append(Finding(number, column, number, end, "'enable' without a matching 'disable'"))
                for code in closed:
                    open_ranges.pop(code).last = number
    return result


def resolve_codes(text: str, all_codes: set[str], resolve) -> tuple[frozenset[str], Optional[str]]:
    selectors = tuple(part.strip() for part in text.split(",") if part.strip())
    if any(s.lower() == "all" for s in selectors):
        return frozenset(all_codes), None
    try:
        return frozenset(resolve(selectors)), None
    except Exception as error:  # ConfigError: unknown rule
        return frozenset(), str(error).split(": ", 1)[-1]


def suppressed(suppressions: list[Suppression], code: str, line: int) -> bool:
    """Is a finding of `code` on `line` suppressed? Marks the suppression used."""
    for suppression in suppressions:
        if code in suppression.codes and suppression.first <= line <= suppression.last:
            suppression.used.add(code)
            return True
    return False


def unused(suppressions: list[Suppression], enabled: frozenset[str]) -> list[Finding]:
    """LK001 findings: suppressions of enabled rules that suppressed nothing."""
    return [Finding(s.line, s.column, s.line, s.end_column,
                    f"suppression of {', '.join(sorted(s.codes & enabled))} suppressed nothing")
            for s in suppressions if not s.used and s.codes & enabled]
