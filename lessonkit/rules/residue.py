"""AI-residue rules: what a model leaves behind in a lesson (LK401-LK405). Patterns: lessonkit/data/residue.toml."""

from __future__ import annotations

import re
from typing import Iterator

from ..analysis.language import located
from ..analysis.prose import prose_lines
from ..analysis.script import HAN
from . import Context, Finding, at_line, replace, rule

IMAGE = re.compile(r"!\[|<img\b|\{\{[<%]\s*figure\b", re.IGNORECASE)
DRAWING = re.compile(r"[-|/\\].*[-|/\\]")


def response_lines(context: Context) -> Iterator[tuple[object, int, str]]:
    """(section, 1-based line, prose) for every line of every response."""
    prose = prose_lines(context.page)
    for section in context.page.lesson.sections:
        if section.response is not None:
            for number in range(section.response.line, section.response.end_line + 1):
                yield section, number, prose[number - 1]


def pattern_findings(context: Context, category: str, message: str, lines: list[tuple[int, str]]) -> Iterator[Finding]:
    """The first match of the category's patterns on each line (one sentence, one finding)."""
    texts = [text for _, text in lines]
    joined = "\n".join(texts)
    spans = ((start, end, joined[start:end]) for start, end in context.settings.residue.matches(category, joined))
    reported = set()
    for index, start, end, text in located(texts, spans):
        if index not in reported:
            reported.add(index)
            number = lines[index - 1][0]
            yield Finding(number, start + 1, number, end + 1, message.format(text=text.strip()))


@rule("LK401", "assistant-boilerplate", "error")
def assistant_boilerplate(context: Context):
    """The model talking about itself: "As an AI language model", "作为一个AI语言模型", "抱歉，我是AI助手", "I'm sorry,
    but I", "I cannot browse the internet" and the like, in English, Simplified and Traditional Chinese.

    **Why it matters**: it tells every learner the lesson was pasted from a chatbot, and the sentence is often
    a refusal hiding the missing content.

    **Fix**: none; remove the sentence or regenerate. Patterns are data (`lessonkit/data/residue.toml`); add
    your own with `residue = ["patterns.toml"]`.
    """
    lines = [(number, text) for _, number, text in response_lines(context)]
    yield from pattern_findings(context, "boilerplate", "assistant boilerplate: '{text}'", lines)


def delete_line(number: int) -> object:
    return replace(number, 1, 1, "", "unsafe", end_line=number + 1)


@rule("LK402", "chatty-preamble", "info", fix="unsafe")
def chatty_preamble(context: Context):
    """A chatty first line of a response ("以下是…：", "Sure, here are…", "好的，…", "當然…") or closing line
    ("希望…有所帮助", "I hope this helps").

    **Why it matters**: conversation, not lesson content; it repeats the prompt and reads oddly on a page.

    **Fix** (unsafe: the line may carry content): removes the line.
    """
    residue = context.settings.residue
    prose = prose_lines(context.page)
    for section in context.page.lesson.sections:
        response = section.response
        if response is None:
            continue
        ends = [("preamble", response.line, "chatty opening")]
        if response.end_line != response.line:
            ends.append(("epilogue", response.end_line, "chatty closing"))
        for category, number, what in ends:
            if residue.matches(category, prose[number - 1]):
                yield at_line(context.lines, number, f"{what}: '{context.lines[number - 1].strip()}'", delete_line(number))


@rule("LK403", "missing-figure", "warning")
def missing_figure(context: Context):
    """Text that refers to a figure, image or diagram "below" or "above" (下图, 如圖所示, the figure below) in a
    response that contains no image.

    **Why it matters**: the learner looks for a figure that does not exist; a text model cannot draw one.

    **Fix**: none; add the figure or rewrite the sentence.
    """
    in_code, prose = context.page.structure.in_code, prose_lines(context.page)
    response_end: dict[int, int] = {}  # line -> last line of its response, for responses without an image
    for section in context.page.lesson.sections:
        response = section.response
        if response is not None and not IMAGE.search(response.markdown):
            response_end.update((n, response.end_line) for n in range(response.line, response.end_line + 1))
    lines = [(n, prose[n - 1]) for n in response_end]
    for finding in pattern_findings(context, "figure", "refers to a figure ('{text}') but the response has none", lines):
        after = range(finding.line, response_end[finding.line] + 1)
        drawn = any(in_code[n - 1] or DRAWING.search(context.lines[n - 1]) and not HAN.search(context.lines[n - 1])
                    for n in after)
        if not drawn:  # a fenced block or a text drawing (A---B, / | \\) below counts as the figure
            yield finding


@rule("LK404", "truncated-response", "warning")
def truncated_response(context: Context):
    """A response that ends mid-sentence: on a connector (和, 以及, and, such as ...), a comma, a colon or an open
    bracket.

    **Why it matters**: the generation was cut off (token limit); the rest of the answer is missing. (An unclosed
    code fence is LK125; fewer items than asked for is LK203.)

    **Fix**: none; regenerate the section.
    """
    prose, in_code = prose_lines(context.page), context.page.structure.in_code
    ending = context.settings.residue.dangling
    for section in context.page.lesson.sections:
        response = section.response
        if response is None or in_code[response.end_line - 1]:
            continue
        text = prose[response.end_line - 1].rstrip()
        if len(text) < len(context.lines[response.end_line - 1].rstrip()):
            continue  # the line ends in a URL or code: "連結：https://…" is complete
        if section.questions and section.questions[-1].answer and section.questions[-1].answer.line == response.end_line \
                and not section.questions[-1].answer.text:
            continue  # an answer marker with nothing after it is LK202
        if text and (ending.search(text) or text.count("（") + text.count("(") > text.count("）") + text.count(")")):
            yield at_line(context.lines, response.end_line, f"the response ends mid-sentence: '…{text[-12:].strip()}'")


@rule("LK405", "leftover-placeholder", "error")
def leftover_placeholder(context: Context):
    """Template text that was never filled (`{{ .keyword}}`, `{topic}`, `[OO]`, `<topic>`, `TODO`, `XXX`) in a
    prompt or a response (outside code).

    **Why it matters**: the page was generated from an unfinished template, or a draft was published.

    **Fix**: none.
    """
    prose = prose_lines(context.page)
    lines = [(n, prose[n - 1]) for section in context.page.lesson.sections
             for part in (section.prompt, section.response) if part is not None
             for n in range(part.line, part.end_line + 1)]
    yield from pattern_findings(context, "placeholder", "unfilled placeholder '{text}'", lines)
