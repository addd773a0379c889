"""Where a run keeps its pages' diagnostics until the report reads them, page by page: a temporary file, so a
100,000-page run does not hold millions of diagnostics in memory."""

from __future__ import annotations

import tempfile

from .diagnostics import Diagnostic, decode_rows
from .linter import FileResult


class DiagnosticStore:
    def __init__(self):
        self.file = tempfile.TemporaryFile()  # deleted when closed, or by the system if the run dies
        self.end = 0

    def keep(self, result: FileResult, rows: bytes) -> None:
        """Move a page's encoded diagnostics out of memory; its in-memory list keeps only what is added later."""
        self.file.seek(self.end)
        self.file.write(rows)
        result.stored = (self.end, len(rows))
        self.end += len(rows)

    def diagnostics(self, result: FileResult) -> list[Diagnostic]:
        """All of a page's diagnostics, sorted by position."""
        if result.stored is None:
            return result.diagnostics
        offset, length = result.stored
        self.file.seek(offset)
        stored = decode_rows(result.path, self.file.read(length))
        return sorted(stored + result.diagnostics, key=lambda d: d.sort_key) if result.diagnostics else stored

    def close(self) -> None:
        self.file.close()
