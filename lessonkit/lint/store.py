"""Where a run keeps what it found in its pages until the report reads it back, page by page: their diagnostics,
the findings of run-level checks, and with --site their term variants, with --diff their diffs. A temporary file
(in memory up to SPOOL_SIZE), so a 100,000-page run does not hold millions of diagnostics in memory."""

from __future__ import annotations

import io

from ..diagnostics import Diagnostic, decode_rows, encode_rows
from .linter import FileResult

SPOOL_SIZE = 32 * 1024 * 1024  # bytes kept in memory before the store goes to disk


class DiagnosticStore:
    def __init__(self):
        self.file: io.BufferedIOBase = io.BytesIO()  # a temporary file once SPOOL_SIZE is reached
        self.end = 0

    def put(self, data: bytes) -> tuple[int, int]:
        """Move bytes out of memory; returns where they are (offset, length)."""
        if isinstance(self.file, io.BytesIO) and self.end + len(data) > SPOOL_SIZE:
            import tempfile  # only big runs need it

            spilled = tempfile.TemporaryFile()  # deleted when closed, or by the system if the run dies
            spilled.write(self.file.getbuffer())
            self.file = spilled
        self.file.seek(self.end)
        self.file.write(data)
        self.end += len(data)
        return self.end - len(data), len(data)

    def read(self, slot: tuple[int, int]) -> bytes:
        offset, length = slot
        self.file.seek(offset)
        return self.file.read(length)

    def add(self, result: FileResult, diagnostics: list[Diagnostic]) -> None:
        """Findings of run-level checks for a page, kept beside its own diagnostics (they are few: earlier
        additions are read back and stored again with the new ones)."""
        if result.stored is None:  # a page kept in memory (standard input)
            result.diagnostics = sorted(result.diagnostics + diagnostics, key=lambda d: d.sort_key)
            return
        earlier = decode_rows(result.path, self.read(result.added_stored)) if result.added_stored else []
        result.added_stored = self.put(encode_rows(earlier + diagnostics))

    def diagnostics(self, result: FileResult) -> list[Diagnostic]:
        """All of a page's diagnostics (its own and those added by run-level checks), sorted by position."""
        if result.stored is None:
            return result.diagnostics
        stored = decode_rows(result.path, self.read(result.stored))
        if result.added_stored is None:
            return stored
        return sorted(stored + decode_rows(result.path, self.read(result.added_stored)), key=lambda d: d.sort_key)

    def close(self) -> None:
        self.file.close()
