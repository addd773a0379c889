"""Every lint rule on small inline pages: exact spans, near misses, fixes (LF, CRLF + BOM), suppression
comments and rule selection. Expected columns are counted by hand in code points; end columns are exclusive."""

import pytest

from lessonkit.config.discovery import load_config
from lessonkit.config.schema import ConfigError, ConfigFile
from lessonkit.config.selection import Layer
from lessonkit.config.settings import Settings
from lessonkit.lint.linter import fix_source, lint_source
from lessonkit.rules import all_rules
from lessonkit.read.source import source_from_text

FM = '+++\ntitle = "t"\n+++\n'  # lines 1-3


def section(body, prompt="给我2题X的问题", heading="知识测验"):
    """A section of 5 lines (heading, prompt shortcode of 3 lines, blank) followed by `body`."""
    return f"## {heading}\n{{{{< ask_chatgpt >}}}}\n{prompt}\n{{{{< /ask_chatgpt >}}}}\n\n{body}"


def quiz(body, **kw):
    """A one-section page: heading on line 4, closing prompt tag on line 7, `body` from line 9."""
    return FM + section(body, **kw)


EN = dict(prompt="give me two questions about GANs", heading="Review")
PREVIEW_QUIZ = FM + section("1. 什么是GAN？\n", "给我1题X的问题", "习题预习") + section("1. 什么是GAN？\n答案：甲\n", "给我1题X的问题")
SUPPORT = {"LK001": ("LK501",)}  # LK001 only reports suppressions of enabled rules


def only(*codes, **config):
    return Settings(config=ConfigFile(**config), cli=Layer(select=codes))


def lint(text, settings=None, path=None):
    return lint_source(source_from_text(text, path), settings or Settings())


def found(text, settings=None, path=None):
    return [(d.code, d.line, d.column, d.end_line, d.end_column) for d in lint(text, settings, path)]


def lines_of(text, settings=None, path=None):
    return [(d.code, d.line) for d in lint(text, settings, path)]


POSITIVE = [
    ("LK101", '+++\ntitle = "a"\nweight = = 3\n+++\n', [(3, 10, 3, 13)]),
    ("LK101", '+++\ntitle = "a"\n## Review\n', [(1, 1, 1, 4)]),
    ("LK102", "## Review\ntext\n", [(1, 1, 1, 10)]),
    ("LK102", "+++\nweight = 3\n+++\n## A\n", [(1, 1, 1, 4)]),
    ("LK103", '+++\ntitle = "t"\nweight = "4"\n+++\n', [(3, 10, 3, 13)]),
    ("LK103", '---\ntitle: t\nweight: "12"\n---\n', [(3, 9, 3, 13)]),
    ("LK104", FM + '## A\ntext\n+++\ntitle = "t"\n+++\n', [(6, 1, 6, 4)]),
    ("LK110", FM + "## A\n{{< ask_chatgpt >}}\n问\n", [(5, 1, 5, 20)]),
    ("LK111", FM + "## A\n见 {{< ask_chatgtp >}}问{{< /ask_chatgtp >}}\n", [(5, 3, 5, 22)]),
    ("LK111", FM + "## A\n{{% notice %}}x{{% /notice %}}\n", [(5, 1, 5, 15)]),
    ("LK112", FM + "## A\n问 {{< /ask_chatgpt >}}\n", [(5, 3, 5, 23)]),
    ("LK120", FM + "## Review\ntext\n", [(4, 1, 4, 10)]),
    ("LK121", quiz(""), [(7, 1, 7, 21)]),
    ("LK123", FM + "## Review\na\n## review\nb\n", [(6, 1, 6, 10)]),
    ("LK124", quiz("1. 写代码？\n答案：\nx = 1\n# 初始化\ny = 2\n"), [(12, 1, 12, 6)]),
    ("LK125", FM + "## A\n```python\nprint(1)\n", [(5, 1, 5, 10)]),
    ("LK201", quiz("1. 问题一？\n答案：甲\n2. 问题二？\n"), [(11, 1, 11, 8)]),
    ("LK201", quiz("1. What is a GAN?\nAnswer: a model\n2. Why train it?\n", **EN), [(11, 1, 11, 17)]),
    ("LK202", quiz("1. 问题一？\n答案：\n"), [(10, 1, 10, 4)]),
    ("LK203", quiz("1. 一？\n答案：甲\n2. 二？\n答案：乙\n3. 三？\n答案：丙\n"), [(4, 1, 4, 8)]),
    ("LK204", quiz("1. 什么是GAN？\n答案：甲\n2. 什么是 GAN?\n答案：乙\n"), [(11, 1, 11, 12)]),
    ("LK205", PREVIEW_QUIZ, [(15, 1, 15, 11)]),
    ("LK206", quiz("1. 问题一？\n2. 问题二？\n\n😀 答案略。\n"), [(12, 3, 12, 6)]),
    ("LK206", quiz("1. Why?\n\nSorry, I cannot provide answers here.\n", **EN), [(11, 8, 11, 32)]),
    ("LK207", quiz("1. 为什么？\n因为如此。\n"), [(10, 1, 10, 6)]),
    ("LK208", quiz("1. 哪个正确？\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案：E\n"), [(14, 1, 14, 5)]),
    ("LK501", FM + "## A  \n文字\t\n", [(4, 5, 4, 7), (5, 3, 5, 4)]),
    ("LK502", FM + "## A\n\n\n\n文字\n", [(6, 1, 7, 1)]),
    ("LK001", FM + "## A\n<!-- lessonkit: disable-next-line=LK501 -->\n文字\n", [(5, 1, 5, 44)]),
    ("LK002", FM + "## A\n文字 <!-- lessonkit: disabel=LK501 -->\n", [(5, 4, 5, 37)]),
]

NEGATIVE = [
    ("LK101", FM + "## A\n", {}),
    ("LK102", FM + "## A\n", {}),
    ("LK102", '+++\ntitle = "a"\n## Review\n', {}),  # broken front matter is LK101's, not also LK102's
    ("LK103", '+++\ntitle = "t"\nweight = 4\n+++\n', {}),
    ("LK103", '+++\ntitle = "t"\nweight = "4a"\n+++\n', {}),
    ("LK104", FM + '## A\n```\n+++\ntitle = "t"\n+++\n```\n', {}),
    ("LK104", FM + "## A\n+++\nnot a key\n", {}),
    ("LK110", FM + "## A\n{{< ask_chatgpt >}}\n问\n{{< /ask_chatgpt >}}\n", {}),
    ("LK110", FM + '## A\n{{< figure src="a.png" >}}\n', {}),
    ("LK111", FM + '## A\n{{< figure src="a.png" >}}\n`{{< fake >}}`\n```\n{{< fake >}}\n```\n', {}),
    ("LK111", FM + "## A\n{{% notice %}}x{{% /notice %}}\n", {"known-shortcodes": ["notice"]}),
    ("LK112", FM + "## A\n{{< ask_chatgpt >}}问{{< /ask_chatgpt >}}\n", {}),
    ("LK120", quiz("1. 问？\n答案：甲\n"), {}),
    ("LK121", quiz("1. 问？\n答案：甲\n"), {}),
    ("LK123", FM + "## Review\na\n## Reviews\nb\n", {}),
    ("LK124", quiz("1. 写代码？\n答案：\n#初始化\n### 初始化\n```\n# 初始化\n```\n"), {}),
    ("LK125", FM + "## A\n```python\nprint(1)\n```\n", {}),
    ("LK201", quiz("1. 问题一？\n答案：甲\n2. 问题二？\n答案：乙\n"), {}),
    ("LK201", quiz("1. 问题一？\n2. 问题二？\n\n答案：\n1. 甲\n2. 乙\n"), {}),
    ("LK202", quiz("1. 问题一？\n答案：甲\n"), {}),
    ("LK202", quiz("1. 问题一？\n答案：\n第一行\n"), {}),
    ("LK203", quiz("1. 一？\n答案：甲\n2. 二？\n答案：乙\n3. 三？\n答案：丙\n", prompt="给我3题X的问题"), {}),
    ("LK203", quiz("1. 一？\n答案：甲\n2. 二？\n答案：乙\n3. 三？\n答案：丙\n", prompt="说明X"), {}),
    ("LK204", quiz("1. 什么是GAN？\n答案：甲\n2. 什么是GAN的用途？\n答案：乙\n"), {}),
    ("LK205", FM + section("1. 什么是GAN？\n", "给我1题X的问题", "习题预习") + section("1. GAN有什么用？\n答案：甲\n"), {}),
    ("LK206", FM + section("答案略。\n", "说明X", "说明知识"), {}),
    ("LK206", quiz("1. 问题？\n```\n答案略\n```\n"), {}),
    ("LK207", quiz("1. 为什么？\n答案：因为如此。\n2. 写代码？\n```python\nprint(1)\n```\n"), {}),
    ("LK208", quiz("1. 哪个正确？\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案：b\n"), {}),
    ("LK501", FM + "## A\n文字\u3000\n", {}),
    ("LK502", FM + "## A\n\n文字\n", {}),
    ("LK502", FM + "## A\n```\n\n\n\n```\n", {}),
    ("LK502", '+++\ntitle = "t"\n\n\n\n+++\n## A\n', {}),
    ("LK001", FM + "## A\n<!-- lessonkit: disable-next-line=LK501 -->\n文字 \n", {}),
    ("LK001", FM + "## A\n<!-- lessonkit: disable-next-line=LK205 -->\n文字\n", {}),  # LK205 is not enabled
    ("LK002", FM + '## A\n文字 <!-- lessonkit: disable-next-line=LK501 reason="ok" -->\n', {}),
]


def test_tables_cover_every_rule():
    elsewhere = ("LK3", "LK13", "LK4", "LK6")  # test_language.py, test_profiles.py
    codes = {c for c in all_rules() if c != "LK100" and not c.startswith(elsewhere)}  # LK100 comes from reading
    assert {row[0] for row in POSITIVE} == codes == {row[0] for row in NEGATIVE}


@pytest.mark.parametrize("code, text, spans", POSITIVE)
def test_positive(code, text, spans):
    result = [f for f in found(text, only(code, *SUPPORT.get(code, ()))) if f[0] == code]
    assert result == [(code, *span) for span in spans]


@pytest.mark.parametrize("code, text, config", NEGATIVE)
def test_negative(code, text, config):
    assert [f for f in found(text, only(code, *SUPPORT.get(code, ()), **config)) if f[0] == code] == []



def test_quoted_weight_in_json_front_matter():
    assert found('{\n"title": "t",\n"weight": "4"\n}\n## A\n', only("LK103")) == [("LK103", 3, 11, 3, 14)]


@pytest.mark.parametrize("text, code", [(PREVIEW_QUIZ, "LK205"), (quiz("1. 为什么？\n因为如此。\n"), "LK207")])
def test_default_disabled_rules_do_not_run(text, code):
    codes = [d.code for d in lint(text)]
    assert code not in codes and codes == [d.code for d in lint(text, Settings(cli=Layer(extend_select=(code,))))
                                           if d.code != code]


# --- fixes -------------------------------------------------------------------------------------------------------

FIXES = [
    ("LK103", "safe", '+++\ntitle = "t"\nweight = "4"\n+++\n## A\n', '+++\ntitle = "t"\nweight = 4\n+++\n## A\n'),
    ("LK103", "safe", "---\ntitle: t\nweight: '-7'  # w\n---\n", "---\ntitle: t\nweight: -7  # w\n---\n"),
    ("LK501", "safe", FM + "## A  \n文字\t\n```\nx = 1 \n```\n", FM + "## A\n文字\n```\nx = 1\n```\n"),
    ("LK502", "safe", FM + "## A\n\n\n\n文字\n\n\n## B\n", FM + "## A\n\n文字\n\n## B\n"),
    ("LK207", "unsafe", quiz("1. 为什么？\n因为如此。\n"), quiz("1. 为什么？\n答案：因为如此。\n")),
    ("LK207", "unsafe", quiz("1. 一？\n答：甲\n2. 二？\n  因为如此。\n"), quiz("1. 一？\n答：甲\n2. 二？\n  答：因为如此。\n")),
    ("LK207", "unsafe", quiz("1. Why train it?\nTo learn.\n", **EN), quiz("1. Why train it?\nAnswer: To learn.\n", **EN)),
]


def fixed(text, code, applicability):
    kinds = frozenset({"safe", applicability})
    return fix_source(source_from_text(text), only(code), kinds)


@pytest.mark.parametrize("code, applicability, before, after", FIXES)
def test_fix_result_and_idempotence(code, applicability, before, after):
    first = fixed(before, code, applicability)
    assert first.final.raw == after and first.fixed >= 1
    assert [d.code for d in first.diagnostics] == []
    second = fixed(first.final.raw, code, applicability)
    assert second.final.raw == after and second.fixed == 0


@pytest.mark.parametrize("code, applicability, before, after", FIXES)
def test_fix_keeps_crlf_and_bom(code, applicability, before, after):
    result = fixed("\ufeff" + before.replace("\n", "\r\n"), code, applicability)
    assert result.final.bom is True
    assert result.final.encode() == b"\xef\xbb\xbf" + after.replace("\n", "\r\n").encode("utf-8")


def test_unsafe_fix_needs_unsafe_applicability():
    text = quiz("1. 为什么？\n因为如此。\n")
    result = fix_source(source_from_text(text), only("LK207"), frozenset({"safe"}))
    assert result.final.raw == text and result.fixed == 0 and [d.code for d in result.diagnostics] == ["LK207"]


def test_all_safe_fixes_together_with_overlapping_edits():
    before = '+++\ntitle = "t"\nweight = "4"  \n+++\n## A\n  \n\t\n\n文字 \n'
    result = fix_source(source_from_text(before), Settings(), frozenset({"safe"}))
    assert result.final.raw == '+++\ntitle = "t"\nweight = 4\n+++\n## A\n\n文字\n'
    assert fix_source(result.final, Settings(), frozenset({"safe"})).fixed == 0
    crlf = fix_source(source_from_text("\ufeff" + before.replace("\n", "\r\n")), Settings(), frozenset({"safe"}))
    assert crlf.final.encode() == b"\xef\xbb\xbf" + result.final.raw.replace("\n", "\r\n").encode("utf-8")


# --- suppression comments ----------------------------------------------------------------------------------------

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
    (FM + "<!-- lessonkit: disable-file=missing-answer -->\n" + section("1. 问题一？\n2. 问题二？\n"), []),
    (FM + "## A\n<!-- lessonkit: disable=trailing-whitespace -->\na \nb \n<!-- lessonkit: enable=LK501 -->\nc \n",
     [("LK501", 9)]),
    (FM + "## A\n<!-- lessonkit: disable=LK5 -->\na \n\nb \n", []),
    (FM + '## A\n<!-- lessonkit: disable-next-line=LK501 reason="generator" -->\n文字 \n', []),
    (FM + "## A\n```\n<!-- lessonkit: disable-file=LK501 -->\n<!-- lessonkit: bogus -->\n```\n文字 \n", [("LK501", 9)]),
])
def test_suppression_comments(text, expected):
    assert lines_of(text, S) == expected


@pytest.mark.parametrize("comment, words", [
    ("<!-- lessonkit: disabel=LK501 -->", "unknown suppression"),
    ("<!-- lessonkit: disable=LK999 -->", "unknown rule or prefix 'LK999'"),
    ("<!-- lessonkit: disable=missing-answr -->", "unknown rule or prefix 'missing-answr'"),
    ("<!-- lessonkit: disable -->", "needs rules"),
    ("<!-- lessonkit: enable=LK501 -->", "without a matching 'disable'"),
])
def test_invalid_suppression(comment, words):
    [diagnostic] = lint(FM + f"## A\n{comment}\n文字\n", S)
    assert (diagnostic.code, diagnostic.line, diagnostic.column, diagnostic.end_column) == ("LK002", 5, 1, len(comment) + 1)
    assert words in diagnostic.message and diagnostic.severity == "error"



def test_comment_in_inline_code_is_ignored():
    text = FM + "## A\n写 `<!-- lessonkit: disable-file=LK501 -->` 即可 \n"
    assert lines_of(text, S) == [("LK501", 5)]



def test_enable_of_one_code_keeps_the_others_disabled():
    text = FM + "## A\n<!-- lessonkit: disable=LK501,LK201 -->\na \n<!-- lessonkit: enable=LK201 -->\nb \n"
    assert lines_of(text, S) == []



def test_unused_suppression_can_itself_be_suppressed():
    text = FM + "## A\n<!-- lessonkit: disable-file=LK001 -->\n<!-- lessonkit: disable-next-line=LK501 -->\n文字\n"
    assert lines_of(text, S) == []


# --- settings ----------------------------------------------------------------------------------------------------

DEFAULT = frozenset(code for code, rule in all_rules().items() if rule.default_enabled)
LK2 = frozenset({"LK201", "LK202", "LK203", "LK204", "LK205", "LK206", "LK207", "LK208"})


def test_default_selection_leaves_out_the_opt_in_rules():
    assert Settings().enabled(None) == DEFAULT == frozenset(all_rules()) - {"LK205", "LK207", "LK311"}


@pytest.mark.parametrize("config, cli, expected", [
    ({"select": ["LK2"]}, Layer(), LK2),
    ({"select": ["LK2"]}, Layer(ignore=("missing-answer",)), LK2 - {"LK201"}),
    ({"extend_select": ["repeated-preview-question"]}, Layer(), DEFAULT | {"LK205"}),
    ({"extend-select": ["LK207"], "ignore": ["LK5"]}, Layer(), DEFAULT - {"LK501", "LK502"} | {"LK207"}),
    ({"extend-select": ["LK205"]}, Layer(select=("LK501",)), {"LK501"}),
    ({"ignore": ["LK207", "LK1"]}, Layer(extend_select=("unmarked-answer",)),
     {c for c in DEFAULT if not c.startswith("LK1")} | {"LK207"}),
    ({"select": ["ALL"]}, Layer(ignore=("LK0",)), frozenset(all_rules()) - {"LK001", "LK002"}),
])
def test_selection_layers(config, cli, expected):
    assert Settings(config=ConfigFile(**config), cli=cli).enabled(None) == expected


def test_selection_changes_findings():
    text = quiz("1. 问题一？\n答案：甲  \n2. 问题二？\n")
    assert {c for c, _ in lines_of(text)} == {"LK201", "LK501"}
    assert lines_of(text, Settings(config=ConfigFile(select=["LK2"]))) == [("LK201", 11)]
    # like ruff, a command-line `select` starts over: the file's `ignore` no longer applies
    assert lines_of(text, Settings(config=ConfigFile(ignore=["missing-answer"]), cli=Layer(select=("LK2", "LK5")))) == [
        ("LK501", 10), ("LK201", 11)]
    assert lines_of(text, Settings(config=ConfigFile(ignore=["missing-answer"]), cli=Layer(extend_select=("LK5",)))) == [
        ("LK501", 10)]


def test_unknown_selector_is_an_error():
    with pytest.raises(ConfigError, match="LK9"):
        Settings(config=ConfigFile(select=["LK9"])).enabled(None)


def test_severity_override():
    text = FM + "## A \n\n\n\nb\n"
    diagnostics = lint(text, Settings(config=ConfigFile(severity={"LK501": "error"}), cli=Layer(select=("LK5",))))
    assert [(d.code, d.name, d.severity) for d in diagnostics] == [
        ("LK501", "trailing-whitespace", "error"), ("LK502", "extra-blank-lines", "info")]



def test_severity_override_by_name(tmp_path):
    (tmp_path / "lessonkit.toml").write_text('[severity]\ntrailing-whitespace = "error"\n', encoding="utf-8")
    settings = Settings(config=load_config(str(tmp_path / "lessonkit.toml")), cli=Layer(select=("LK501",)))
    assert [d.severity for d in lint(FM + "## A \n", settings)] == ["error"]


def per_file_settings(tmp_path, **layers):
    config = ConfigFile(**{"per-file-ignores": {"drafts/*": ["trailing-whitespace"], "*.txt": ["LK5"]}}, **layers)
    return Settings(config=config, path=str(tmp_path / "lessonkit.toml"))


@pytest.mark.parametrize("page, expected", [
    ("drafts/a.md", []), ("drafts/sub/b.md", []), ("a.md", [("LK501", 4)]), ("other/drafts/a.md", [("LK501", 4)]),
])
def test_per_file_ignores(tmp_path, page, expected):
    settings = per_file_settings(tmp_path, select=["LK501"])
    assert lines_of(FM + "## A \n", settings, str(tmp_path / page)) == expected



def test_per_file_ignores_survive_command_line_select(tmp_path):
    settings = per_file_settings(tmp_path)
    settings.cli = Layer(select=("LK501",))
    assert lines_of(FM + "## A \n", settings, str(tmp_path / "drafts/a.md")) == []
