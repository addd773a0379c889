"""Rules about quiz questions and answers, and item counts (LK201-LK208)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..datafiles import load_data
from . import Context, Finding, at_line, replace, rule

LETTER_ANSWER = re.compile(r"^\(?(?P<letter>[A-Ha-h])(?:[.)．、:：]|\s|$)")
COUNTED_KINDS = ("preview", "quiz", "links")
DEFAULT_MARKERS = {"en": "Answer: "}


def quiz_questions(context: Context):
    for section in context.page.lesson.sections:
        if section.kind == "quiz":
            for question in section.questions:
                yield section, question


NOT_WORD = re.compile(r"[\s\W_]+")


def normalized(text: str) -> str:
    return NOT_WORD.sub("", text.casefold())


@rule("LK201", "missing-answer", "error")
def missing_answer(context: Context):
    """A quiz question with no answer anywhere: not under it, not grouped after the questions.

    **Why it matters**: the prompt asked for answers; a learner checking their answer finds nothing, and the
    question cannot become a flashcard.

    **Example**: `3. 如何評估GANs生成圖像的質量？` followed directly by question 4.

    **Fix**: none; regenerate the answer or write it.
    """
    for _, question in quiz_questions(context):
        if question.answer is None:
            yield at_line(context.lines, question.line, f"question {question.number} has no answer")


@rule("LK202", "empty-answer", "error")
def empty_answer(context: Context):
    """An answer marker with nothing after it.

    **Why it matters**: the page shows `答案：` and then nothing: the model stopped or the text was lost.

    **Example**: `答案：` as the last line of the quiz.

    **Fix**: none; write the answer.
    """
    for _, question in quiz_questions(context):
        answer = question.answer
        if answer is not None and answer.marker and not answer.text.strip():
            yield at_line(context.lines, answer.line, f"the answer to question {question.number} is empty")


@rule("LK203", "count-mismatch", "warning")
def count_mismatch(context: Context):
    """A preview, quiz or links section with a different number of items than its prompt asked for.

    **Why it matters**: "5 questions" on the page promises five; a model that wrote four, or seven, broke the
    lesson's structure (often a cut-off generation or a swallowed item).

    **Example**: `给我5题…` answered with four numbered questions.

    **Fix**: none; regenerate or complete the section.
    """
    for section in context.page.lesson.sections:
        if section.kind not in COUNTED_KINDS or section.prompt is None or section.response is None:
            continue
        expected = section.prompt.requested_count
        found = len(section.questions) if section.kind == "quiz" else len(section.items)
        if expected and found and found != expected:
            yield at_line(context.lines, section.line,
                          f"the prompt asks for {expected} items but the response has {found}")


@rule("LK204", "duplicate-question", "warning")
def duplicate_question(context: Context):
    """The same question twice in one quiz or preview list.

    **Why it matters**: learners answer the same thing twice; the set is one question short.

    **Fix**: none; replace one of them.
    """
    for section in context.page.lesson.sections:
        seen: dict[str, int] = {}
        entries = [(q.number, q.text, q.line) for q in section.questions] if section.kind == "quiz" else \
            [(i.number, i.text, i.line) for i in section.items] if section.kind == "preview" else []
        for number, text, line in entries:
            key = normalized(text)
            if not key:
                continue
            if key in seen:
                yield at_line(context.lines, line, f"question {number} repeats question {seen[key]}")
            else:
                seen[key] = number


@rule("LK205", "repeated-preview-question", "info", default_enabled=False)
def repeated_preview_question(context: Context):
    """A quiz question that repeats a preview question word for word.

    **Why it matters**: the quiz is meant to test, not to repeat the warm-up; some teams want them distinct.

    **Fix**: none. Off by default (`extend-select = ["LK205"]`).
    """
    preview = {normalized(item.text): item.line for s in context.page.lesson.sections if s.kind == "preview"
               for item in s.items if normalized(item.text)}
    for _, question in quiz_questions(context):
        line = preview.get(normalized(question.text))
        if line:
            yield at_line(context.lines, question.line, f"quiz question {question.number} repeats the preview question on line {line}")


@lru_cache(maxsize=1)
def refusal_patterns() -> list[re.Pattern]:
    return [re.compile(pattern) for pattern in load_data("refusals.toml")["patterns"]]


@rule("LK206", "refused-answer", "warning")
def refused_answer(context: Context):
    """A quiz response in which the model declines to give answers ("答案不提供…", "I cannot provide answers").

    **Why it matters**: the prompt asked for answers; the quiz is unusable as a self-test.

    **Fix**: none; regenerate the section. Phrases are data (`lessonkit/data/refusals.toml`).
    """
    in_code = context.page.structure.in_code
    for section in context.page.lesson.sections:
        if section.kind != "quiz" or section.response is None:
            continue
        for number in range(section.response.line, section.response.end_line + 1):
            if in_code[number - 1]:
                continue
            line = context.lines[number - 1]
            for pattern in refusal_patterns():
                found = pattern.search(line)
                if found:
                    yield Finding(number, found.start() + 1, number, found.end() + 1,
                                  f"the model refuses to answer: '{found[0]}'")
                    break


@rule("LK207", "unmarked-answer", "info", default_enabled=False, fix="unsafe")
def unmarked_answer(context: Context):
    """An answer written under its question without the marker the other answers use.

    **Why it matters**: readers cannot tell the answer from a continuation of the question.

    **Fix** (unsafe: it changes the page's text): adds the section's most common marker (or `答案：` /
    `Answer: `) in front of the answer. Off by default (`extend-select = ["LK207"]`).
    """
    for section in context.page.lesson.sections:
        if section.kind != "quiz":
            continue
        markers = Counter(q.answer.marker for q in section.questions if q.answer and q.answer.marker)
        marker = markers.most_common(1)[0][0] if markers else DEFAULT_MARKERS.get(context.page.lesson.language, "答案：")
        if marker[-1] not in "：: ":
            marker += " "
        for question in section.questions:
            answer = question.answer
            if answer is not None and answer.kind == "unmarked":
                text = context.lines[answer.line - 1]
                column = len(text) - len(text.lstrip()) + 1
                yield at_line(context.lines, answer.line, f"the answer to question {question.number} has no marker",
                              replace(answer.line, column, column, marker, "unsafe"))


@rule("LK208", "answer-not-an-option", "error")
def answer_not_an_option(context: Context):
    """A multiple-choice answer letter that is not one of the question's options.

    **Why it matters**: the answer key is wrong: learners are told the answer is E when the options stop at D.

    **Fix**: none; correct the letter or the options.
    """
    for _, question in quiz_questions(context):
        if not question.options or question.answer is None:
            continue
        found = LETTER_ANSWER.match(question.answer.text.strip())
        labels = [option.label for option in question.options]
        if found and found["letter"].upper() not in labels:
            yield at_line(context.lines, question.answer.line,
                          f"answer '{found['letter']}' is not among the options {', '.join(labels)}")





SELF_ANSWER = re.compile(r"[?？]\s*(?P<answer>[^?？]{12,}[。.])$")  # a statement after the item's last question
ASKS_MORE = re.compile(  # ... that is an instruction or another question, not an answer
    r"請|请|列舉|列举|列出|說明|说明|解釋|解释|舉例|举例|舉出|举出|簡述|简述|描述|比較|比较|分析|討論|讨论|例如|提供|介紹|介绍|"
    r"哪些|什麼|什么|如何|為什麼|为什么|是否|嗎|吗|\b(?:explain|list|describe|give|compare|discuss|provide|walk|show|tell|"
    r"name|outline|why|how|what|which|when|e\.g\.|for example)\b", re.IGNORECASE)


@rule("LK213", "self-answering-preview", "warning")
def self_answering_preview(context: Context):
    """A preview question that carries its own answer.

    **Why it matters**: preview questions are for the learner to think about before the lesson; one that
    answers itself ("什麼是REITs？ REITs是指房地產投資信託…") gives the thinking away, and shows the model
    wrote a quiz where a preview was asked.

    **Example**: `2. REITs的運作方式是什麼？ REITs通常會投資於各種不動產，如商業、住宅…。`

    **Fix**: none; remove the answer from the item (or regenerate the preview).

    A statement of at least 12 characters after the item's last question mark counts as an answer, unless it
    is an instruction or another question (請說明…, 列出…, Explain…, 哪些…).
    """
    for section in context.page.lesson.sections:
        if section.kind != "preview":
            continue
        for item in section.items:
            found = SELF_ANSWER.search(item.text.strip())
            if found and not ASKS_MORE.search(found["answer"]):
                yield at_line(context.lines, item.line, f"preview question {item.number} answers itself: '{found['answer'][:20]}…'")
