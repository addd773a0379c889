"""Parsing small pages: front matter, sections, shortcodes, items, quiz answers, prompts, with exact lines."""

import pytest

from lessonkit import parse_text
from lessonkit.parse.parser import parse_source
from lessonkit.read.source import UnreadablePage, decode, source_from_text

PAGE = """+++
title = "Generative Adversarial Networks (GANs)"
weight = "4"
+++
## 知识测验
{{< ask_chatgpt >}}
以中文给我5题Generative Adversarial Networks (GANs)的中等难度问题，并在后面列出答案
{{< /ask_chatgpt >}}

1. GANs中的生成器和判别器有什么区别？
答案：生成器负责生成样本，
判别器负责判断真假。

2. 什么是模式崩溃？
"""


def quiz(body: str, heading: str = "知识测验"):
    text = f'+++\ntitle = "t"\n+++\n## {heading}\n{{{{< ask_chatgpt >}}}}\n给我5题X的问题\n{{{{< /ask_chatgpt >}}}}\n\n{body}'
    return parse_text(text).sections[0]


def test_front_matter_toml_with_quoted_weight():
    lesson = parse_text(PAGE)
    fm = lesson.front_matter
    assert (fm.format, fm.title, fm.weight, fm.weight_quoted) == ("toml", "Generative Adversarial Networks (GANs)", 4, True)
    assert (fm.line, fm.end_line) == (1, 4)
    assert fm.data == {"title": "Generative Adversarial Networks (GANs)", "weight": "4"}


@pytest.mark.parametrize("text, fmt", [
    ("---\ntitle: Hello\nweight: 3\n---\n## Review\n", "yaml"),
    ('{\n"title": "Hello",\n"weight": 3\n}\n## Review\n', "json"),
])
def test_front_matter_yaml_and_json(text, fmt):
    lesson = parse_text(text)
    assert (lesson.front_matter.format, lesson.front_matter.title, lesson.front_matter.weight) == (fmt, "Hello", 3)
    assert lesson.front_matter.weight_quoted is False
    assert lesson.sections[0].line == 5


@pytest.mark.parametrize("text, line, column, words", [
    ('+++\ntitle = "a"\nweight = = 3\n+++\n', 3, 10, "Invalid value"),
    ("---\ntitle: [a\n---\n", 3, 1, "expected"),
    ('{\n"title": "a",,\n}\n', 2, 14, "Expecting"),
    ('+++\ntitle = "a"\n## Review\n', 1, 1, "never closed"),
])
def test_broken_front_matter_is_a_positioned_problem(text, line, column, words):
    page = parse_source(source_from_text(text))
    [problem] = page.problems
    assert (problem.code, problem.line, problem.column) == ("LK101", line, column)
    assert words in problem.message


def test_unterminated_front_matter_still_parses_sections():
    page = parse_source(source_from_text('+++\ntitle = "a"\n## Review\ntext\n'))
    assert [s.heading for s in page.lesson.sections] == ["Review"]


def test_sections_kinds_prompt_and_response_lines():
    lesson = parse_text(PAGE)
    [section] = lesson.sections
    assert (section.kind, section.heading, section.line, section.end_line) == ("quiz", "知识测验", 5, 14)
    assert section.prompt.text.startswith("以中文给我5题")
    assert (section.prompt.line, section.prompt.end_line) == (6, 8)
    assert (section.prompt.requested_count, section.prompt.language) == (5, "zh-Hans")
    assert (section.response.line, section.response.end_line) == (10, 14)
    assert section.response.markdown.startswith("1. GANs")


@pytest.mark.parametrize("heading, kind", [
    ("習題預習", "preview"), ("说明知识", "explain"), ("彙總重點", "keypoints"), ("條列重點", "keypoints"),
    ("Keypoint", "keypoints"), ("知識測驗", "quiz"), ("Review", "quiz"), ("網路資料", "links"),
    ("Related webpage", "links"), ("Something else", "other"),
])
def test_section_kind_from_heading_table(heading, kind):
    assert parse_text(f"## {heading}\ntext\n").sections[0].kind == kind


def test_inline_answer_spans_following_lines_and_strips_marker():
    [q1, q2] = parse_text(PAGE).sections[0].questions
    assert (q1.number, q1.line, q1.text) == (1, 10, "GANs中的生成器和判别器有什么区别？")
    assert q1.answer.model_dump() == {"text": "生成器负责生成样本，\n判别器负责判断真假。", "line": 11, "end_line": 12,
                                      "marker": "答案：", "kind": "inline"}
    assert (q2.number, q2.line, q2.answer) == (2, 14, None)


@pytest.mark.parametrize("line, marker, text", [
    ("答案：B", "答案：", "B"), ("答：对", "答：", "对"), ("答案: 是", "答案:", "是"), ("Answer: yes", "Answer:", "yes"),
    ("A: yes", "A:", "yes"), ("Ans: yes", "Ans:", "yes"), ("【答案】：是", "【答案】：", "是"), ("**答案：** 是", "**答案：**", "是"),
    ("- 答案：是", "答案：", "是"), ("解答：是", "解答：", "是"), ("題解：是", "題解：", "是"), ("答案是对的", "答案是", "对的"),
    ("A1. yes", "A1.", "yes"), ("   答案：缩进", "答案：", "缩进"),
])
def test_inline_marker_variants(line, marker, text):
    [question] = quiz(f"1. 问题？\n{line}\n").questions
    assert (question.answer.kind, question.answer.marker, question.answer.text, question.answer.line) == ("inline", marker, text, 10)


def test_marker_with_nothing_after_it_gives_empty_answer():
    [question] = quiz("1. 问题？\n答案：\n").questions
    assert question.answer is not None and question.answer.text == "" and question.answer.marker == "答案："


def test_lone_marker_line_with_answer_below():
    [question] = quiz("1. 问题？\n答案：\n第一行\n第二行\n").questions
    assert (question.answer.text, question.answer.line, question.answer.end_line) == ("第一行\n第二行", 10, 12)


def test_refusal_starting_with_answer_word_is_not_a_marker():
    section = quiz("1. 问题？\n2. 问题二？\n\n答案不提供，请自行思考。\n")
    assert [q.answer for q in section.questions] == [None, None]


def test_answer_on_the_question_line():
    [question] = quiz("1. 什么是GAN？（答案：生成对抗网络）\n").questions
    assert (question.text, question.answer.text, question.answer.marker) == ("什么是GAN？", "生成对抗网络", "答案：")


def test_grouped_answers_after_lone_header():
    section = quiz("1. 问题一？\n2. 问题二？\n\n答案：\n\n1. 甲\n2. 乙\n")
    assert [(q.number, q.answer.text, q.answer.line, q.answer.kind) for q in section.questions] == [
        (1, "甲", 14, "grouped"), (2, "乙", 15, "grouped")]
    assert [item.number for item in section.items] == [1, 2]


def test_grouped_answers_as_restarted_list_without_header():
    section = quiz("1. 问题一？\n2. 问题二？\n\n1. 甲\n2. 乙\n")
    assert [(q.answer.text, q.answer.kind) for q in section.questions] == [("甲", "grouped"), ("乙", "grouped")]


def test_numbered_answer_markers_after_questions():
    section = quiz("問題1:\n甲？\n\n問題2:\n乙？\n\n答案1:\n一\n\n答案2:\n二\n")
    assert [(q.number, q.text, q.answer.text, q.answer.kind) for q in section.questions] == [
        (1, "甲？", "一", "grouped"), (2, "乙？", "二", "grouped")]


def test_multiple_choice_options_and_letter_answer():
    [question] = quiz("1. 哪个正确？\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案：B\n").questions
    assert [(o.label, o.text, o.line) for o in question.options] == [("A", "甲", 10), ("B", "乙", 11), ("C", "丙", 12), ("D", "丁", 13)]
    assert question.answer.text == "B"


def test_code_block_answer_and_unmarked_answer():
    section = quiz("1. 写出代码？\n```python\nprint(1)\n```\n\n2. 为什么？\n因为如此。\n")
    code, unmarked = section.questions
    assert (code.answer.kind, code.answer.text, code.answer.line, code.answer.end_line) == ("code", "```python\nprint(1)\n```", 10, 12)
    assert (unmarked.answer.kind, unmarked.answer.text) == ("unmarked", "因为如此。")


def test_inner_numbered_list_does_not_start_new_questions():
    section = quiz("1. 步骤是什么？\n答案：如下：\n1. 第一步\n2. 第二步\n\n2. 第二题？\n答案：好\n")
    assert [(q.number, q.line) for q in section.questions] == [(1, 9), (2, 14)]
    assert section.questions[0].answer.text == "如下：\n1. 第一步\n2. 第二步"


def test_indented_nested_list_is_not_an_item():
    section = quiz("1. 题一？\n   1. 子项\n   2. 子项\n2. 题二？\n")
    assert [(i.number, i.line) for i in section.items] == [(1, 9), (2, 12)]


def test_question_continues_into_list_after_colon():
    [question] = quiz("1. 实现以下操作：\n- 入队\n- 出队\n").questions
    assert question.text == "实现以下操作：\n- 入队\n- 出队" and question.answer is None


def test_shortcodes_have_exact_positions_and_code_is_not_a_shortcode():
    text = "## A\n  {{< ask_chatgpt >}}问{{< /ask_chatgpt >}}\n```vue\n<p>{{ msg }}</p>\n{{< fake >}}\n```\n`{{< inline >}}`\n{{% note %}}x{{% /note %}}\n"
    lesson = parse_text(text)
    assert [(s.name, s.delimiter, s.line, s.column, s.end_line, s.end_column) for s in lesson.shortcodes] == [
        ("ask_chatgpt", "<", 2, 3, 2, 43), ("note", "%", 8, 1, 8, 27)]
    assert lesson.sections[0].prompt.text == "问"


def test_unclosed_and_unmatched_shortcodes_are_recorded():
    lesson = parse_text("## A\n{{< ask_chatgpt >}}\n问\n{{< /other >}}\n")
    opened, closing = lesson.shortcodes
    assert (opened.name, opened.end_line) == ("ask_chatgpt", None)
    assert (closing.name, closing.closing_only, closing.line) == ("other", True, 4)
    assert lesson.sections[0].prompt is None


@pytest.mark.parametrize("prompt, count", [
    ("以中文给我5题X的中等难度问题", 5), ("give me five question about X", 5), ("Give me 5 medium-difficulty questions with answers about Web 2.0", 5),
    ("给我五题X的问题", 5), ("列出十五个要点", 15), ("給我5篇X的中文網路資料", 5), ("Explain Web 3.0 and give an example", None), ("以中文说明X并举例", None),
])
def test_requested_count(prompt, count):
    from lessonkit.parse.prompts import requested_count
    assert requested_count(prompt) == count


@pytest.mark.parametrize("prompt, language", [
    ("以中文給我5題X的問題", "zh-Hant"), ("以中文给我5题X的问题", "zh-Hans"), ("用中文说明", "zh-Hans"), ("以中文說明X", "zh-Hant"),
    ("Answer in English", "en"), ("give me five question about X", None), ("請用繁體中文回答", "zh-Hant"), ("中文", "zh"),
])
def test_requested_language(prompt, language):
    from lessonkit.parse.prompts import requested_language
    assert requested_language(prompt) == language


@pytest.mark.parametrize("body, language", [
    ("这是一个关于数据和网络的说明。" * 3, "zh-Hans"), ("這是一個關於資料與網路的說明。" * 3, "zh-Hant"),
    ("This is an explanation of gradient descent.", "en"), ("这是简体说明。" * 4 + "這是繁體說明。" * 4, "mixed"), ("12345", "unknown"),
])
def test_body_language(body, language):
    assert parse_text(f"## 1\n{body}\n").language == language


def test_bom_and_crlf_parse_like_lf():
    lf = PAGE.encode("utf-8")
    crlf = b"\xef\xbb\xbf" + PAGE.replace("\n", "\r\n").encode("utf-8")
    cr = PAGE.replace("\n", "\r").encode("utf-8")
    models = [parse_source(decode(data, "p.md")).lesson.model_dump() for data in (lf, crlf, cr)]
    assert models[0] == models[1] == models[2]


@pytest.mark.parametrize("data, message, line, column", [
    (b"## A\n\xe4\xb8\xad\xff\n", "not valid UTF-8: byte 0xff at byte offset 8", 2, 2),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file: NUL byte at byte offset 8", 3, 1),
    (b"", "empty file", 1, 1),
    (b"  \n\n", "empty file", 1, 1),
    (b"\xff\xfe#\x00", "UTF-16", 1, 1),
])
def test_unreadable_input_is_a_positioned_error(data, message, line, column):
    with pytest.raises(UnreadablePage) as error:
        decode(data, "bad.md")
    assert message in error.value.problem.message
    assert (error.value.problem.line, error.value.problem.column) == (line, column)
    assert str(error.value).startswith("bad.md:")


def test_skipped_number_still_starts_a_question():
    section = quiz("1. 第一题？\n答案：一\n3. 第三题？\n答案：三\n")
    assert [(q.number, q.answer.text) for q in section.questions] == [(1, "一"), (3, "三")]


def test_answer_after_a_dash_on_the_question_line():
    [question] = quiz("1. What is a GAN? - A generator and a discriminator trained against each other.\n").questions
    assert (question.text, question.answer.text, question.answer.marker, question.answer.line) == (
        "What is a GAN?", "A generator and a discriminator trained against each other.", "-", 9)


def test_result_label_of_the_question_is_its_answer():
    section = quiz("1. 对下图进行强连通分量缩点\n缩点结果：{A,B,C} 与 {D}\n2. 写出阶乘函数。\n提示：使用递归。\n答案：用 n * f(n-1)\n")
    first, second = section.questions
    assert (first.text, first.answer.marker, first.answer.text, first.answer.line) == (
        "对下图进行强连通分量缩点", "缩点结果：", "{A,B,C} 与 {D}", 10)
    assert (second.text, second.answer.marker) == ("写出阶乘函数。\n提示：使用递归。", "答案：")  # a hint is not a result


def test_example_labels_stay_in_the_question():
    [question] = quiz("1. 实作Heap Sort的函数。\n范例输入：[7, 5, 1]\n范例输出：[1, 5, 7]\n").questions
    assert question.answer is None and question.text == "实作Heap Sort的函数。\n范例输入：[7, 5, 1]\n范例输出：[1, 5, 7]"
