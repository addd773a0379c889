"""Rules about sections and responses (LK120-LK126)."""

from __future__ import annotations

import re

from ..analysis.code import unfenced_code_blocks
from . import Context, at_line, rule

LEVEL_ONE_HEADING = re.compile(r"^# ")


@rule("LK120", "missing-prompt", "warning")
def missing_prompt(context: Context):
    """A section without the prompt shortcode.

    **Why it matters**: readers cannot see what the model was asked, and lessonkit cannot check the answer
    against the prompt (item counts, language). Often a heading the model wrote inside its own answer.

    **Example**: `## Review` followed directly by the answer.

    **Fix**: none; restore the `{{< ask_chatgpt >}}` prompt, or demote the heading to `###`.
    """
    for section in context.page.lesson.sections:
        if section.prompt is None:
            yield at_line(context.lines, section.line, f"section '{section.heading}' has no prompt shortcode")


@rule("LK121", "empty-response", "error")
def empty_response(context: Context):
    """A section whose prompt got no answer.

    **Why it matters**: learners see the prompt box and nothing under it; usually a failed or cut-off
    generation.

    **Example**: `{{< /ask_chatgpt >}}` followed by the next `## ` heading.

    **Fix**: none; regenerate the section.
    """
    for section in context.page.lesson.sections:
        if section.prompt is not None and section.response is None:
            yield at_line(context.lines, section.prompt.end_line, f"section '{section.heading}' has no response")


@rule("LK123", "duplicate-section", "warning")
def duplicate_section(context: Context):
    """Two sections with the same heading in one page.

    **Why it matters**: the page repeats itself, usually because a generation was appended twice.

    **Example**: two `## 知識測驗` sections.

    **Fix**: none; remove one of them.
    """
    first_line: dict[str, int] = {}
    for section in context.page.lesson.sections:
        key = section.heading.casefold()
        if key in first_line:
            yield at_line(context.lines, section.line,
                          f"section '{section.heading}' already appears on line {first_line[key]}")
        else:
            first_line[key] = section.line


@rule("LK124", "heading-in-response", "warning")
def heading_in_response(context: Context):
    """An unfenced line starting with `# ` inside a response.

    **Why it matters**: it renders as a top-level heading in the middle of an answer; almost always a code
    comment (`# Test`) that the model left outside a code block.

    **Example**: `# 初始化` between two lines of Python that are not fenced.

    **Fix**: none; put the code in a fenced block, or escape the `#`.
    """
    in_code = context.page.structure.in_code
    for section in context.page.lesson.sections:
        if section.response is None:
            continue
        for number in range(section.response.line, section.response.end_line + 1):
            if not in_code[number - 1] and LEVEL_ONE_HEADING.match(context.lines[number - 1]):
                yield at_line(context.lines, number, "a '# ' line inside a response renders as a top-level heading")


@rule("LK125", "unclosed-code-fence", "error")
def unclosed_code_fence(context: Context):
    """A code fence that is never closed.

    **Why it matters**: everything after it, to the end of the page, renders as code; questions and
    sections disappear from the lesson (and from lessonkit's view of it).

    **Example**: ```` ```python ```` in question 4 with no closing ```` ``` ````: question 5 is shown as code.

    **Fix**: none; add the closing fence where the code ends. When nothing but blank lines follows the unclosed
    fence, the page has one fence too many or too few higher up: a block that opens too early swallows the text
    up to the next fence (often a question), and the message says so.
    """
    lines = context.lines
    for fence in context.page.structure.fences:
        if fence.end is None:
            if any(line.strip() for line in lines[fence.start + 1:]):
                message = f"code fence '{fence.marker}' is never closed; the rest of the page renders as code"
            else:
                message = (f"code fence '{fence.marker}' at the end of the page is never closed: the fences above are "
                           f"paired one off (a block that opens too early swallows text up to the next fence)")
            yield at_line(lines, fence.start + 1, message)


@rule("LK126", "unfenced-code", "warning")
def unfenced_code(context: Context):
    """Lines of program code in a response outside a code fence.

    **Why it matters**: Markdown renders them as a paragraph (or, after a blank line, partly as an indented
    block): the line breaks, indentation and `#` comments of the code are lost or scrambled (a `# comment` even
    becomes a heading, LK124), and the learner gets run-on text.

    **Example**: `public class Handler {` / `private $next;` / `}` written straight under an answer.

    **Fix**: none; put the code in a ``` fence with its language (the model forgot it).

    Reported once per block, at its first line: a block starts at a line that looks like code and has no
    Chinese in it, goes on through such lines, blank lines and indented lines, and counts when it holds at least
    three code lines.
    """
    for start, _, code_lines in unfenced_code_blocks(context.page):
        yield at_line(context.lines, start, f"{code_lines} lines of code outside a code fence (they do not render as code)")
