"""Inline suppression comments, a filter stage after the rules (its findings: LK001, LK002 in rules/engine.py).

    <!-- lessonkit: disable=LK201 reason="answers come later" -->   ...   <!-- lessonkit: enable=LK201 -->
    <!-- lessonkit: disable-next-line=LK203 -->
    <!-- lessonkit: disable-file=trailing-whitespace,LK502 -->

Codes, prefixes and readable names work alike; `all` means every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..parse.structure import mask_inline_code
from ..rules import Finding

COMMENT = re.compile(r"<!--\s*lessonkit\s*:(?P<body>.*?)-->")
DIRECTIVE = re.compile(r"\s*(?P<action>[\w-]+)\s*(?:=\s*(?P<codes>[\w,\s-]+?))?\s*(?:reason\s*=\s*\"[^\"]*\"\s*)?$")
ACTIONS = ("disable", "enable", "disable-next-line", "disable-file")


@dataclass
class Comment:
    """One suppression comment; `used` collects the codes it suppressed."""

    line: int
    column: int
    end_column: int
    codes: frozenset[str]
    used: set[str] = field(default_factory=set)


@dataclass
class Suppression:
    """One code suppressed over lines [first, last] by a comment."""

    comment: Comment
    code: str
    first: int
    last: int


@dataclass
class SuppressionScan:
    comments: list[Comment] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    invalid: list[Finding] = field(default_factory=list)


def scan_suppressions(lines: list[str], in_code: list[bool], all_codes: set[str], resolve) -> SuppressionScan:
    """Find suppression comments outside code; `resolve` turns selectors into codes (raises on unknown ones)."""
    result = SuppressionScan()
    open_ranges: dict[str, Suppression] = {}
    for index, line in enumerate(lines):
        if in_code[index] or "lessonkit" not in line:
            continue
        for match in COMMENT.finditer(mask_inline_code(line)):
            number, column, end = index + 1, match.start() + 1, match.end() + 1
            directive = DIRECTIVE.match(match["body"])
            problem = None
            if not directive or directive["action"] not in ACTIONS:
                problem = f"unknown suppression '{match['body'].strip()}'; use one of {', '.join(ACTIONS)}"
            elif not directive["codes"]:
                problem = f"'{directive['action']}' needs rules, e.g. {directive['action']}=LK201"
            if problem is None:
                codes, problem = resolve_codes(directive["codes"], all_codes, resolve)
            if problem is not None:
                result.invalid.append(Finding(number, column, number, end, problem))
                continue
            action = directive["action"]
            if action == "enable":
                closed = [code for code in codes if code in open_ranges]
                if not closed:
                    result.invalid.append(Finding(number, column, number, end, "'enable' without a matching 'disable'"))
                for code in closed:
                    open_ranges.pop(code).last = number
                continue
            comment = Comment(number, column, end, codes)
            result.comments.append(comment)
            first, last = {"disable-file": (1, len(lines)), "disable-next-line": (number + 1, number + 1),
                           "disable": (number, len(lines))}[action]
            for code in sorted(codes):
                suppression = Suppression(comment, code, first, last)
                result.suppressions.append(suppression)
                if action == "disable":
                    open_ranges[code] = suppression
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
    """Is a finding of `code` on `line` suppressed? Marks the comment as used."""
    for suppression in suppressions:
        if suppression.code == code and suppression.first <= line <= suppression.last:
            suppression.comment.used.add(code)
            return True
    return False


def unused(comments: list[Comment], enabled: frozenset[str]) -> list[Finding]:
    """LK001 findings: comments suppressing enabled rules that suppressed nothing."""
    findings = []
    for comment in comments:
        codes = comment.codes & enabled
        if comment.used or not codes:
            continue
        named = "all rules" if len(codes) > 3 else ", ".join(sorted(codes))
        findings.append(Finding(comment.line, comment.column, comment.line, comment.end_column,
                                f"suppression of {named} suppressed nothing"))
    return findings
