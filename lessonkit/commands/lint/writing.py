"""Writing what --fix and --diff made: fixed pages (atomically, never through a link out of the linted folders), a
fixed standard input, diffs in path order."""

from __future__ import annotations

import os
import sys
from typing import Optional

import click

from ...atomic import write_atomic
from ...lint.linter import FileResult
from ...lint.store import DiagnosticStore
from ...read.paths import STDIN


def linted_roots(paths: list[str]) -> list[str]:
    """The real folders the run was asked to lint, and the real files it was named."""
    roots = []
    for path in paths:
        if path != STDIN:
            roots.append(os.path.realpath(path))
            if not os.path.isdir(path):
                roots.append(os.path.realpath(os.path.dirname(path) or "."))
    return roots


def inside(path: str, roots: list[str]) -> bool:
    real = os.path.realpath(path)
    return any(os.path.commonpath([real, root]) == root for root in roots)


def write_fix(result: FileResult, roots: list[str]) -> Optional[str]:
    """Write a fixed page (atomically), unless it is a link to a file outside the linted tree; returns why it was
    not written, or None."""
    if not inside(result.path, roots):
        return f"{result.path}: not fixed: it links to {os.path.realpath(result.path)}, outside the linted folders"
    try:
        write_atomic(result.path, result.final.encode())
    except OSError as error:
        return f"{result.path}: not fixed: cannot write: {error.strerror or error}"
    return None


def write_fixed_stdin(results: list[FileResult]) -> None:
    """A page fixed from standard input goes to standard output (the report to standard error)."""
    for result in results:
        if result.from_stdin and result.changed:
            sys.stdout.buffer.write(result.final.encode())
            sys.stdout.flush()


def write_diffs(results: list[FileResult], store: DiagnosticStore) -> bool:
    """The diffs of the changed pages, in path order; returns whether there was one."""
    changed = [result for result in results if result.diff_stored]
    for result in changed:
        click.echo(store.read(result.diff_stored).decode("utf-8"), nl=False)
    return bool(changed)
