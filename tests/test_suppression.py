"""Suppression comments: a filter after the rules. Which lines a comment covers, codes, prefixes and names,
`all`, enable after disable, comments inside code, and LK001 / LK002 as the comments' own findings."""

import pytest

from pages import FRONT_MATTER, lines_of, only, quiz, section


S = only("LK201", "LK501", "LK001", "LK002")
Q2 = "1. 问题一？\n答案：甲\n{}\n2. 问题二？\n"  # the comment is on line 11, question 2 on line 12


@pytest.mark.parametrize("text, expected", [
    (quiz(Q2.format("<!-- lessonkit: disable-next-line=LK201 -->")), []),
    (quiz(Q2.format("<!-- lessonkit: disable-next-line=missing-answer -->")), []),
    (quiz(Q2.format("<!-- lessonkit: disable-next-line=LK2 -->")), []),
    (quiz(Q2.format("<!-- lessonkit: disable-next-line=all -->")), []),
    (quiz(Q2.format("<!-- lessonkit:disable-next-line = LK501, missing-answer -->")), []),
    (quiz(Q2.format("<!-- lessonkit: disable-next-line=LK201 -->\n")), [("LK001", 11), ("LK201", 13)]),
    (quiz(Q2.format("<!-- lessonkit: disable-next-line=LK501 -->")), [("LK001", 11), ("LK201", 12)]),
    (FRONT_MATTER + "<!-- lessonkit: disable-file=missing-answer -->\n" + section("1. 问题一？\n2. 问题二？\n"), []),
    (FRONT_MATTER + "## A\n<!-- lessonkit: disable=trailing-whitespace -->\na \nb \n<!-- lessonkit: enable=LK501 -->\nc \n",
     [("LK501", 9)]),
    (FRONT_MATTER + "## A\n<!-- lessonkit: disable=LK5 -->\na \n\nb \n", []),
    (FRONT_MATTER + '## A\n<!-- lessonkit: disable-next-line=LK501 reason="generator" -->\n文字 \n', []),
    (FRONT_MATTER + "## A\n```\n<!-- lessonkit: disable-file=LK501 -->\n<!-- lessonkit: bogus -->\n```\n文字 \n", [("LK501", 9)]),
])
def test_suppression_comments(text, expected):
    assert lines_of(text, S) == expected


def test_comment_in_inline_code_is_ignored():
    text = FRONT_MATTER + "## A\n写 `<!-- lessonkit: disable-file=LK501 -->` 即可 \n"
    assert lines_of(text, S) == [("LK501", 5)]


def test_enable_of_one_code_keeps_the_others_disabled():
    text = FRONT_MATTER + "## A\n<!-- lessonkit: disable=LK501,LK201 -->\na \n<!-- lessonkit: enable=LK201 -->\nb \n"
    assert lines_of(text, S) == []
