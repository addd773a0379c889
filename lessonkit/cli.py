"""The `lessonkit` command. Each command imports what it needs when it runs, so start-up stays fast."""

from __future__ import annotations

import sys
from typing import Optional

import click

from . import __version__

EXIT_INPUT_ERROR = 2


def report_error(path: Optional[str], line: int, column: int, code: str, message: str) -> None:
    click.echo(f"{path or '<stdin>'}:{line}:{column}: {code} {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="lessonkit")
def main() -> None:
    """Read, lint, convert and export AI-generated Hugo lesson pages."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--to", "to", type=click.Choice(["json", "jsonl"]), default="json", show_default=True,
              help="json: one object for one file, an array for several; jsonl: one lesson per line.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file (atomically) instead of standard output.")
@click.option("--stdin-filename", help="The path to report for a page read from '-'.")
def convert(paths: tuple[str, ...], to: str, output: Optional[str], stdin_filename: Optional[str]) -> None:
    """Convert lesson pages (files, folders, or - for stdin) to JSON."""
    from .convert import render
    from .pages import load_page
    from .paths import collect_pages
    from .source import UnreadablePage

    pages = collect_pages(list(paths))
    failed = bool(pages.missing)
    for missing in pages.missing:
        report_error(missing, 1, 1, "LK100", "no such file or directory")
    lessons = []
    for path in pages.files:
        try:
            page = load_page(path, stdin_filename)
        except UnreadablePage as error:
            report_error(error.path, error.problem.line, error.problem.column, error.problem.code, error.problem.message)
            failed = True
            continue
        if page.problems:
            for problem in page.problems:
                report_error(page.source.path, problem.line, problem.column, problem.code, problem.message)
            failed = True
            continue
        lessons.append(page.lesson)
    single = len(paths) == 1 and len(pages.files) == 1 and pages.files[0] in paths
    text = render(lessons, to, single)
    if output:
        from .atomic import write_atomic

        write_atomic(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)
    sys.exit(EXIT_INPUT_ERROR if failed else 0)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the lesson model (what `convert` emits)."""
    from .convert import schema_text

    click.echo(schema_text(), nl=False)
