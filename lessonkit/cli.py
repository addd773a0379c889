"""The `lessonkit` command. Each command imports what it needs when it runs, so start-up stays fast."""

from __future__ import annotations

import gc
import os
import sys
from typing import Optional

import click

from . import __version__

EXIT_INPUT_ERROR = 2


def report_error(path: Optional[str], problem) -> None:
    """A positioned problem with a page, on standard error: 'path:line:column: CODE message'."""
    click.echo(f"{path or '<stdin>'}:{problem.located()}", err=True)


def run() -> None:
    """The `lessonkit` command, then a fast exit: once the command has finished and its output is flushed, the
    process ends without tearing the interpreter down (freeing every object takes about 30 ms, a sixth of linting
    one page). By then every file lessonkit wrote is closed and every worker process has been joined."""
    # Look for reference cycles after 200,000 new objects instead of Python's 700 (as mypy does): lessonkit makes
    # few cycles, and the default collections took 5 % of a run.
    gc.set_threshold(200_000, 30, 30)
    try:
        main()
        code = 0
    except SystemExit as stop:
        code = stop.code
    if not isinstance(code, int):  # sys.exit(None) or sys.exit("message")
        if code is not None:
            print(code, file=sys.stderr)
        code = 0 if code is None else 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe: already reported by the command, or nothing left to say
        pass
    os._exit(code)


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
    from .export.convert import render
    from .parse.parser import parse_source
    from .read.pages import read_input
    from .read.paths import collect_pages
    from .read.source import Problem, UnreadablePage

    pages = collect_pages(list(paths))
    failed = bool(pages.missing)
    for missing in pages.missing:
        report_error(missing, Problem("LK100", "no such file or directory"))
    lessons = []
    for path in pages.files:
        try:
            page = parse_source(read_input(path, stdin_filename))
        except UnreadablePage as error:
            report_error(error.path, error.problem)
            failed = True
            continue
        if page.problems:
            for problem in page.problems:
                report_error(page.source.path, problem)
            failed = True
            continue
        lessons.append(page.lesson)
    single = len(paths) == 1 and len(pages.files) == 1 and pages.files[0] in paths
    text = render(lessons, to, single)
    if output:
        from .atomic import write_atomic

        try:
            write_atomic(output, text.encode("utf-8"))
        except OSError as error:
            cannot_write(output, error)
    else:
        click.echo(text, nl=False)
    sys.exit(EXIT_INPUT_ERROR if failed else 0)


def cannot_write(path: str, error: OSError) -> None:
    """Report an output that could not be written (no such folder, no permission) and stop with status 2."""
    click.echo(f"lessonkit: cannot write {path}: {error.strerror or error}", err=True)
    sys.exit(EXIT_INPUT_ERROR)


@main.command()
@click.argument("which", type=click.Choice(["lesson", "config", "glossary", "profile"]), default="lesson")
def schema(which: str) -> None:
    """Print a JSON Schema: the lesson model (what `convert` emits), the configuration, a glossary or a profile."""
    import json

    if which == "lesson":
        from .export.convert import lesson_schema as make_schema
    elif which == "config":
        from .config.schema import config_schema as make_schema
    elif which == "glossary":
        from .analysis.glossary import glossary_schema as make_schema
    else:
        from .analysis.profiles import profile_schema as make_schema
    click.echo(json.dumps(make_schema(), ensure_ascii=False, indent=2))


def split_codes(values: tuple[str, ...]) -> Optional[tuple[str, ...]]:
    """Repeated and comma-separated selector options as one tuple (None when not given)."""
    if not values:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--select", multiple=True, help="Rules to enable, replacing the configured selection (codes, prefixes, names, ALL).")
@click.option("--extend-select", multiple=True, help="Rules to enable on top of the selection.")
@click.option("--ignore", multiple=True, help="Rules to disable.")
@click.option("--fix", is_flag=True, help="Apply safe fixes and write the files (atomically).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print what --fix would change as a unified diff; write nothing.")
@click.option("--output-format", type=click.Choice(["text", "json", "jsonl", "sarif", "github", "junit"]), default="text", show_default=True)
@click.option("--output-file", type=click.Path(dir_okay=False), help="Write the report to this file (atomically).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of each finding.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that makes lint fail [default: error].")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), help="Use this configuration file for every page.")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary.")
@click.option("--stdin-filename", help="The path of the page read from '-' (for messages and configuration).")
@click.option("--site", is_flag=True, help="Also check terminology consistency across all pages of one script.")
@click.option("--profile", help="Check pages against this lesson profile (a built-in name or a file).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes [default: all cores].")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option("--cache-dir", default=".lessonkit_cache", show_default=True, type=click.Path(file_okay=False),
              help="Where results are cached, keyed by lessonkit, settings and page content.")
def lint(paths: tuple[str, ...], select, extend_select, ignore, fix, unsafe_fixes, diff, output_format, output_file,
         statistics, exit_zero, fail_on, config_path, no_config, quiet, stdin_filename, site, profile, jobs, no_cache,
         cache_dir) -> None:
    """Lint lesson pages (files, folders, or - for stdin). Exit 0: clean; 1: findings at or above
    --fail-on; 2: a usage, configuration or unreadable-input error (after linting everything else)."""
    from .commands.lint.request import LintRequest
    from .commands.lint.run import run_lint
    from .config.schema import ConfigError
    from .config.selection import Layer
    from .config.settings import SettingsFinder, loaded_profile

    try:
        layer = Layer(split_codes(select), split_codes(extend_select) or (), split_codes(ignore) or ())
        finder = SettingsFinder(layer, fail_on, config_path, no_config, site, profile)
        if profile:
            loaded_profile(profile, os.getcwd())  # a missing or broken profile stops the run before any page
        if config_path is None:
            from .config.selection import resolve

            for selectors in (layer.select or (), layer.extend_select, layer.ignore):
                resolve(selectors)
    except ConfigError as error:
        click.echo(f"lessonkit: {error}", err=True)
        sys.exit(EXIT_INPUT_ERROR)
    request = LintRequest(list(paths) or ["."], finder, fix=fix, unsafe_fixes=unsafe_fixes, diff=diff,
                          output_format=output_format, output_file=output_file, statistics=statistics,
                          exit_zero=exit_zero, quiet=quiet, stdin_filename=stdin_filename, jobs=jobs or os.cpu_count() or 1,
                          cache_dir=None if no_cache else cache_dir)
    try:
        sys.exit(run_lint(request))
    except OSError as error:  # the report file (pages that cannot be written are reported one by one)
        cannot_write(output_file or "the report", error)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The .apkg (or .csv) to write, atomically.")
@click.option("--deck", help="Put every note in this deck (default: one deck per folder under the root folder's name).")
@click.option("--include", default="quiz", show_default=True,
              help="What to export: quiz (answered questions), preview (questions to think about), keypoints.")
@click.option("--format", "fmt", type=click.Choice(["apkg", "csv"]), default="apkg", show_default=True)
@click.option("--tags", multiple=True, help="Extra tags for every note (repeat or separate with commas).")
@click.option("--strict", is_flag=True, help="Export nothing when any page has error findings (lessonkit lint).")
@click.option("--timestamp", type=float, hidden=True, help="Note modification time (seconds since the epoch), for reproducible builds.")
def anki(paths, output, deck, include, fmt, tags, strict, timestamp) -> None:
    """Export quiz questions (and optionally preview questions and key points) as Anki flashcards."""
    from .commands.anki import run_anki
    from .export.anki import INCLUDABLE

    parts = [part.strip() for part in include.split(",") if part.strip()]
    unknown = [part for part in parts if part not in INCLUDABLE]
    if unknown:
        raise click.BadParameter(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(INCLUDABLE)}", param_hint="--include")
    extra = [tag.strip() for value in tags for tag in value.split(",") if tag.strip()]
    try:
        sys.exit(run_anki(list(paths), output, deck, parts, fmt, extra, strict, timestamp))
    except OSError as error:
        cannot_write(output, error)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
def list_rules(fmt: str) -> None:
    """List every rule: code, name, default severity, fixable, enabled by default."""
    from .report.rule_docs import rules_listing

    click.echo(rules_listing(fmt), nl=False)


@main.command("rule")
@click.argument("code")
def show_rule(code: str) -> None:
    """Print a rule's documentation (by code or name)."""
    from .report.rule_docs import rule_page

    page = rule_page(code)
    if page is None:
        click.echo(f"lessonkit: unknown rule '{code}' (see `lessonkit rules`)", err=True)
        sys.exit(EXIT_INPUT_ERROR)
    click.echo(page, nl=False)


@main.group()
def profile() -> None:
    """Lesson profiles: the sections and prompts a site's pages are generated from."""


@profile.command("import")
@click.argument("config_yaml", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the TOML here (atomically) instead of printing it.")
def import_profile(config_yaml: str, output: Optional[str]) -> None:
    """Convert the generator's config.yaml into a lessonkit profile (TOML)."""
    from .analysis.profiles import ProfileError, load_profile, profile_toml

    try:
        text = profile_toml(load_profile(os.path.abspath(config_yaml)))
    except ProfileError as error:
        click.echo(f"lessonkit: {error}", err=True)
        sys.exit(EXIT_INPUT_ERROR)
    if output:
        from .atomic import write_atomic

        write_atomic(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)


@profile.command("show")
@click.argument("name")
def show_profile(name: str) -> None:
    """Print a built-in profile (or a profile file) as TOML."""
    from .analysis.profiles import ProfileError, load_profile, profile_toml

    try:
        click.echo(profile_toml(load_profile(name, os.getcwd())), nl=False)
    except ProfileError as error:
        click.echo(f"lessonkit: {error}", err=True)
        sys.exit(EXIT_INPUT_ERROR)


@profile.command("list")
def list_profiles() -> None:
    """List the built-in profiles."""
    from .analysis.profiles import builtin_names, load_profile

    for name in builtin_names():
        found = load_profile(name)
        click.echo(f"{name}  {found.language or '-'}  {', '.join(s.key for s in found.sections)}")
