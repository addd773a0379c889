"""Front matter: find the block by lines (for exact positions) and load it with python-frontmatter's handlers.

python-frontmatter only loads TOML when the third-party `toml` package is installed and otherwise returns empty
metadata; lessonkit gives it a handler built on the standard library's `tomllib` instead.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from ..read.source import Problem
from .models import FrontMatter


class TomllibHandler:
    """TOML front matter between `+++` lines, loaded with tomllib (the handler interface python-frontmatter's
    handlers share: `load(text)`)."""

    def load(self, fm: str, **kwargs: object) -> Any:
        return tomllib.loads(fm)


@lru_cache(maxsize=None)
def handler(name: str) -> Any:
    """A handler by class name: ours for TOML, python-frontmatter's for YAML and JSON (imported only when a page
    needs one: it imports PyYAML)."""
    if name == "TomllibHandler":
        return TomllibHandler()
    from frontmatter import default_handlers

    return getattr(default_handlers, name)()


@dataclass(frozen=True)
class Style:
    format: str
    opening: re.Pattern
    closing: re.Pattern
    handler: str
    closing_is_content: bool = False  # JSON's braces belong to the data

    def load(self, block: str) -> Any:
        return handler(self.handler).load(block)


STYLES = [
    Style("toml", re.compile(r"\+{3,}\s*"), re.compile(r"\+{3,}\s*"), "TomllibHandler"),
    Style("yaml", re.compile(r"-{3,}\s*"), re.compile(r"(-{3,}|\.{3})\s*"), "YAMLHandler"),
    Style("json", re.compile(r"\{\s*"), re.compile(r"\}\s*"), "JSONHandler", closing_is_content=True),
]


@dataclass
class FrontMatterResult:
    front_matter: FrontMatter
    body_start: int  # 0-based index of the first body line
    problem: Optional[Problem] = None


def find_style(first_line: str) -> Optional[Style]:
    return next((style for style in STYLES if style.opening.fullmatch(first_line)), None)


def read_front_matter(lines: list[str]) -> FrontMatterResult:
    """Split the front matter off `lines`; a broken block gives a Problem positioned at the offending line."""
    style = find_style(lines[0]) if lines else None
    if style is None:
        return FrontMatterResult(FrontMatter(format=None), 0)
    closing = next((i for i in range(1, len(lines)) if style.closing.fullmatch(lines[i])), None)
    if closing is None:
        problem = Problem("LK101", f"{style.format.upper()} front matter opened here is never closed")
        body_start = next((i for i, line in enumerate(lines) if line.startswith("## ")), len(lines))
        return FrontMatterResult(FrontMatter(format=style.format, line=1), body_start, problem)
    inner = lines[1:closing]
    block = "\n".join(["{", *inner, "}"] if style.closing_is_content else inner)
    first_data_line = 1 if style.closing_is_content else 2
    front_matter = FrontMatter(format=style.format, line=1, end_line=closing + 1)
    try:
        data = style.load(block)
    except Exception as error:  # each handler raises its own error type; all are reported the same way
        line, column, message = error_position(error, block)
        where = first_data_line + line - 1 if line else 1
        return FrontMatterResult(front_matter, closing + 1, Problem("LK101", f"invalid {style.format.upper()} front matter: {message}", where, column or 1))
    if not isinstance(data, dict):
        problem = Problem("LK101", f"{style.format.upper()} front matter is not a table of keys", 1, 1)
        return FrontMatterResult(front_matter, closing + 1, problem)
    front_matter.data = data
    front_matter.title = scalar_text(data.get("title"))
    front_matter.weight, front_matter.weight_quoted = read_weight(data.get("weight"))
    return FrontMatterResult(front_matter, closing + 1)


def scalar_text(value: Any) -> Optional[str]:
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)


def read_weight(value: Any) -> tuple[Optional[int], bool]:
    """The weight as an integer, and whether it was written as a quoted string."""
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int):
        return value, False
    if isinstance(value, float) and value.is_integer():
        return int(value), False
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
        return int(value), True
    return None, False


POSITION_IN_MESSAGE = re.compile(r"(?:at )?line (\d+),? column (\d+)")


def error_position(error: Exception, block: str) -> tuple[Optional[int], Optional[int], str]:
    """Line and column (1-based, within the parsed block) and a one-line message from a TOML/YAML/JSON error."""
    mark = getattr(error, "problem_mark", None)  # YAML
    if mark is not None:
        return mark.line + 1, mark.column + 1, str(getattr(error, "problem", error))
    if hasattr(error, "lineno") and hasattr(error, "colno"):  # JSON
        return error.lineno, error.colno, error.msg
    message = str(error)
    found = POSITION_IN_MESSAGE.search(message)  # tomllib: "Invalid value (at line 2, column 9)"
    if found:
        return int(found[1]), int(found[2]), message[: found.start()].rstrip(" (")
    if message.endswith("(at end of document)"):
        lines = block.split("\n")
        return len(lines), len(lines[-1]) + 1, message[: -len("(at end of document)")].rstrip()
    return None, None, message.splitlines()[0] if message else type(error).__name__
