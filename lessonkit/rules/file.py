"""Rules about the file and its front matter (LK100-LK104)."""

from __future__ import annotations

import re

from ..analysis.site import is_index_page
from . import Context, Finding, replace, rule

QUOTED_WEIGHT = re.compile(
    r"""^(?P<key>\s*(?P<q>["']?)weight(?P=q)\s*[=:]\s*)(?P<value>(?P<quote>["'])(?P<digits>[+-]?\d+)(?P=quote))\s*,?\s*(#.*)?$""")
SECOND_TOML_BLOCK = re.compile(r"\+{3,}\s*")
FRONT_MATTER_KEY = re.compile(r"\s*(title|weight|date|draft)\s*[=:]")


@rule("LK101", "invalid-front-matter", "error")
def invalid_front_matter(context: Context):
    """Front matter that is never closed or cannot be parsed.

    **Why it matters**: Hugo refuses to build the page, or builds it without its title and weight.

    **Example**: `+++` on line 1 with no closing `+++`, or `title = "GANs` with no closing quote.

    **Fix**: none; the message points at the offending line and column.
    """
    for problem in context.page.problems:
        if problem.code == "LK101":
            line = min(problem.line, len(context.lines))
            yield Finding(line, problem.column, line, len(context.lines[line - 1]) + 1, problem.message)


@rule("LK102", "missing-title", "error")
def missing_title(context: Context):
    """A page without a `title` in its front matter.

    **Why it matters**: Hugo lists and links the page with an empty name.

    **Example**: front matter with only `weight = 3`, or no front matter at all.

    **Fix**: none; add `title = "..."`. Index pages that the site's build titles (`X/X.md` where the profile
    says `folder_index_pages`) are not reported.
    """
    front = context.page.lesson.front_matter
    if front.title or any(p.code == "LK101" for p in context.page.problems):
        return
    profile = context.profile
    if profile is not None and profile.folder_index_pages and is_index_page(context.page.source.path, True):  # titled by the build
        return
    if front.format is None:
        yield Finding(1, 1, 1, len(context.lines[0]) + 1, "page has no front matter with a title")
    else:
        yield Finding(front.line, 1, front.line, len(context.lines[front.line - 1]) + 1,
                      "front matter has no title")


@rule("LK103", "quoted-weight", "info", fix="safe", default_enabled=False, group="formatting")
def quoted_weight(context: Context):
    """A `weight` written as a quoted string (`weight = "4"`).

    **Why it matters**: Hugo sorts pages by weight; a string weight is converted silently by some versions and
    sorted as text by other tools ("10" before "9").

    **Example**: `weight = "4"`. **Use instead**: `weight = 4`.

    **Fix** (safe): removes the quotes.

    Off by default, in the `formatting` group (`--extend-select formatting` turns the group on): Hugo turns
    `weight = "4"` into the number 4, so the site is not affected.
    """
    front = context.page.lesson.front_matter
    if not front.weight_quoted or front.end_line is None:
        return
    for number in range(front.line + 1, front.end_line):
        found = QUOTED_WEIGHT.match(context.lines[number - 1])
        if found:
            start, end = found.start("value") + 1, found.end("value") + 1
            yield Finding(number, start, number, end, f"weight {found['value']} is a string; write {found['digits']}",
                          replace(number, start, end, found["digits"]))


@rule("LK104", "duplicate-front-matter", "error")
def duplicate_front_matter(context: Context):
    """A second front-matter block inside the body of the page.

    **Why it matters**: it renders as text and a stray `+++` rule in the middle of the lesson, usually because a
    generator appended the page to itself.

    **Example**: `+++` / `title = "..."` / `+++` again after the quiz.

    **Fix**: none; remove the duplicated part of the page.
    """
    page, lines = context.page, context.lines
    for index in range(page.body_start, len(lines) - 1):
        if (not page.structure.in_code[index] and SECOND_TOML_BLOCK.fullmatch(lines[index])
                and FRONT_MATTER_KEY.match(lines[index + 1])):
            yield Finding(index + 1, 1, index + 1, len(lines[index]) + 1,
                          "a second front-matter block starts here; the page was probably appended to itself")
