"""Small inline lesson pages for the cross-cutting tests (selection, suppression, fixes, glossary, profiles), and
linting them in-process. Rule behaviour is tested on the example pages of tests/rules/ instead."""

from __future__ import annotations

from typing import Optional

from lessonkit.config.schema import ConfigFile
from lessonkit.config.selection import Layer
from lessonkit.config.settings import Settings
from lessonkit.diagnostics import Diagnostic
from lessonkit.lint.linter import lint_source
from lessonkit.read.source import source_from_text

FRONT_MATTER = '+++\ntitle = "t"\n+++\n'  # lines 1-3


def section(body: str, prompt: str = "给我2题X的问题", heading: str = "知识测验") -> str:
    """A section of 5 lines (heading, prompt shortcode of 3 lines, blank) followed by `body`."""
    return f"## {heading}\n{{{{< ask_chatgpt >}}}}\n{prompt}\n{{{{< /ask_chatgpt >}}}}\n\n{body}"


def page(*sections: str) -> str:
    """Front matter on lines 1-3, then the sections: the first heading is on line 4, its body from line 9."""
    return FRONT_MATTER + "".join(sections)


def only(*codes: str, **config) -> Settings:
    """Settings that select exactly `codes`, with configuration keys (by field name) on top of the defaults."""
    return Settings(config=ConfigFile(**config), cli=Layer(select=codes))


def lint(text: str, settings: Optional[Settings] = None, path: Optional[str] = None) -> list[Diagnostic]:
    return lint_source(source_from_text(text, path), settings or Settings())


def lines_of(text: str, settings: Optional[Settings] = None, path: Optional[str] = None) -> list[tuple[str, int]]:
    """(code, line) of every diagnostic."""
    return [(d.code, d.line) for d in lint(text, settings, path)]


def quiz(body: str, **section_keys) -> str:
    """A one-section page: heading on line 4, closing prompt tag on line 7, `body` from line 9."""
    return page(section(body, **section_keys))
