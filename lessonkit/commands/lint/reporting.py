"""The lint report: each page's diagnostics read back from the store in path order and written in the requested
format, counted for the summary and the exit code; recorded for replay."""

from __future__ import annotations

import collections
import os
import sys
from dataclasses import dataclass, field
from typing import Iterator, Optional

import click

from ...atomic import atomic_path, write_atomic
from ...diagnostics import SEVERITY_RANK
from ...lint.linter import FileResult
from ...lint.store import DiagnosticStore
from .request import LintRequest


def colour_wanted(request: LintRequest, to_stderr: bool = False) -> bool:
    return request.output_file is None and not to_stderr and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def report(results: list[FileResult], request: LintRequest, store: DiagnosticStore,
           recording: Optional[Recording] = None):
    """Write the report, reading each page's diagnostics from the store in turn (and keep its text in
    `recording`, when given, for replay); returns the tally."""
    from ...report import formats

    tally = formats.Tally()

    def pages() -> Iterator[formats.Page]:
        for result in results:
            diagnostics = store.diagnostics(result)
            fail_on = request.finder.for_page(result.path).fail_on
            tally.count(result, diagnostics, SEVERITY_RANK[fail_on])
            yield result, diagnostics

    stdin_fixed = request.fix and any(r.from_stdin for r in results)
    to_stderr = stdin_fixed and request.output_file is None
    if request.statistics:
        collections.deque(pages(), maxlen=0)
        chunks = iter([formats.statistics(tally)])
    elif request.output_format == "text":
        chunks = text_report(pages(), tally, request, to_stderr)
    else:
        chunks = formats.FORMATS[request.output_format](pages())
    if recording is not None:
        chunks = recording.record(chunks)
    write_report(chunks, request, to_stderr)
    return tally


def text_report(pages: Iterator, tally, request: LintRequest, to_stderr: bool) -> Iterator[str]:
    from ...report import formats

    yield from formats.text(pages, colour_wanted(request, to_stderr))
    if not request.quiet:  # last: the tally is complete once every page has been written
        yield formats.summary(tally, request.fix)


MAX_REPLAY_SIZE = 32_000_000  # characters of report kept for replay


@dataclass
class Recording:
    """A report's text as it is written, up to MAX_REPLAY_SIZE characters (bigger reports are not replayed)."""

    chunks: list[str] = field(default_factory=list)
    size: int = 0

    @property
    def complete(self) -> bool:
        return self.size <= MAX_REPLAY_SIZE

    def record(self, chunks: Iterator[str]) -> Iterator[str]:
        for chunk in chunks:
            self.size += len(chunk)
            if self.complete:
                self.chunks.append(chunk)
            else:
                self.chunks.clear()
            yield chunk


def replay_report(report: bytes, request: LintRequest) -> None:
    """A stored report, written as the bytes it was (decoding and echoing it as text costs a sixth of the run)."""
    if request.output_file:
        write_atomic(request.output_file, report)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(report)
        sys.stdout.flush()


def write_report(chunks: Iterator[str], request: LintRequest, to_stderr: bool = False) -> None:
    if request.output_file:
        with atomic_path(request.output_file) as temporary, open(temporary, "w", encoding="utf-8") as stream:
            stream.writelines(chunks)
    else:
        for chunk in chunks:
            click.echo(chunk, nl=False, err=to_stderr)
