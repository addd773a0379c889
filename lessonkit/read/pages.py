"""The read stage for commands: one PATH (or '-' for standard input) to a Source, or a positioned UnreadablePage."""

from __future__ import annotations

import sys
from typing import Optional

from .paths import STDIN
from .source import Source, decode, read_source


def read_input(path: str, stdin_filename: Optional[str] = None) -> Source:
    """Read one page; '-' reads standard input and names it `stdin_filename`."""
    if path == STDIN:
        return decode(sys.stdin.buffer.read(), stdin_filename)
    return read_source(path)
