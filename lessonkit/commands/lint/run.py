"""`lessonkit lint`: every page through the pipeline, then fixes written, a diff or a report, and the exit code."""

from __future__ import annotations

import collections
import contextlib
import os
import sys
from dataclasses import dataclass, field
from typing import Iterator, Optional

import click

from ...atomic import atomic_path, write_atomic
from ...config.settings import ConfigError, SettingsFinder
from ...diagnostics import SEVERITY_RANK, encode_rows
from ...lint.linter import FileResult, lint_one, unreadable_result
from ...read.paths import STDIN, PageList, collect_pages
from ...read.pages import read_input
from ...read.source import Problem, UnreadablePage, decode, read_bytes
from ...lint.store import DiagnosticStore
from ...lint.summary import encode_term_uses
from ...lint.workers import worker_pool, worth_workers

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT_ERROR = 0, 1, 2


@dataclass
class LintRequest:
    paths: list[str]
    finder: SettingsFinder
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    output_format: str = "text"
    output_file: Optional[str] = None
    statistics: bool = False
    exit_zero: bool = False
    quiet: bool = False
    stdin_filename: Optional[str] = None
    jobs: int = 1
    cache_dir: Optional[str] = None  # None: no result cache

    @property
    def uses_cache(self) -> bool:
        """Runs that fix pages (in place, or in a diff) bypass the cache."""
        return self.cache_dir is not None and not (self.fix or self.diff)

    @property
    def applicabilities(self) -> frozenset[str]:
        if not (self.fix or self.diff):
            return frozenset()
        return frozenset({"safe", "unsafe"} if self.unsafe_fixes else {"safe"})


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


_caches: dict = {}


def result_cache(folder: str):
    """One cache object per folder and process (it remembers settings fingerprints)."""
    from ...lint.cache import ResultCache

    return _caches.setdefault(folder, ResultCache(folder))


def lint_path_cached(path: str, request: LintRequest) -> FileResult:
    """Lint one file and store the result (cache_hits has already looked the file up). The key is computed again
    from the bytes linted here: the file may have changed since cache_keys read it."""
    cache = result_cache(request.cache_dir)
    try:
        data = read_bytes(path)
        source = decode(data, path)
    except UnreadablePage as error:
        return unreadable_result(error)
    settings = request.finder.for_page(path)
    result = lint_one(source, settings)
    result.rows, result.diagnostics = encode_rows(result.diagnostics), []
    cache.store(cache.key(path, data, settings), result.rows, result.summary)
    return result


def cache_keys(files: list[str], request: LintRequest) -> dict[str, str]:
    """The cache key of every file the cache may answer for (each file read and hashed once)."""
    if not request.uses_cache:
        return {}
    cache, keys = result_cache(request.cache_dir), {}
    for path in files:
        if path != STDIN:
            try:
                keys[path] = cache.key(path, read_bytes(path), request.finder.for_page(path))
            except (UnreadablePage, ConfigError):
                pass  # linting the file reports why
    return keys


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


def run_lint(request: LintRequest) -> int:
    store = DiagnosticStore()
    try:
        return lint_and_report(request, store)
    finally:
        store.close()


def lint_and_report(request: LintRequest, store: DiagnosticStore) -> int:
    pages = collect_pages(request.paths)
    keys = cache_keys(pages.files, request)
    replay = replay_key(request, pages, keys)
    stored = result_cache(request.cache_dir).load_run(replay) if replay else None
    if stored is not None:  # nothing changed since a run that asked for the same report: show that report
        replay_report(stored[1], request)
        return stored[0]
    results = [unreadable_result(UnreadablePage(path, Problem("LK100", "no such file or directory")))
               for path in pages.missing]
    hits, misses = cache_hits(pages.files, keys, request, store)
    batch = lint_all(misses, request, store)
    results.extend(hits + batch.results)
    for message in dict.fromkeys(batch.errors):  # once per configuration problem, not once per page under it
        click.echo(message, err=True)
    input_error = bool(pages.missing or batch.errors)
    results.sort(key=lambda r: r.path or "")
    input_error = input_error or any(r.unreadable for r in results)
    from ...lint.run_level import add_run_findings

    add_run_findings(results, request.finder, store)
    if request.diff:
        changed = write_diffs(results, store)
        return EXIT_INPUT_ERROR if input_error else (EXIT_FINDINGS if changed else EXIT_CLEAN)
    if request.fix:
        write_fixed_stdin(results)
    recording = Recording() if replay is not None and not input_error else None
    tally = report(results, request, store, recording)
    if input_error:
        return EXIT_INPUT_ERROR
    code = EXIT_FINDINGS if tally.failing and not request.exit_zero else EXIT_CLEAN
    if recording is not None and recording.complete:
        result_cache(request.cache_dir).store_run(replay, code, "".join(recording.chunks).encode("utf-8"))
    return code


MAX_REPLAY_SIZE = 32_000_000  # characters of report kept for replay


def replay_key(request: LintRequest, pages: PageList, keys: dict[str, str]) -> Optional[str]:
    """A key for the whole run's report when the cache can answer for every page (their keys cover lessonkit,
    settings, paths and contents), plus everything about the report that changes its text; else None."""
    files = pages.files
    if not files or pages.missing or len(keys) != len(files):  # (a run that fixes pages has no keys)
        return None
    import hashlib
    import json

    options = [request.output_format, request.statistics, request.quiet, request.exit_zero, colour_wanted(request)]
    digest = hashlib.sha256(json.dumps(options).encode())
    for path in files:
        digest.update(f"\0{path}\0{keys[path]}".encode())
    return digest.hexdigest()


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


def colour_wanted(request: LintRequest, to_stderr: bool = False) -> bool:
    return request.output_file is None and not to_stderr and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def report(results: list[FileResult], request: LintRequest, store: DiagnosticStore,
           recording: Optional[Recording] = None):
    """Write the report, reading each page's diagnostics from the store in turn (and keep its text in
    `recording`, when given, for replay); returns the tally."""
    from ...report import formats as formats

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
    from ...report import formats as formats

    yield from formats.text(pages, colour_wanted(request, to_stderr))
    if not request.quiet:  # last: the tally is complete once every page has been written
        yield formats.summary(tally, request.fix)


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
