"""`lessonkit lint`: every page through the pipeline, then run-level rules, and fixes written, a diff or a report,
and the exit code."""

from __future__ import annotations

import click

from ...lint.linter import unreadable_result
from ...lint.store import DiagnosticStore
from ...read.paths import collect_pages
from ...read.source import Problem, UnreadablePage
from .batch import cache_hits, lint_all
from .cached import cache_keys, replay_key, result_cache
from .reporting import Recording, replay_report, report
from .request import LintRequest
from .writing import write_diffs, write_fixed_stdin

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT_ERROR = 0, 1, 2


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
