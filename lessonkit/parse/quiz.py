"""Quiz questions and their answers, in every shape the generator produces (markers in data/answers.toml).

A question is a top-level numbered item. Its answer is, in this order of preference:
- inline: a marker line inside the question's item ("答案：…", "Answer: …", "【答案】…", "A1. …"), or a
  marker on the question line itself ("…？（答案：…）");
- grouped: answers listed after all the questions, after a lone marker line or as a list restarting at 1;
- code: the item holds nothing after the question but a fenced code block;
- unmarked: other text under the question;
- none at all (answer is null).
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..datafiles import load_data
from .lists import NumberedLine, last_nonblank, main_sequence
from .models import Answer, Option, Question

BOLD = r"(?:\*\*|__)?"
OPTION = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?(?:\(?(?P<a>[A-Ha-h])[.)．、:：]|（(?P<b>[A-H])）)[ \t]*(?P<text>\S.*)$")
BULLET = re.compile(r"^[ \t]*[-*+][ \t]+\S")
DASH_ANSWER = re.compile(r"^(?P<question>.*[?？])[ \t]+[-–—][ \t]+(?P<answer>\S.*)$")  # "1. What is X? - X is …"
QUESTION_PREFIX = re.compile(r"^(?:\*\*|__)?(?:Q(?:uestion)?\s*\d*)\s*[:：.]\s*(?:\*\*|__)?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class MarkerPatterns:
    line: re.Pattern  # a marker at the start of a line (after bullets/brackets)
    inline: re.Pattern  # a marker in the middle of a question line
    group_header: re.Pattern  # a line that announces grouped answers
    own_label: re.Pattern  # a label of the question's own that gives its result: "缩点结果：…"


@lru_cache(maxsize=1)
def marker_patterns() -> MarkerPatterns:
    data = load_data("answers.toml")
    words = "|".join(re.escape(w) for w in sorted(data["marker_words"], key=len, reverse=True))
    verbs = "|".join(re.escape(v) for v in data["verbs"])
    # Runs of blanks are possessive (*+): between optional parts, a backtracking [ \t]* tries every split of a
    # long run of spaces ("1. a", 100,000 spaces, "b" took minutes); no marker needs to give spaces back.
    marker = (
        rf"{BOLD}(?:[【\[][ \t]*+(?:{words})[ \t]*+[】\]]{BOLD}[ \t]*+[:：]?"
        rf"|(?:{words})(?:[ \t]*+(?P<number>\d{{1,3}}))?[ \t]*+{BOLD}[ \t]*+[:：]"
        rf"|(?:{words})[ \t]*+(?P<number2>\d{{1,3}})[.．]"
        rf"|(?:{words})(?:{verbs})[:：]?){BOLD}[ \t]*+"
    )
    headers = "|".join(re.escape(w) for w in sorted(data["group_headers"], key=len, reverse=True))
    results = "|".join(re.escape(w) for w in sorted(data["result_labels"], key=len, reverse=True))
    return MarkerPatterns(
        line=re.compile(rf"^(?P<lead>[ \t]*(?:[-*+>][ \t]+)?[（(]?)(?P<marker>{marker})(?P<rest>.*)$", re.IGNORECASE),
        inline=re.compile(rf"(?P<open>[（(][ \t]*)?(?P<marker>(?<![A-Za-z]){marker})(?P<rest>.*)$", re.IGNORECASE),
        own_label=re.compile(rf"^(?P<lead>[ \t]*)(?P<marker>[^\s:：()（）\[\]【】*#>|`]{{0,6}}(?:{results})[ \t]*[:：])"
                             rf"[ \t]*(?P<rest>\S.*)$", re.IGNORECASE),
        group_header=re.compile(rf"^[ \t]*(?:#{{1,6}}[ \t]+)?{BOLD}(?:{headers}){BOLD}[ \t]*[:：]?[ \t]*{BOLD}[ \t]*$", re.IGNORECASE),
    )


@dataclass
class QuizContext:
    """The response lines a quiz is read from."""

    lines: list[str]
    in_code: list[bool]
    end: int  # 0-based index just past the response


def extract_questions(items: list[NumberedLine], context: QuizContext) -> tuple[list[NumberedLine], list[Question]]:
    """The question items (the main numbered sequence) and the questions with their answers."""
    if not items:
        return [], []
    sequence, answers = main_sequence(items, lambda k, seq: starts_group(items, k, seq, context))
    limit = context.end
    if answers:
        header = group_header(context, sequence[-1].index + 1, answers[0].index)
        limit = header if header is not None else answers[0].index
    questions = [read_question(item, block_end(sequence, i, limit), context, allow_unmarked=not answers)
                 for i, item in enumerate(sequence)]
    if answers:
        attach_grouped_answers(questions, answers, context)
    attach_numbered_markers(questions, sequence[0].index, context)
    drop_epilogue(questions)
    return sequence, questions


def block_end(items: list[NumberedLine], i: int, limit: int) -> int:
    return min(items[i + 1].index, limit) if i + 1 < len(items) else limit


def group_header(context: QuizContext, start: int, end: int) -> Optional[int]:
    """Index of a line in [start, end) that announces grouped answers, e.g. a lone '答案：'."""
    header = marker_patterns().group_header
    return next((i for i in range(start, end) if not context.in_code[i] and header.match(context.lines[i])), None)


def starts_group(items: list[NumberedLine], k: int, sequence: list[NumberedLine], context: QuizContext) -> bool:
    """Does the restart at 1 of items[k] begin answers grouped after the questions?

    Yes after a header line; also, without a header, when no question so far has a marked answer and the
    restarted list is no longer than the questions.
    """
    if group_header(context, items[k - 1].index + 1, items[k].index) is not None:
        return True
    marker = marker_patterns().line
    marked = any(marker.match(context.lines[i]) for i in range(sequence[0].index + 1, items[k].index)
                 if not context.in_code[i])
    return not marked and len(items) - k <= len(sequence)


def marker_number(marked: re.Match) -> Optional[int]:
    number = marked["number"] or marked["number2"]
    return int(number) if number else None


def attach_numbered_markers(questions: list[Question], start: int, context: QuizContext) -> None:
    """Answers written as '答案1：…', '答案2：…' after all the questions go to the question with that number."""
    marker = marker_patterns().line
    numbered = [(i, m) for i in range(start, context.end)
                if not context.in_code[i] and (m := marker.match(context.lines[i])) and marker_number(m)]
    by_number = {q.number: q for q in questions if q.answer is None}
    for n, (i, marked) in enumerate(numbered):
        question = by_number.pop(marker_number(marked), None)
        if question is None or i < question.line:
            continue
        end = numbered[n + 1][0] if n + 1 < len(numbered) else context.end
        answer = marked_answer(marked, i, end, context.lines)
        answer.kind = "grouped"
        question.answer = answer


def drop_epilogue(questions: list[Question]) -> None:
    """Text after a tight list of unanswered questions is the response's closing remark, not the last answer."""
    if len(questions) > 1 and all(q.answer is None for q in questions[:-1]):
        last = questions[-1].answer
        if last is not None and last.kind in ("unmarked", "code"):
            questions[-1].answer = None


def clean_question_text(text: str) -> str:
    return QUESTION_PREFIX.sub("", text).strip()


def read_question(item: NumberedLine, end: int, context: QuizContext, allow_unmarked: bool = True) -> Question:
    """Read one question and its inline, code or unmarked answer from lines [item.index, end)."""
    lines, in_code = context.lines, context.in_code
    patterns = marker_patterns()
    text = clean_question_text(item.text)
    question = Question(number=item.number, text=text, line=item.index + 1, end_line=item.index + 1)
    on_line = inline_answer(text, patterns)
    if on_line is not None:
        question.text, marker, answer_text = on_line
        rest = dedent_lines(lines[item.index + 1:end])
        question.answer = Answer(text=join_text(answer_text, rest), line=item.index + 1,
                                 end_line=last_nonblank(lines, item.index, end) + 1, marker=marker, kind="inline")
        return question
    material: list[int] = []  # lines under the question that are neither options nor question text
    j = item.index + 1
    while j < end:
        line = lines[j]
        if not in_code[j]:
            marked = patterns.line.match(line)
            if marked and marker_number(marked) not in (None, question.number):
                break  # "答案3：" under question 1: answers are grouped by number after the questions
            if marked and not starts_option_run(lines, j, end, in_code):
                question.answer = marked_answer(marked, j, end, lines)
                absorb_into_question(question, material, lines)
                break
            option = OPTION.match(line)
            if option and (question.options or starts_option_run(lines, j, end, in_code)):
                question.options.append(Option(label=(option["a"] or option["b"]).upper(),
                                               text=option["text"].strip(), line=j + 1))
                question.end_line = j + 1
                j += 1
                continue
            labelled = patterns.own_label.match(line) if allow_unmarked and not material and not question.options else None
            if labelled and own_label_answer(question, j, end, context):
                question.answer = marked_answer(labelled, j, end, lines)
                break
            if line.strip() and not material and not question.options and continues_question(question, line, lines[j - 1]):
                question.text = f"{question.text}\n{line.strip()}".strip()
                question.end_line = j + 1
                j += 1
                continue
        if line.strip() or material:
            material.append(j)
        j += 1
    if question.answer is None and material and allow_unmarked:
        question.answer = unmarked_answer(material, lines, in_code)
    return question


def own_label_answer(question: Question, j: int, end: int, context: QuizContext) -> bool:
    """Is the labelled line j ('缩点结果：…') the question's answer? Yes directly under a complete question when
    no answer marker follows in the item (then the label introduces an example or data, part of the question)."""
    if question.text.rstrip("*_ ").endswith((":", "：")):
        return False
    marker = marker_patterns().line
    return not any(marker.match(context.lines[k]) for k in range(j + 1, end) if not context.in_code[k])


def absorb_into_question(question: Question, material: list[int], lines: list[str]) -> None:
    """Lines between a question and its marked answer (data, a code sample) are part of the question."""
    last = max((i for i in material if lines[i].strip()), default=None)
    if last is None:
        return
    body = "\n".join(dedent_lines(lines[material[0]:last + 1])).strip()
    question.text = f"{question.text}\n{body}".strip()
    question.end_line = last + 1


def continues_question(question: Question, line: str, previous_line: str) -> bool:
    """Does `line` still belong to the question text? Yes directly under an unfinished question (no '?' yet),
    and for a list introduced by a colon ('支持以下操作：' followed by '- 入隊')."""
    text = question.text.rstrip("*_ ")
    if not text:
        return True
    if text.endswith((":", "：")):
        return bool(previous_line.strip()) or bool(BULLET.match(line))
    return bool(previous_line.strip()) and not text.endswith(("?", "？"))


def starts_option_run(lines: list[str], j: int, end: int, in_code: list[bool]) -> bool:
    """True when line j is option A (or a later letter) followed by the next letter's option."""
    first = OPTION.match(lines[j])
    if not first:
        return False
    label = (first["a"] or first["b"]).upper()
    following = next((lines[k] for k in range(j + 1, end) if lines[k].strip() and not in_code[k]), "")
    second = OPTION.match(following)
    return bool(second) and (second["a"] or second["b"]).upper() == chr(ord(label) + 1)


def inline_answer(text: str, patterns: MarkerPatterns) -> Optional[tuple[str, str, str]]:
    """(question, marker, answer) when the question line carries its answer, e.g. '…？（答案：B）', or after a
    dash: '…? - …'."""
    dashed = DASH_ANSWER.match(text)
    if dashed and not patterns.inline.search(dashed["answer"]):
        return dashed["question"].strip(), "-", dashed["answer"].strip()
    for found in patterns.inline.finditer(text):
        before = text[: found.start()]
        if not before.strip() or not re.search(r"[?？。.!！)）]\s*$", before):
            continue
        answer = found["rest"].strip()
        if found["open"] and answer.endswith(("）", ")")):
            answer = answer[:-1].strip()
        return before.strip(), found["marker"].strip(), answer
    return None


def marked_answer(marked: re.Match, j: int, end: int, lines: list[str]) -> Answer:
    rest = marked["rest"].strip()
    if marked["lead"].rstrip().endswith(("（", "(")) and rest.endswith(("）", ")")):
        rest = rest[:-1].strip()
    following = dedent_lines(lines[j + 1:end])
    return Answer(text=join_text(rest, following), line=j + 1, end_line=last_nonblank(lines, j, end) + 1,
                  marker=marked["marker"].strip(), kind="inline")


def unmarked_answer(material: list[int], lines: list[str], in_code: list[bool]) -> Answer:
    first, last = material[0], max(i for i in material if lines[i].strip())
    text = "\n".join(dedent_lines(lines[first:last + 1])).strip()
    only_code = all(in_code[i] for i in range(first, last + 1) if lines[i].strip())
    return Answer(text=text, line=first + 1, end_line=last + 1, marker=None, kind="code" if only_code else "unmarked")


def attach_grouped_answers(questions: list[Question], answers: list[NumberedLine], context: QuizContext) -> None:
    """Give each question the grouped answer with its number (or its position when numbers do not match)."""
    by_number = {q.number: q for q in reversed(questions)}
    patterns = marker_patterns()
    for position, item in enumerate(answers):
        question = by_number.get(item.number) or (questions[position] if position < len(questions) else None)
        if question is None or question.answer is not None:
            continue
        end = block_end(answers, position, context.end)
        text, marker = item.text, None
        marked = patterns.line.match(text)
        if marked:
            text, marker = marked["rest"].strip(), marked["marker"].strip()
        following = dedent_lines(context.lines[item.index + 1:end])
        question.answer = Answer(text=join_text(text, following), line=item.index + 1,
                                 end_line=last_nonblank(context.lines, item.index, end) + 1, marker=marker,
                                 kind="grouped")


def dedent_lines(lines: list[str]) -> list[str]:
    return textwrap.dedent("\n".join(line.rstrip() for line in lines)).split("\n") if lines else []


def join_text(first: str, following: list[str]) -> str:
    return "\n".join([first.strip(), *following]).strip()

