"""`lessonkit lint`: every page through the pipeline, then fixes written, a diff or a report, and the exit code."""

from __future__ import annotations

import difflib
import os
import sys
from dataclasses import dataclass
from typing import Optional

import click

from .atomic import write_atomic
from .config import ConfigError, SettingsFinder
from .diagnostics import SEVERITY_RANK
from .linter import FileResult, lint_one, unreadable_result
from .paths import STDIN, collect_pages
from .pages import read_input
from .source import Problem, UnreadablePage

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

    @property
    def applicabilities(self) -> frozenset[str]:
        if not (self.fix or self.diff):
            return frozenset()
        return frozenset({"safe", "unsafe"} if self.unsafe_fixes else {"safe"})


def lint_path(path: str, request: LintRequest) -> FileResult:
    try:
        source = read_input(path, request.stdin_filename)
    except UnreadablePage as error:
        return unreadable_result(error)
    settings = request.finder.for_page(source.path)
    result = lint_one(source, settings, request.applicabilities)
    result.from_stdin = path == STDIN
    return result


def unified_diff(result: FileResult) -> str:
    name = result.path or "stdin"
    before = result.original.raw.splitlines(keepends=True)
    after = result.final.raw.splitlines(keepends=True)
    return "".join(difflib.unified_diff(before, after, f"a/{name}", f"b/{name}"))


def run_lint(request: LintRequest) -> int:
    pages = collect_pages(request.paths)
    results = [unreadable_result(UnreadablePage(path, Problem("LK100", "no such file or directory")))
               for path in pages.missing]
    input_error = bool(pages.missing)
    reported: set[str] = set()
    for path in pages.files:
        try:
            results.append(lint_path(path, request))
        except ConfigError as error:  # once per configuration problem, not once per page under it
            if str(error) not in reported:
                reported.add(str(error))
                click.echo(f"lessonkit: {error}", err=True)
            input_error = True
        except Exception as error:  # a bug must not stop the other pages; it is reported, never a traceback
            click.echo(f"{path}: lessonkit internal error ({type(error).__name__}: {error}); please report it", err=True)
            input_error = True
    results.sort(key=lambda r: r.path or "")
    input_error = input_error or any(r.unreadable for r in results)
    from .site import add_run_findings, add_site_findings

    add_run_findings(results, request.finder)
    if request.finder.site_mode():
        add_site_findings(results, request.finder)
    if request.diff:
        diffs = [unified_diff(r) for r in results if r.changed]
        click.echo("".join(diffs), nl=False)
        return EXIT_INPUT_ERROR if input_error else (EXIT_FINDINGS if diffs else EXIT_CLEAN)
    if request.fix:
        write_fixes(results)
    report(results, request)
    return exit_code(results, request, input_error)


def write_fixes(results: list[FileResult]) -> None:
    for result in results:
        if not result.changed:
            continue
        data = result.final.encode()
        if result.from_stdin:  # the fixed page goes to standard output, the report to standard error
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            write_atomic(result.path, data)


def report(results: list[FileResult], request: LintRequest) -> None:
    from . import report as formats

    stdin_fixed = request.fix and any(r.from_stdin for r in results)
    to_stderr = stdin_fixed and request.output_file is None
    if request.statistics:
        output = formats.statistics(results)
    elif request.output_format == "text":
        colour = (request.output_file is None and not to_stderr and sys.stdout.isatty()
                  and "NO_COLOR" not in os.environ)
        output = formats.text(results, colour)
        if not request.quiet:
            output += formats.summary(results, request.fix)
    else:
        output = formats.FORMATS[request.output_format](results)
    if request.output_file:
        write_atomic(request.output_file, output.encode("utf-8"))
    else:
        click.echo(output, nl=False, err=to_stderr)


def exit_code(results: list[FileResult], request: LintRequest, input_error: bool) -> int:
    if input_error:
        return EXIT_INPUT_ERROR
    if request.exit_zero:
        return EXIT_CLEAN
    failing = any(SEVERITY_RANK[d.severity] >= SEVERITY_RANK[request.finder.for_page(r.path).fail_on]
                  for r in results for d in r.diagnostics)
    return EXIT_FINDINGS if failing else EXIT_CLEAN
