"""`lessonkit anki`: pages to an Anki package (or CSV), with a summary of what was exported and what was not."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Iterator, Optional

import click

from ..atomic import write_atomic
from ..export.anki import ExportSummary, cards_for, csv_text, page_identity, write_apkg
from ..lint.workers import worker_pool, worth_workers
from ..read.pages import read_input
from ..read.paths import collect_pages
from ..read.source import UnreadablePage


def export_root(paths: list[str]) -> Optional[str]:
    """The folder page identities are relative to: the folder given, or the common folder of the files given."""
    folders = [p for p in paths if os.path.isdir(p)]
    if len(paths) == 1 and folders:
        return folders[0]
    if not folders and len(paths) == 1:
        return None
    return os.path.commonpath([os.path.abspath(p if os.path.isdir(p) else os.path.dirname(p) or ".") for p in paths])


def error_findings(source, path: str) -> list[str]:
    """Error-severity lint findings of a page (for --strict), with its configuration."""
    from ..config.selection import Layer
    from ..config.settings import SettingsFinder
    from ..lint.linter import lint_one

    settings = SettingsFinder(Layer(), None, None, False).for_page(path)
    return [f"{d.line}:{d.column}: {d.code} {d.message}" for d in lint_one(source, settings).diagnostics if d.severity == "error"]


@dataclass(frozen=True)
class ExportJob:
    """What every page of one export shares."""

    root: Optional[str]
    root_deck: str
    flat: bool
    tags: tuple[str, ...]
    include: tuple[str, ...]
    strict: bool


@dataclass
class PageExport:
    path: str
    cards: list = field(default_factory=list)
    skipped: int = 0
    unreadable: Optional[str] = None  # the reason
    refused: Optional[str] = None  # --strict: the first error finding


def export_page(path: str, job: ExportJob) -> PageExport:
    """One page's cards, or why it has none."""
    from ..parse.parser import parse_source

    result = PageExport(path)
    try:
        source = read_input(path)
    except UnreadablePage as error:
        result.unreadable = error.problem.located()
        return result
    page = parse_source(source)
    if page.problems:
        result.unreadable = page.problems[0].located()
        return result
    if job.strict:
        errors = error_findings(source, path)
        if errors:
            result.refused = errors[0] + (f" (+{len(errors) - 1} more)" if len(errors) > 1 else "")
            return result
    counts = ExportSummary()
    identity = page_identity(path, job.root, job.root_deck, job.flat, job.tags)
    result.cards = cards_for(page.lesson, identity, job.include, counts)
    result.skipped = counts.skipped_questions
    return result


def export_pages(files: list[str], job: ExportJob) -> Iterator[PageExport]:
    """Every page's export, in order; in worker processes when there are many pages."""
    jobs = os.cpu_count() or 1
    if not worth_workers(jobs, len(files)):
        yield from (export_page(path, job) for path in files)
        return
    with worker_pool(jobs) as pool:
        yield from pool.map(export_page, files, [job] * len(files), chunksize=32)


def run_anki(paths: list[str], output: str, deck: Optional[str], include: list[str], fmt: str, tags: list[str],
             strict: bool, timestamp: Optional[float]) -> int:
    pages = collect_pages(paths)
    root = export_root(paths)
    root_deck = deck or os.path.basename(os.path.abspath(root or paths[0])).removesuffix(".md") or "lessonkit"
    job = ExportJob(root, root_deck, deck is not None, tuple(tags), tuple(include), strict)
    summary = ExportSummary(unreadable=[(path, "1:1: LK100 no such file or directory") for path in pages.missing])
    cards = []
    show_progress = sys.stderr.isatty() and len(pages.files) > 20
    exports = export_pages(pages.files, job)
    with click.progressbar(exports, length=len(pages.files), label="Exporting", file=sys.stderr,
                           hidden=not show_progress) as done:
        for page in done:
            if page.unreadable:
                summary.unreadable.append((page.path, page.unreadable))
            elif page.refused:
                summary.refused.append((page.path, page.refused))
            else:
                cards.extend(page.cards)
                summary.skipped_questions += page.skipped
                summary.pages += 1
    if strict and summary.refused:
        for path, reason in summary.refused:
            click.echo(f"{path}:{reason}", err=True)
        click.echo(f"lessonkit: --strict: {len(summary.refused)} page(s) have errors; nothing was written", err=True)
        return 1
    summary.notes = len(cards)
    if fmt == "csv":
        write_atomic(output, csv_text(cards).encode("utf-8"))
    else:
        write_apkg(cards, output, timestamp)
    for path, reason in summary.unreadable:
        click.echo(f"{path}:{reason}", err=True)
    click.echo(f"Exported {summary.notes} notes from {summary.pages} pages to {output}; "
               f"{summary.skipped_questions} questions skipped (no answer); "
               f"{len(summary.unreadable)} pages could not be read.", err=True)
    return 2 if summary.unreadable else 0
