"""The report stage: diagnostics as text, JSON, JSON Lines, SARIF 2.1.0, GitHub annotations, JUnit XML or
statistics. Each format is one function from results to text."""

from __future__ import annotations

import json
from collections import Counter
from typing import Callable

from . import __version__
from .diagnostics import Diagnostic
from .linter import FileResult
from .rules import all_rules

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def all_diagnostics(results: list[FileResult]) -> list[Diagnostic]:
    return [d for result in results for d in result.diagnostics]


def text(results: list[FileResult], colour: bool = False) -> str:
    import click

    lines = []
    for d in all_diagnostics(results):
        location = f"{d.path or '<stdin>'}:{d.line}:{d.column}:"
        severity = f"[{d.severity}]"
        if colour:
            location = click.style(location, bold=True)
            severity = click.style(severity, fg=COLOURS[d.severity])
        lines.append(f"{location} {d.code} {severity} {d.message}")
    return "".join(line + "\n" for line in lines)


def summary(results: list[FileResult], fixing: bool) -> str:
    diagnostics = all_diagnostics(results)
    fixed = sum(r.fixed for r in results)
    counts = Counter(d.severity for d in diagnostics)
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "info") if counts[s]]
    lines = []
    if fixed:
        lines.append(f"Fixed {fixed} problem{'s' if fixed != 1 else ''}.")
    if diagnostics:
        lines.append(f"Found {len(diagnostics)} problem{'s' if len(diagnostics) != 1 else ''} ({', '.join(parts)}) "
                     f"in {len(results)} file{'s' if len(results) != 1 else ''}.")
        fixable = Counter(d.fix.applicability for d in diagnostics if d.fix)
        if fixable["safe"] and not fixing:
            lines.append(f"{fixable['safe']} fixable with --fix.")
        if fixable["unsafe"]:
            lines.append(f"{fixable['unsafe']} more fixable with --fix --unsafe-fixes.")
    elif not fixed:
        lines.append(f"All checks passed ({len(results)} file{'s' if len(results) != 1 else ''}).")
    return "".join(line + "\n" for line in lines)


def as_json(results: list[FileResult]) -> str:
    return json.dumps([d.to_json() for d in all_diagnostics(results)], ensure_ascii=False, indent=2) + "\n"


def as_jsonl(results: list[FileResult]) -> str:
    return "".join(json.dumps(d.to_json(), ensure_ascii=False) + "\n" for d in all_diagnostics(results))


def as_sarif(results: list[FileResult]) -> str:
    rules = all_rules()
    codes = sorted({d.code for d in all_diagnostics(results)} | set(rules))
    index = {code: i for i, code in enumerate(codes)}
    driver_rules = [{
        "id": code,
        "name": rules[code].name,
        "shortDescription": {"text": rules[code].summary},
        "fullDescription": {"text": rules[code].doc},
        "help": {"text": rules[code].doc, "markdown": rules[code].doc},
        "defaultConfiguration": {"level": SARIF_LEVEL[rules[code].severity], "enabled": rules[code].default_enabled},
    } for code in codes]
    sarif_results = [{
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": SARIF_LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": (d.path or "stdin").replace("\\", "/")},
            "region": {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line, "endColumn": d.end_column},
        }}],
    } for d in all_diagnostics(results)]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "lessonkit", "version": __version__, "rules": driver_rules}},
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def github_escape(value: str, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property_value else value


def as_github(results: list[FileResult]) -> str:
    lines = []
    for d in all_diagnostics(results):
        properties = ",".join([
            f"file={github_escape(d.path or 'stdin', True)}", f"line={d.line}", f"col={d.column}",
            f"endLine={d.end_line}", f"endColumn={d.end_column}", f"title={github_escape(f'{d.code} {d.name}', True)}",
        ])
        lines.append(f"::{GITHUB_LEVEL[d.severity]} {properties}::{github_escape(d.message)}")
    return "".join(line + "\n" for line in lines)


def as_junit(results: list[FileResult]) -> str:
    from xml.sax.saxutils import escape, quoteattr  # imported here: it pulls in urllib (~8 ms at start-up)

    failures = sum(1 for r in results if r.diagnostics)
    cases = []
    for result in results:
        name = quoteattr(result.path or "stdin")
        if not result.diagnostics:
            cases.append(f'    <testcase classname="lessonkit" name={name}/>')
            continue
        body = "\n".join(f"{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}" for d in result.diagnostics)
        message = quoteattr(f"{len(result.diagnostics)} problem(s)")
        cases.append(f'    <testcase classname="lessonkit" name={name}>\n'
                     f'      <failure message={message} type="lint">{escape(body)}</failure>\n    </testcase>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites>\n  <testsuite name="lessonkit" tests="{len(results)}" failures="{failures}" errors="0">\n'
            + "\n".join(cases) + "\n  </testsuite>\n</testsuites>\n")


def statistics(results: list[FileResult]) -> str:
    rules = all_rules()
    counts = Counter(d.code for d in all_diagnostics(results))
    fixable = {d.code for d in all_diagnostics(results) if d.fix}
    return "".join(f"{count:7d}  {code}  {'[*]' if code in fixable else '   '} {rules[code].name}\n"
                   for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


FORMATS: dict[str, Callable[[list[FileResult]], str]] = {
    "json": as_json, "jsonl": as_jsonl, "sarif": as_sarif, "github": as_github, "junit": as_junit,
}
