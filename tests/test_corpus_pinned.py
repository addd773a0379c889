"""Pinned extraction for 12 hand-checked pages of the real learn-with-ai corpus.

Every expected value below was read off the raw page text (line numbers are 1-based file lines), not copied
from parser output. A question is (number, line, start of text, answer); an answer is
(kind, line, end_line, marker, start of text) or None. Text is compared by prefix.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from conftest import CORPUS
from lessonkit import parse_file

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}")

TW = "zh-tw/AI Knowledge Hub/IT/"
EN = "english/AI Knowledge Hub/IT/"


def ans(kind, line, marker, text, end_line=None):
    return (kind, line, end_line or line, marker, text)


def five(lines, texts, answers):
    return [(n, line, text, answer) for n, (line, text, answer) in enumerate(zip(lines, texts, answers), 1)]


PAGES = {
    # inline "答案：" in its own paragraph under each question (zh-tw)
    "prototypes": (TW + "Front-end development/Javascript/Prototypes.md", five(
        [60, 64, 68, 72, 76],
        ["試著給一個汽車原型", "你想要設計一個能夠根據不同手勢", "你要设计一个无人机原型", "你想开发一款可翻转", "设计一个可以以各种方式"],
        [ans("inline", 62, "答案：", "可以利用車載電腦和傳感器"), ans("inline", 66, "答案：", "可以使用陀螺仪和加速度计"),
         ans("inline", 70, "答案：", "可以使用GPS 和 互联网"), ans("inline", 74, "答案：", "可以设计一个小型机械臂"),
         ans("inline", 78, "答案：", "可以使用DC电机来驱动")])),
    # "Answer:" directly under each question (english)
    "balance": (EN + "Artificial Intelligence/AI Ethics and Safety/Fairness/Balance.md", five(
        [43, 46, 49, 52, 55],
        ["What is the difference between static", "What are the three sensory systems", "What are the common factors",
         "How can exercise improve balance?", "What are some tips for improving"],
        [ans("inline", 44, "Answer:", "Static balance involves"), ans("inline", 47, "Answer:", "The visual, vestibular"),
         ans("inline", 50, "Answer:", "Age, medications, and"), ans("inline", 53, "Answer:", "Exercise can improve"),
         ans("inline", 56, "Answer:", "Tips for improving balance")])),
    # "答：" paragraph under each question (zh-tw)
    "module-bundlers": (TW + "Front-end development/Front-End Tooling/Module bundlers/Module bundlers.md", five(
        [59, 63, 67, 71, 75],
        ["請問什麼是 Tree Shaking？", "請問什麼是 Code Splitting？", "請問 Webpack 的 entry", "請問 Webpack 中常用的優化方式",
         "請問 Rollup 與 Webpack"],
        [ans("inline", 61, "答：", "Tree Shaking 是一個"), ans("inline", 65, "答：", "Code Splitting 是將"),
         ans("inline", 69, "答：", "entry 為定義進入點"), ans("inline", 73, "答：", "常用的優化方式有："),
         ans("inline", 77, "答：", "Rollup 的優點是")])),
    # "1. Q: ..." followed by "A: ..." (english); the "Q:" label is not part of the question
    "heat-map": (EN + "Artificial Intelligence/Data Science/Data Visualization/Heat Map.md", five(
        [42, 45, 48, 51, 54],
        ["What is a heat map?", "How does a heat map work?", "What types of data are typically",
         "How are heat maps useful", "What are some examples of industries"],
        [ans("inline", 43, "A:", "A heat map is a visualization"), ans("inline", 46, "A:", "A heat map works by"),
         ans("inline", 49, "A:", "Heat maps are frequently used"), ans("inline", 52, "A:", "Heat maps are useful in data"),
         ans("inline", 55, "A:", "Industries that commonly use")])),
    # five questions, a lone "答案：" line (49), then a second 1-5 list of answers
    "privacy": (TW + "Artificial Intelligence/AI Ethics and Safety/Privacy/Privacy.md", five(
        [43, 44, 45, 46, 47],
        ["何為個人識別資料？", "在線上瀏覽網站時", "當使用者使用社交媒體時", "在公司中，該如何管理", "該如何確保自己的個人資料"],
        [ans("grouped", 50, None, "個人識別資料指可識別"), ans("grouped", 51, None, "Cookie是由網站伺服器寫入"),
         ans("grouped", 52, None, "使用者可以進入社交媒體"), ans("grouped", 53, None, "公司應制定適當的隱私權政策"),
         ans("grouped", 54, None, "使用者應該遵守網路安全常識")])),
    # answers as a second list restarting at 1, no header line
    "ml-engineering": (TW + "Artificial Intelligence/Machine Learning Engineering/Machine Learning Engineering.md", five(
        [46, 47, 48, 49, 50],
        ["如何將一個文字檔案轉換成向量", "如何處理高維度特徵空間", "如何使用深度學習模型", "如何處理缺失資料", "如何選擇合適的機器學習模型"],
        [ans("grouped", 52, None, "可以使用詞頻統計法"), ans("grouped", 53, None, "可以使用正則化方法"),
         ans("grouped", 54, None, "可以使用卷積神經網絡"), ans("grouped", 55, None, "可以使用填補平均值"),
         ans("grouped", 56, None, "可以使用交叉驗證等方法")])),
    # "問題N:" label lines with the question below; "答案N:" label lines after all questions, answer below
    "composite": (TW + "Back-end development/Design Pattern/Structural Patterns/Composite Pattern.md", five(
        [61, 64, 67, 70, 73],
        ["在使用Composite Pattern時，葉節點", "使用Composite Pattern如何實現", "如何避免在使用Composite",
         "使用Composite Pattern時如何處理", "如何在使用Composite Pattern時實現"],
        [ans("grouped", 76, "答案1:", "葉節點只能包含數據", 77), ans("grouped", 79, "答案2:", "Composite Pattern可以使用遞迴", 80),
         ans("grouped", 82, "答案3:", "可以使用處理葉節點的方法", 83), ans("grouped", 85, "答案4:", "可以使用方法重載", 86),
         ans("grouped", 88, "答案5:", "可以使用遞迴方式實現數據", 89)])),
    # multiple choice A.-D. options, then "答案：<letter>"
    "color-contrast": (TW + "Front-end development/Front-End Accessibility/Color contrast.md", five(
        [59, 67, 75, 83, 91],
        ["背景顏色為 #003366", "以黑色字體顯示在白色背景上", "背景顏色為 #FFCC33", "背景顏色為 #660000", "在網站上使用較深的綠色"],
        [ans("inline", 65, "答案：", "B"), ans("inline", 73, "答案：", "B"), ans("inline", 81, "答案：", "D"),
         ans("inline", 89, "答案：", "A"), ans("inline", 97, "答案：", "B")])),
    # each answer is nothing but a fenced python block
    "bubble-sort": (TW + "Back-end development/Algorithm/Sorting Algorithms/Bubble Sort.md", five(
        [62, 76, 90, 104, 118],
        ["將陣列中的偶數值遞增排序", "將二維陣列按照其第二行", "將字串陣列按照字典順序", "找出陣列中第二小的元素", "判斷是否存在陣列中的任意連續子段"],
        [ans("code", 64, None, "```python\narr = [3, 4", 74), ans("code", 78, None, "```python\narr = [[3, 7]", 88),
         ans("code", 92, None, "```python\narr = [\"cat\"", 102), ans("code", 106, None, "```python\narr = [3, 4", 116),
         ans("code", 120, None, "```python\narr = [3, 4", 139)])),
    # "1) question" then a plain, unmarked answer line (english)
    "circular-queue": (EN + "Back-end development/Data Structure/Linear Data Structures/Queue/Circular Queue.md", five(
        [52, 55, 58, 61, 64],
        ["What is a circular queue and how", "How are elements added and removed", "What is the purpose of a circular",
         "Can a circular queue be implemented", "How do you check if a circular"],
        [ans("unmarked", 53, None, "A circular queue is a type"), ans("unmarked", 56, None, "Elements are added to the rear"),
         ans("unmarked", 59, None, "A circular queue is used to"), ans("unmarked", 62, None, "Yes, a circular queue can"),
         ans("unmarked", 65, None, "To check if a circular queue")])),
    # five bare LeetCode titles, then a refusal "答案不提供…" (line 68) that answers nothing
    "heap": (TW + "Back-end development/Data Structure/Non-linear Data Structures/Heap/Heap.md", five(
        [62, 63, 64, 65, 66],
        ["LeetCode 215. Kth Largest", "LeetCode 502. IPO", "LeetCode 973. K Closest", "LeetCode 347. Top K",
         "LeetCode 295. Find Median"],
        [None] * 5)),
    # q5's answer holds an unindented 1.-6. step list (lines 95-105) that must not become questions or answers
    "saga": (TW + "Back-end development/Micro Service/Micro Service Design Pattern/Saga Pattern.md", five(
        [75, 79, 83, 87, 91],
        ["您正在開發一個電子商務網站", "假設您正在開發一個大型分佈式", "您開發了一個訂單管理系統", "您正在開發一個物流系統",
         "假設您正在構建一個購物車系統"],
        [ans("inline", 77, "答案：", "在實現Saga模式的交付系統中"), ans("inline", 81, "答案：", "為了實現可靠且可伸縮性"),
         ans("inline", 85, "答案：", "在實現Saga模式的重複發送"), ans("inline", 89, "答案：", "在實現Saga模式的物流系統中"),
         ans("inline", 93, "答案：", "實現Saga模式的購物車系統包括以下步驟", 105)])),
}

QUESTION_CASES = [pytest.param(page, q, id=f"{page}-q{q[0]}") for page, (_, questions) in PAGES.items() for q in questions]


@lru_cache(maxsize=None)
def lesson(page):
    return parse_file(CORPUS / PAGES[page][0])


def quiz(page):
    sections = [s for s in lesson(page).sections if s.kind == "quiz"]
    assert len(sections) == 1, [s.heading for s in lesson(page).sections]
    return sections[0]


def head(text, expected):
    """The start of `text`, as long as the expected prefix (None stays None)."""
    return None if text is None or expected is None else text[: len(expected)]


@pytest.mark.parametrize("page", PAGES)
def test_question_numbers_and_lines(page):
    expected = [(n, line) for n, line, _, _ in PAGES[page][1]]
    assert [(q.number, q.line) for q in quiz(page).questions] == expected


@pytest.mark.parametrize("page, expected", QUESTION_CASES)
def test_question_and_answer(page, expected):
    number, line, text, answer = expected
    found = {q.number: q for q in quiz(page).questions}
    assert number in found, f"question {number} (line {line}) not found"
    question = found[number]
    assert (question.line, head(question.text, text)) == (line, text)
    got = question.answer
    if answer is None:
        assert got is None, f"expected no answer, got {got!r}"
        return
    assert got is not None, "expected an answer, got None"
    kind, a_line, a_end, marker, a_text = answer
    assert (got.kind, got.line, got.end_line, got.marker, head(got.text, a_text)) == (kind, a_line, a_end, marker, a_text)


def test_saga_steps_stay_in_the_last_answer():
    last = quiz("saga").questions[-1].answer
    assert last is not None
    assert "1. 檢查所有商品的庫存量是否充足。" in last.text
    assert "6. 確認所有商品都成功下單後，將訂單提交。" in last.text


def test_color_contrast_options():
    questions = quiz("color-contrast").questions
    assert [[(o.label, o.line) for o in q.options] for q in questions] == [
        [("A", first), ("B", first + 1), ("C", first + 2), ("D", first + 3)] for first in (60, 68, 76, 84, 92)]
    assert [o.text for o in questions[0].options] == ["#FFFFFF", "#CCCCCC", "#FFFFCC", "#00CC66"]


def test_heap_refusal_is_not_an_answer():
    assert all(q.answer is None for q in quiz("heap").questions)
    assert all("答案不提供" not in q.text for q in quiz("heap").questions)


# (kind, heading, line, end_line, prompt text, prompt line, prompt end_line, requested_count, language, item count)
SECTIONS = {
    "prototypes": [
        ("preview", "習題預習", 5, 16, "給我5題Prototypes的中文問題", 6, 8, 5, "zh-Hant", 5),
        ("explain", "說明知識", 18, 33, "以中文說明Prototypes並舉例", 19, 21, None, "zh-Hant", None),
        ("keypoints", "彙總重點", 35, 51, "以中文條列Prototypes的重點", 36, 38, None, "zh-Hant", 10),
        ("quiz", "知識測驗", 53, 78, "以中文給我5題Prototypes的中等難度問題，並在後面列出答案", 54, 56, 5, "zh-Hant", 5),
    ],
    "balance": [
        ("preview", "Preview", 5, 14, "give me five question about Balance", 6, 8, 5, None, 5),
        ("explain", "Explain", 16, 23, "Explain Balance and give an example", 17, 19, None, None, 0),
        ("keypoints", "Keypoint", 25, 36, "List the key points of Balance", 26, 28, None, None, 7),
        ("quiz", "Review", 38, 56, "Give me 5 medium-difficulty questions with answers about Balance", 39, 41, 5, None, 5),
    ],
}


@pytest.mark.parametrize("page", SECTIONS)
def test_sections_and_prompts(page):
    got = []
    for s, want in zip(lesson(page).sections, SECTIONS[page]):
        p = s.prompt
        prompt = (p.text, p.line, p.end_line, p.requested_count, p.language) if p else None
        items = len(s.items) if want[-1] is not None else None
        got.append((s.kind, s.heading, s.line, s.end_line, *(prompt or (None,) * 5), items))
    assert len(lesson(page).sections) == len(SECTIONS[page])
    assert got == SECTIONS[page]
