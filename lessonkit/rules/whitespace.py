"""Whitespace rules with safe fixes (LK501-LK502)."""

from __future__ import annotations

from . import Context, Finding, replace, rule


@rule("LK501", "trailing-whitespace", "info", fix="safe", default_enabled=False, group="formatting")
def trailing_whitespace(context: Context):
    """Spaces or tabs at the end of a line.

    **Why it matters**: invisible noise in diffs; the generator ends every response with three spaces. (With
    Hugo's hardWraps on, trailing spaces do not make line breaks, so removing them changes nothing on the page.)

    **Fix** (safe): removes them. Lines inside code blocks are included.

    Off by default, in the `formatting` group (`--extend-select formatting` turns the group on): a reader of
    the site never sees them.
    """
    for number, line in enumerate(context.lines, 1):
        stripped = line.rstrip(" \t")
        if len(stripped) != len(line):
            start, end = len(stripped) + 1, len(line) + 1
            yield Finding(number, start, number, end, "trailing whitespace", replace(number, start, end, ""))


@rule("LK502", "extra-blank-lines", "info", fix="safe", default_enabled=False, group="formatting")
def extra_blank_lines(context: Context):
    """More than one blank line in a row outside code blocks.

    **Why it matters**: markdown treats them as one; they only make the source longer. The generator leaves 2
    to 9 blank lines after each prompt.

    **Fix** (safe): keeps one blank line.

    Off by default, in the `formatting` group (`--extend-select formatting` turns the group on): a reader of
    the site never sees them.
    """
    lines, in_code = context.lines, context.page.structure.in_code
    start = context.page.body_start
    run_start = None
    for index in range(start, len(lines) + 1):
        blank = index < len(lines) and not lines[index].strip() and not in_code[index]
        if blank and run_start is None:
            run_start = index
        elif not blank and run_start is not None:
            if index - run_start > 1 and index < len(lines):
                first, last = run_start + 2, index  # keep the first blank line, remove the rest
                yield Finding(first, 1, last, len(lines[last - 1]) + 1, f"{index - run_start} blank lines in a row",
                              replace(first, 1, 1, "", end_line=last + 1))
            run_start = None
