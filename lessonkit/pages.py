"""The read stage for commands: one PATH (or '-') to a parsed Page, or a positioned UnreadablePage error."""

from __future__ import annotations

import sys
from typing import Optional

from .parser import Page, parse_source
from .paths import STDIN
from .source import decode, read_source


def load_page(path: str, stdin_filename: Optional[str] = None) -> Page:
    """Read and parse one page; '-' reads standard input and names it `stdin_filename`."""
    if path == STDIN:
        source = decode(sys.stdin.buffer.read(), stdin_filename)
    else:
        source = read_source(path)
    return parse_source(source)
