"""The report stage: diagnostics as text, JSON, JSON Lines, SARIF 2.1.0, GitHub annotations, JUnit XML or
statistics. Each format is one function from the stream of linted pages to chunks of text."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .. import __version__
from ..diagnostics import SEVERITY_RANK, Diagnostic
from ..lint.linter import FileResult
from ..rules import all_rules

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
SPOOL_SIZE = 16 * 1024 * 1024  # characters of JUnit test cases kept in memory before they go to disk


Page = tuple[FileResult, list[Diagnostic]]  # a linted page and all of its diagnostics, sorted


@dataclass
class Tally:
    """What the summary, --statistics and the exit code need, counted while the report streams past."""

    files: int = 0
    fixed: int = 0
    failing: bool = False  # a diagnostic at or above its page's fail-on severity
    severities: Counter = field(default_factory=Counter)
    fixable: Counter = field(default_factory=Counter)  # by applicability
    codes: Counter = field(default_factory=Counter)
    fixable_codes: set = field(default_factory=set)

    def count(self, result: FileResult, diagnostics: list[Diagnostic], fail_rank: int) -> None:
        self.files += 1
        self.fixed += result.fixed
        for d in diagnostics:
            self.severities[d.severity] += 1
            self.codes[d.code] += 1
            self.failing = self.failing or SEVERITY_RANK[d.severity] >= fail_rank
            if d.fix is not None:
                self.fixable[d.fix.applicability] += 1
                self.fixable_codes.add(d.code)

    @property
    def problems(self) -> int:
        return sum(self.severities.values())


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def text(pages: Iterable[Page], colour: bool = False) -> Iterator[str]:
    """One chunk per page: a run of any size never builds its report in one string."""
    import click

    for _, diagnostics in pages:
        lines = []
        for d in diagnostics:
            location = f"{d.path or '<stdin>'}:{d.line}:{d.column}:"
            severity = f"[{d.severity}]"
            if colour:
                location = click.style(location, bold=True)
                severity = click.style(severity, fg=COLOURS[d.severity])
            lines.append(f"{location} {d.code} {severity} {d.message}\n")
        yield "".join(lines)


def summary(tally: Tally, fixing: bool) -> str:
    counts = tally.severities
    parts = [plural(counts[s], s) for s in ("error", "warning", "info") if counts[s]]
    lines = []
    if tally.fixed:
        lines.append(f"Fixed {plural(tally.fixed, 'problem')}.")
    if tally.problems:
        lines.append(f"Found {plural(tally.problems, 'problem')} ({', '.join(parts)}) in {plural(tally.files, 'file')}.")
        if tally.fixable["safe"] and not fixing:
            lines.append(f"{tally.fixable['safe']} fixable with --fix.")
        if tally.fixable["unsafe"]:
            lines.append(f"{tally.fixable['unsafe']} more fixable with --fix --unsafe-fixes.")
    elif not tally.fixed:
        lines.append(f"All checks passed ({plural(tally.files, 'file')}).")
    return "".join(line + "\n" for line in lines)


def as_json(pages: Iterable[Page]) -> Iterator[str]:
    return json_with_items([ITEMS], (d.to_json() for _, diagnostics in pages for d in diagnostics))


ITEMS = "\u0000items\u0000"  # stands for the streamed list in the document given to json_with_items


def json_with_items(document, items: Iterable) -> Iterator[str]:
    """json.dumps(document, indent=2) + newline, chunk by chunk, with the list [ITEMS] in `document` holding
    `items`: a report of any size is written without being held in memory."""
    head, tail = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").split(json.dumps(ITEMS))
    opening, indent = head.rsplit("\n", 1)  # "... [" and the items' indentation
    empty = True
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)
        yield (opening + "\n" if empty else ",\n") + indent + text
        empty = False
    yield opening + "]" + tail.split("]", 1)[1] if empty else tail


def as_jsonl(pages: Iterable[Page]) -> Iterator[str]:
    for _, diagnostics in pages:
        yield "".join(json.dumps(d.to_json(), ensure_ascii=False) + "\n" for d in diagnostics)


def as_sarif(pages: Iterable[Page]) -> Iterator[str]:
    rules = all_rules()
    codes = sorted(rules)
    index = {code: i for i, code in enumerate(codes)}
    driver_rules = [{
        "id": code,
        "name": rules[code].name,
        "shortDescription": {"text": rules[code].summary},
        "fullDescription": {"text": rules[code].doc},
        "help": {"text": rules[code].doc, "markdown": rules[code].doc},
        "defaultConfiguration": {"level": SARIF_LEVEL[rules[code].severity], "enabled": rules[code].default_enabled},
    } for code in codes]
    results = ({
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": SARIF_LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": (d.path or "stdin").replace("\\", "/")},
            "region": {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line, "endColumn": d.end_column},
        }}],
    } for _, diagnostics in pages for d in diagnostics)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "lessonkit", "version": __version__, "rules": driver_rules}},
            "columnKind": "unicodeCodePoints",
            "results": [ITEMS],
        }],
    }
    return json_with_items(log, results)


def github_escape(value: str, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property_value else value


def as_github(pages: Iterable[Page]) -> Iterator[str]:
    for _, diagnostics in pages:
        yield "".join(github_line(d) for d in diagnostics)


def github_line(d: Diagnostic) -> str:
    properties = ",".join([
        f"file={github_escape(d.path or 'stdin', True)}", f"line={d.line}", f"col={d.column}",
        f"endLine={d.end_line}", f"endColumn={d.end_column}", f"title={github_escape(f'{d.code} {d.name}', True)}",
    ])
    return f"::{GITHUB_LEVEL[d.severity]} {properties}::{github_escape(d.message)}\n"


def as_junit(pages: Iterable[Page]) -> Iterator[str]:
    """One test case per page. The header counts the failures, so the cases wait in a temporary file (in memory
    up to SPOOL_SIZE characters) until every page has been seen."""
    import tempfile
    from xml.sax.saxutils import (  # imported here: it pulls in urllib (~8 ms at start-up)
        escape,
        quoteattr,
    )

    failures = tests = 0
    with tempfile.SpooledTemporaryFile(SPOOL_SIZE, mode="w+", encoding="utf-8") as cases:
        for result, diagnostics in pages:
            cases.write("\n" if tests else "")
            tests += 1
            name = quoteattr(result.path or "stdin")
            if not diagnostics:
                cases.write(f'    <testcase classname="lessonkit" name={name}/>')
                continue
            failures += 1
            body = "\n".join(f"{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}" for d in diagnostics)
            message = quoteattr(f"{len(diagnostics)} problem(s)")
            cases.write(f'    <testcase classname="lessonkit" name={name}>\n'
                        f'      <failure message={message} type="lint">{escape(body)}</failure>\n    </testcase>')
        yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
               f'<testsuites>\n  <testsuite name="lessonkit" tests="{tests}" failures="{failures}" errors="0">\n')
        cases.seek(0)
        while chunk := cases.read(1 << 20):
            yield chunk
    yield "\n  </testsuite>\n</testsuites>\n"


def statistics(tally: Tally) -> str:
    rules = all_rules()
    return "".join(f"{count:7d}  {code}  {'[*]' if code in tally.fixable_codes else '   '} {rules[code].name}\n"
                   for code, count in sorted(tally.codes.items(), key=lambda item: (-item[1], item[0])))


FORMATS: dict[str, Callable[[Iterable[Page]], Iterator[str]]] = {
    "json": as_json, "jsonl": as_jsonl, "sarif": as_sarif, "github": as_github, "junit": as_junit,
}
