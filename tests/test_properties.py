"""Property tests: mutated real and sample pages never crash the parser, the linter or the fixer; every position
lies inside the file; --fix is idempotent and touches nothing it does not report; conversion is deterministic.

CI runs a bounded number of examples; for a longer local run: LESSONKIT_EXAMPLES=2000 pytest tests/test_properties.py
"""

import json
import os
import signal

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is not installed")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from conftest import CORPUS, SAMPLES  # noqa: E402
from lessonkit.config.selection import Layer  # noqa: E402
from lessonkit.config.settings import Settings  # noqa: E402
from lessonkit.export.convert import lesson_data  # noqa: E402
from lessonkit.lint.linter import fix_source, lint_source  # noqa: E402
from lessonkit.parse.parser import parse_source  # noqa: E402
from lessonkit.lint.fixes import apply_spans, choose_spans  # noqa: E402
from lessonkit.read.source import Source, UnreadablePage, decode, source_from_text, split_lines  # noqa: E402

EXAMPLES = int(os.environ.get("LESSONKIT_EXAMPLES", "60"))
BASES = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.rglob("*.md"))]
if CORPUS.is_dir():  # real pages too: every 60th of the corpus (24 pages in all three languages)
    BASES += [path.read_text(encoding="utf-8") for path in sorted(CORPUS.rglob("*.md"))[::60]]
ALL_RULES = Settings(cli=Layer(select=("ALL",)))
NASTY = ["\u0301", "\u200f", "\u3000", "\x00", "\ufeff", "{{<", ">}}", "{{< /ask_chatgpt >}}", "```", "~~~", "+++", "---",
         "## ", "# ", "1. ", "答案：", "Answer:", "A. ", "<!-- lessonkit: disable=all -->", "\r", "\r\n", "$", "`", "😀", "\udcff"]


@st.composite
def mutated_pages(draw):
    lines = split_lines(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(0, 6))):
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "cut", "insert", "long"]))
        index = draw(st.integers(0, len(lines) - 1)) if lines else 0
        if not lines:
            lines = [""]
        if action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "cut":
            lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))]
        elif action == "insert":
            piece = draw(st.sampled_from(NASTY) | st.text(max_size=20))
            at = draw(st.integers(0, len(lines[index])))
            lines[index] = lines[index][:at] + piece + lines[index][at:]
        else:
            lines.insert(index, "很长" * draw(st.integers(100, 3000)))
    return "\n".join(lines)


def check_positions(text, diagnostics):
    lines = split_lines(text[1:] if text.startswith("\ufeff") else text)
    for d in diagnostics:
        assert 1 <= d.line <= len(lines) and 1 <= d.end_line <= len(lines) + 1, d
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1, d
        for edit in d.fix.edits if d.fix else ():
            assert 1 <= edit.line <= len(lines) + 1 and edit.column >= 1, d


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_pages())
def test_mutated_pages_parse_lint_and_fix_safely(text):
    try:
        source = decode(text.encode("utf-8", "surrogatepass"), "page.md")
    except UnreadablePage:
        return  # NUL bytes and lone surrogates are reported as unreadable, by design
    diagnostics = lint_source(source, ALL_RULES)
    check_positions(source.raw, diagnostics)
    fixed = fix_source(source, ALL_RULES, frozenset({"safe", "unsafe"}))
    again = fix_source(fixed.final, ALL_RULES, frozenset({"safe", "unsafe"}))
    assert again.final.raw == fixed.final.raw  # idempotent
    assert again.final.bom == source.bom


@settings(max_examples=EXAMPLES, deadline=None)
@given(mutated_pages())
def test_undoing_the_reported_edits_gives_the_original_bytes(text):
    source = source_from_text(text.replace("\x00", "").replace("\udcff", ""), "page.md")
    fixes = [d.fix for d in lint_source(source, ALL_RULES) if d.fix]
    spans, _ = choose_spans(source.raw, fixes)
    fixed = apply_spans(source.raw, spans)
    inverse, shift = [], 0  # each edit's place in the fixed text, with the text it replaced
    for start, end, content in spans:
        inverse.append((start + shift, start + shift + len(content), source.raw[start:end]))
        shift += len(content) - (end - start)
    assert apply_spans(fixed, inverse) == source.raw
    assert Source(source.path, apply_spans(fixed, inverse), source.bom).encode() == source.encode()


@settings(max_examples=EXAMPLES, deadline=None)
@given(mutated_pages())
def test_safe_fixes_change_only_whitespace_weights_and_marks(text):
    source = source_from_text(text.replace("\x00", "").replace("\udcff", ""), "page.md")
    fixed = fix_source(source, ALL_RULES, frozenset({"safe"}))

    def normalized(raw):  # what the safe fixes are allowed to change, undone
        raw = raw.translate(str.maketrans("？！，：；", "?!,:;")).replace('"', "")
        return "".join("".join(line.split()) for line in split_lines(raw))

    assert normalized(fixed.final.raw) == normalized(source.raw)


@settings(max_examples=EXAMPLES, deadline=None)
@given(mutated_pages())
def test_conversion_is_deterministic(text):
    text = text.replace("\x00", "").replace("\udcff", "")
    first = json.dumps(lesson_data(parse_source(source_from_text(text, "p.md")).lesson), ensure_ascii=False)
    second = json.dumps(lesson_data(parse_source(source_from_text(text, "p.md")).lesson), ensure_ascii=False)
    assert first == second


@pytest.mark.parametrize("text", [
    "1. " * 30000, "#" * 100000, "{{<" * 30000, "`" * 100000, "答案：" * 30000, "[" * 50000 + "](" * 50000,
    "$" * 100000, "<!--" * 30000, "- " * 50000 + "x", "A. " * 30000, "很" * 100000 + "，",
    "1. a" + " " * 100000 + "x", "1. a?" + " " * 100000 + "b", "? " * 50000 + "- x", "{" + " " * 100000 + "x",
])
def test_adversarial_lines_finish(text):
    """No regular expression backtracks catastrophically on 100 KB of adversarial input. The alarm is a hang
    guard far above the ~0.1 s these take (quadratic patterns took 6-16 s before they were fixed)."""
    page = '+++\ntitle = "t"\n+++\n## 知识测验\n{{< ask_chatgpt >}}\n给我5题X\n{{< /ask_chatgpt >}}\n\n' + text + "\n"

    def hung(signum, frame):
        raise TimeoutError("lint did not finish within 60 s: catastrophic backtracking?")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        check_positions(page, lint_source(source_from_text(page, "p.md"), ALL_RULES))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
