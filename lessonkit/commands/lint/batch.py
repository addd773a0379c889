"""Linting pages in batches, in this process or in worker processes: each page read, linted (or taken from the
cache), fixed or diffed, and its results moved to the run's store as they arrive."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Optional

from ...config.schema import ConfigError
from ...diagnostics import encode_rows
from ...lint.linter import FileResult, lint_one, unreadable_result
from ...lint.store import DiagnosticStore
from ...lint.summary import encode_term_uses
from ...lint.workers import worker_pool, worth_workers
from ...read.pages import read_input
from ...read.paths import STDIN
from ...read.source import UnreadablePage
from .cached import lint_path_cached, result_cache
from .request import LintRequest
from .writing import linted_roots, write_fix


def lint_path(path: str, request: LintRequest) -> FileResult:
    if request.uses_cache and path != STDIN:
        return lint_path_cached(path, request)
    try:
        source = read_input(path, request.stdin_filename)
    except UnreadablePage as error:
        return unreadable_result(error)
    settings = request.finder.for_page(source.path)
    result = lint_one(source, settings, request.applicabilities)
    result.from_stdin = path == STDIN
    return result


def cache_hits(files: list[str], keys: dict[str, str], request: LintRequest,
               store: DiagnosticStore) -> tuple[list[FileResult], list[str]]:
    """Results the cache already has (loaded here: cheaper than sending them back from workers), and the files
    that still need linting."""
    cache, hits, misses = result_cache(request.cache_dir) if keys else None, [], []
    for path in files:
        hit = cache.load(keys[path]) if path in keys else None
        if hit is None:
            misses.append(path)
        else:
            hits.append(kept(FileResult(path, rows=hit[0], summary=hit[1]), store))
    return hits, misses


def kept(result: FileResult, store: DiagnosticStore) -> FileResult:
    """The result with its encoded diagnostics, diff and term uses moved to the store and its summary's strings
    shared."""
    if result.rows is not None:
        result.stored, result.rows = store.put(result.rows), None
    if result.diff is not None:
        result.diff_stored, result.diff = store.put(result.diff.encode("utf-8")), None
    if result.summary is not None:
        if result.summary.term_uses:
            result.terms_stored, result.summary.term_uses = store.put(encode_term_uses(result.summary.term_uses)), []
        result.summary.intern_strings()
    return result


def unified_diff(result: FileResult) -> str:
    import difflib

    name = result.path or "stdin"
    before = result.original.raw.splitlines(keepends=True)
    after = result.final.raw.splitlines(keepends=True)
    return "".join(difflib.unified_diff(before, after, f"a/{name}", f"b/{name}"))


@dataclass
class Batch:
    """What linting some pages produced: results, and problems to report once (configuration errors, internal
    errors, fixed pages that could not be written)."""

    results: list[FileResult]
    errors: list[str]


def lint_batch(paths: list[str], request: LintRequest) -> Batch:
    """Lint pages; with --fix write each fixed page, with --diff make its diff, as soon as it is linted."""
    batch = Batch([], [])
    roots = linted_roots(request.paths) if request.fix else []
    for path in paths:
        try:
            result = lint_path(path, request)
            if result.changed:
                if request.diff:
                    result.diff = unified_diff(result)
                elif not result.from_stdin and (problem := write_fix(result, roots)):
                    batch.errors.append(problem)
            batch.results.append(result)
        except ConfigError as error:
            batch.errors.append(f"lessonkit: {error}")
        except Exception as error:  # a bug must not stop the other pages; it is reported, never a traceback
            batch.errors.append(f"{path}: lessonkit internal error ({type(error).__name__}: {error}); please report it")
    for result in batch.results:  # what the report needs is in the diagnostics, the summary (and the diff)
        if not result.unreadable and not result.from_stdin:
            result.original = result.final = None
            if result.rows is None:
                result.rows, result.diagnostics = encode_rows(result.diagnostics), []
    return batch


_worker_request: Optional[LintRequest] = None


def start_worker(request: LintRequest) -> None:
    global _worker_request
    _worker_request = request


def lint_batch_in_worker(paths: list[str]) -> Batch:
    return lint_batch(paths, _worker_request)


def lint_all(files: list[str], request: LintRequest, store: DiagnosticStore) -> Batch:
    """Lint every file in chunks, in worker processes when there are enough files to pay for starting them; each
    chunk's diagnostics go to the store as it arrives."""
    parallel = worth_workers(request.jobs, len(files)) and STDIN not in files
    size = max(8, min(64, len(files) // (request.jobs * 4))) if parallel else 64
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    combined = Batch([], [])
    with worker_pool(request.jobs, start_worker, (request,)) if parallel else contextlib.nullcontext() as pool:
        batches = pool.map(lint_batch_in_worker, chunks) if parallel else (lint_batch(c, request) for c in chunks)
        for batch in batches:
            combined.results.extend(kept(result, store) for result in batch.results)
            combined.errors.extend(batch.errors)
    return combined
