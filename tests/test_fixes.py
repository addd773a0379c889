"""The fix loop: fixes keep a page's form (for every fixed page of tests/rules/, the page saved with a BOM and
CRLF line endings is fixed to the same page with a BOM and CRLF line endings: every byte outside the edits kept),
and every safe fix together, with overlapping edits, reaches a fixed point."""

import pytest

from lessonkit.config.selection import Layer
from lessonkit.config.settings import Settings
from lessonkit.lint.linter import fix_source
from lessonkit.read.source import source_from_text
from rule_examples import fix_cases, fixed


def twin(text: bytes) -> bytes:
    return b"\xef\xbb\xbf" + text.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


CASES = [(example, applicability) for example, applicability in fix_cases()
         if example.fixed_file(applicability).is_file()]


@pytest.mark.parametrize("example, applicability", CASES, ids=str)
def test_bom_and_crlf_twin_is_fixed_to_the_twin(example, applicability, tmp_path):
    expected = example.fixed_file(applicability).read_bytes()
    assert fixed(example, applicability, tmp_path, twin(example.path.read_bytes())) == twin(expected)


def test_all_safe_fixes_together_with_overlapping_edits():
    before = '+++\ntitle = "t"\nweight = "4"  \n+++\n## A\n  \n\t\n\n文字 \n'
    settings = Settings(cli=Layer(extend_select=("formatting",)))  # the formatting group: LK103, LK501, LK502
    result = fix_source(source_from_text(before), settings, frozenset({"safe"}))
    assert result.final.raw == '+++\ntitle = "t"\nweight = 4\n+++\n## A\n\n文字\n'
    assert fix_source(result.final, settings, frozenset({"safe"})).fixed == 0
    crlf = fix_source(source_from_text("\ufeff" + before.replace("\n", "\r\n")), settings, frozenset({"safe"}))
    assert crlf.final.encode() == b"\xef\xbb\xbf" + result.final.raw.replace("\n", "\r\n").encode("utf-8")
