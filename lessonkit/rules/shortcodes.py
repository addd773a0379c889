"""Rules about Hugo shortcodes (LK110-LK112)."""

from __future__ import annotations

from . import Context, Finding, rule

HUGO_BUILTINS = frozenset({
    "comment", "details", "figure", "gist", "highlight", "instagram", "param", "qr", "ref", "relref", "tweet",
    "twitter", "vimeo", "x", "youtube",
})


def tag_end(context: Context, shortcode) -> int:
    """Column just past the opening tag's '}}'."""
    line = context.lines[shortcode.line - 1]
    close = line.find("}}", shortcode.column - 1)
    return close + 3 if close >= 0 else len(line) + 1


@rule("LK110", "unclosed-shortcode", "error")
def unclosed_shortcode(context: Context):
    """A paired shortcode (such as the prompt's `{{< ask_chatgpt >}}`) that is never closed.

    **Why it matters**: Hugo fails to build the site, or swallows the rest of the page into the shortcode.

    **Example**: `{{< ask_chatgpt >}}` with no `{{< /ask_chatgpt >}}` before the next section.

    **Fix**: none; add the closing tag.
    """
    shortcodes = context.page.lesson.shortcodes
    paired = set(context.settings.config.prompt_shortcodes) | {
        s.name for s in shortcodes if s.end_line is not None and not s.self_closing}
    for shortcode in shortcodes:
        if shortcode.end_line is None and not shortcode.self_closing and not shortcode.closing_only and shortcode.name in paired:
            yield Finding(shortcode.line, shortcode.column, shortcode.line, tag_end(context, shortcode),
                          f"shortcode '{shortcode.name}' is opened here but never closed")


@rule("LK111", "unknown-shortcode", "warning")
def unknown_shortcode(context: Context):
    """A shortcode whose name is neither a Hugo built-in, a prompt shortcode, nor listed in `known-shortcodes`.

    **Why it matters**: Hugo stops with "template for shortcode not found"; usually a typo (`ask_chatgtp`).

    **Example**: `{{< ask_chatgtp >}}`.

    **Fix**: none; correct the name, or add it to `known-shortcodes` in the configuration.
    """
    config = context.settings.config
    known = HUGO_BUILTINS | set(config.prompt_shortcodes) | set(config.known_shortcodes)
    for shortcode in context.page.lesson.shortcodes:
        if shortcode.name not in known and not shortcode.closing_only:
            yield Finding(shortcode.line, shortcode.column, shortcode.line, tag_end(context, shortcode),
                          f"unknown shortcode '{shortcode.name}'")


@rule("LK112", "unmatched-closing-shortcode", "error")
def unmatched_closing_shortcode(context: Context):
    """A closing shortcode tag with no opening tag before it.

    **Why it matters**: Hugo fails to build the page.

    **Example**: `{{< /ask_chatgpt >}}` after the opening tag was deleted.

    **Fix**: none; remove the tag or restore the opening one.
    """
    for shortcode in context.page.lesson.shortcodes:
        if shortcode.closing_only:
            yield Finding(shortcode.line, shortcode.column, shortcode.line, tag_end(context, shortcode),
                          f"closing tag of '{shortcode.name}' has no opening tag")
