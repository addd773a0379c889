"""Language rules (LK301-LK311) and the glossary: exact positions on small pages in both scripts and English."""

import json

import pytest

from conftest import CORPUS, requires_corpus
from lessonkit.config.schema import ConfigFile
from lessonkit.config.selection import Layer
from lessonkit.config.settings import Settings
from lessonkit.analysis.glossary import GlossaryError, build_glossary, compile_glossary, default_terms, fold, read_glossary_file, run_self_tests
from lessonkit.lint.linter import fix_source, lint_source
from lessonkit.read.source import read_source, source_from_text

FM = '+++\ntitle = "t"\n+++\n'  # lines 1-3


def page(body, heading="说明知识", prompt="以中文说明X并举例"):
    """Heading on line 4, prompt on lines 5-7, blank line 8, `body` from line 9."""
    return f"{FM}## {heading}\n{{{{< ask_chatgpt >}}}}\n{prompt}\n{{{{< /ask_chatgpt >}}}}\n\n{body}"


def found(text, *codes, path=None, **config):
    settings = Settings(config=ConfigFile(**config), cli=Layer(select=codes))
    return [(d.code, d.line, d.column, d.end_column) for d in lint_source(source_from_text(text, path), settings)]


def messages(text, *codes, **config):
    settings = Settings(config=ConfigFile(**config), cli=Layer(select=codes))
    return [d.message for d in lint_source(source_from_text(text), settings)]


def test_default_glossary_loads_passes_self_tests_and_is_large():
    glossary = build_glossary()
    assert len(glossary.terms) >= 150
    assert all(term.tests for term in glossary.terms.values())
    ids = [term.id for term in default_terms()]
    assert len(ids) == len(set(ids))


def test_compiled_glossary_is_the_toml_as_it_is():
    """lessonkit loads data/glossary.json, compiled from data/glossary.toml: after an edit of the TOML, run
    `python tools/compile_glossary.py`."""
    from pathlib import Path

    from lessonkit.analysis.glossary import compiled_glossary

    data = Path(__file__).resolve().parent.parent / "lessonkit" / "data"
    compiled = json.loads((data / "glossary.json").read_text(encoding="utf-8"))
    assert compiled == compiled_glossary((data / "glossary.toml").read_bytes()), "run python tools/compile_glossary.py"
    from_toml = read_glossary_file((data / "glossary.toml").read_text(encoding="utf-8"), "glossary.toml")
    assert list(default_terms()) == from_toml  # built from the JSON without validation: the same models


def test_matching_is_leftmost_longest_and_honours_exclusions():
    terms = {t.id: t for t in read_glossary_file('''
[[terms]]
id = "network"
en = "network"
hans = ["网络", "网路"]
hant = ["網路", "網絡"]
exclude = ["互联网路由器"]
[[terms]]
id = "regularization"
en = "regularization"
hans = ["正则化", "正规化"]
[[terms]]
id = "batch-norm"
en = "batch normalization"
hans = ["批次正规化", "批量归一化"]
''', "test")}
    glossary = compile_glossary(terms, "test")
    text = "互联网路由器接入网路；批次正规化不是正规化"
    assert [(m.term.id, m.text, m.start) for m in glossary.matches(text)] == [
        ("network", "网路", 8), ("batch-norm", "批次正规化", 11), ("regularization", "正规化", 18)]


def test_failing_self_test_refuses_to_load():
    terms = {t.id: t for t in read_glossary_file(
        '[[terms]]\nid = "x"\nen = "x"\nhans = ["数据"]\ntests = [{ text = "资料", expect = ["数据"] }]\n', "my.toml")}
    with pytest.raises(GlossaryError, match=r"my.toml: 1 self-test\(s\) failed:\n  term 'x': in '资料' expected \['数据'\], found \[\]"):
        run_self_tests(compile_glossary(terms, "my.toml"), "my.toml")


@pytest.mark.parametrize("text, message", [
    ('[[terms]]\nid = "Bad Id"\nen = "x"\n', "terms.0.id (id 'Bad Id'): String should match pattern"),
    ('[[terms]]\nid = "x"\nen = "x"\nhans = ["数据"]\nregions = { "资料" = "taiwan" }\n', "region tag for '资料'"),
    ('[[terms]]\nid = "x"\nen = "x"\nwat = 1\n', "terms.0.wat (id 'x'): Extra inputs are not permitted"),
    ('[[terms]\n', "invalid TOML"),
])
def test_malformed_glossary_names_file_and_entry(text, message):
    with pytest.raises(GlossaryError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        compile_glossary({t.id: t for t in read_glossary_file(text, "g.toml")}, "g.toml")


def test_fold_joins_scripts():
    assert fold("判別器") == fold("判别器") == "判别器"
    assert fold("網路資料") == "网路资料"


def test_user_glossary_extends_overrides_and_disables(tmp_path):
    (tmp_path / "g.toml").write_text('[[terms]]\nid = "widget-x"\nen = "widget"\nmode = "prefer"\nhans = ["小部件", "微件"]\n'
                                     'tests = [{ text = "微件", expect = ["微件"] }]\n', encoding="utf-8")
    text = page("这个微件很好用，这个微件也是。\n")

    def lint_with(**config):
        settings = Settings(config=ConfigFile(glossary=["g.toml"], **config), path=str(tmp_path / "lessonkit.toml"),
                            cli=Layer(select=("LK301",)))
        return [(d.line, d.column, d.message) for d in lint_source(source_from_text(text), settings)]

    assert lint_with() == [(9, 3, "'微件' (widget): write '小部件'"), (9, 11, "'微件' (widget): write '小部件'")]
    assert lint_with(disable_terms=["widget-x"]) == []


def test_inconsistent_term_reports_minority_with_majority_and_counts():
    text = page("判别器判断真假。判别器很重要。判别器和鉴别器是同一个东西。\n")
    assert found(text, "LK302") == [("LK302", 9, 20, 23)]
    assert messages(text, "LK302") == ["'鉴别器' for discriminator: this page mostly writes '判别器' (3×, '鉴别器' 1×)"]


def test_inconsistent_term_counts_both_scripts_as_one_variant_and_fixes_unsafely():
    text = page("判別器與判别器，還有鑑別器。\n", heading="說明知識", prompt="以中文說明X並舉例")
    assert found(text, "LK302") == [("LK302", 9, 11, 14)]
    safe = fix_source(source_from_text(text), Settings(cli=Layer(select=("LK302",))), frozenset({"safe"}))
    assert safe.final.raw == text
    unsafe = fix_source(source_from_text(text), Settings(cli=Layer(select=("LK302",))), frozenset({"safe", "unsafe"}))
    assert unsafe.final.raw == text.replace("鑑別器", "判別器")


def test_terms_in_code_urls_and_links_are_not_counted():
    body = "判别器。判别器。\n```\n鉴别器\n```\n`鉴别器` [鉴别器](https://x/鉴别器) https://example.com/鉴别器\n"
    assert found(page(body), "LK302") == [("LK302", 13, 8, 11)]  # only the link text counts


def test_regional_term_by_page_script():
    simplified = page("这个软体的网路功能很强。\n")
    assert found(simplified, "LK304") == [("LK304", 9, 3, 5), ("LK304", 9, 6, 8)]
    assert messages(simplified, "LK304")[0] == "'软体' (software) is Taiwan usage; mainland pages usually write '软件'"
    traditional = page("這個軟件的網絡功能很強。軟體。\n", heading="說明知識", prompt="以中文說明X並舉例")
    assert found(traditional, "LK304") == [("LK304", 9, 3, 5), ("LK304", 9, 6, 8)]
    assert found(page("这个软件的网络功能很强。\n"), "LK304") == []


def test_mixed_script_reports_runs_at_exact_positions():
    text = page("这是简体的说明，這裡混入繁體字，然后继续简体。\n")
    assert found(text, "LK303") == [("LK303", 9, 9, 15)]  # one run, joined across the shared 混入繁
    assert messages(text, "LK303") == ["Traditional characters '這裡混入繁體' in Simplified text"]


@pytest.mark.parametrize("expected", ["zh-Hans", "zh-Hant"])
def test_minority_runs_are_what_the_one_regex_definition_finds(expected):
    """minority_runs scans without compiling the large pattern; this checks it against that pattern."""
    import random
    import re

    from lessonkit.rules.language import minority_runs
    from lessonkit.analysis.script import HAN, script_table

    table = script_table()
    minority, majority = (table.traditional, table.simplified) if expected == "zh-Hans" else (table.simplified, table.traditional)
    definition = re.compile(f"{minority.pattern}(?:(?:(?!{majority.pattern}){HAN.pattern})*{minority.pattern})*")
    alphabet = sorted(table.simplified_only)[:20] + sorted(table.traditional_only)[:20] + list("的是在中文後台ab ，。\n")
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        assert list(minority_runs(text, expected)) == [m.span() for m in definition.finditer(text)], text


def test_mixed_script_shared_characters_never_count():
    simplified = page("皇后在台上，干净的公里数，里面很干。" * 3 + "\n")
    traditional = page("皇后在台上，乾淨的公里數，裡面很乾。" * 3 + "\n", heading="說明知識", prompt="以中文說明X並舉例")
    assert found(simplified, "LK303") == [] and found(traditional, "LK303") == []


def test_whole_section_in_other_script_is_reported_once():
    simplified = page("这是简体中文的说明，内容很长很长。" * 8 + "\n")
    traditional = "## 知識測驗\n{{< ask_chatgpt >}}\n以中文給我題目\n{{< /ask_chatgpt >}}\n\n" + "這是繁體中文的測驗內容，問題與答案。" * 3 + "\n"
    assert found(simplified + "\n" + traditional, "LK303") == [("LK303", 11, 1, 8)]


def test_page_language_mismatch_once_per_page():
    traditional = page("這是繁體中文的說明，內容很長很長。" * 5 + "\n", heading="說明知識", prompt="以中文說明X並舉例")
    assert found(traditional, "LK306", path="site/zh-cn/ml/page.md") == [("LK306", 1, 1, 4)]
    assert messages(traditional, "LK306", language="zh-Hans") == [
        "page is in Traditional but the configuration says language = 'zh-Hans' (Simplified)"]
    assert found(traditional, "LK306", path="site/zh-tw/page.md") == []
    assert found(traditional.replace('title = "t"', 'title = "t"\nlang = "zh-cn"'), "LK306")[0][:2] == ("LK306", 1)
    assert found(traditional, "LK306", path="site/docs/page.md") == []


@pytest.mark.parametrize("body, prompt, expected", [
    ("Backpropagation computes the gradient of the loss for every weight in the network.\n", "以中文说明X并举例",
     "response: the prompt asks for Chinese but it is only 0% Chinese"),
    ("這是繁體中文的回答，說明反向傳播的計算過程。\n", "以中文说明X并举例",
     "response: the prompt is in Simplified script but the text is Traditional (100% of script-specific characters)"),
    ("反向传播计算每个权重的梯度，这是深度学习的基础。\n", "Explain X in English", "response: the prompt asks for English but it is 100% Chinese"),
])
def test_answer_language_mismatch(body, prompt, expected):
    assert messages(page(body, prompt=prompt), "LK305") == [expected]
    assert found(page(body, prompt=prompt), "LK305")[0][:3] == ("LK305", 9, 1)


@pytest.mark.parametrize("body", [
    "反向传播使用Sigmoid Activation Function和ReLU等函数计算梯度。\n",  # English terms in a Chinese sentence
    "答案：Topological Sorting 或 Floyd Warshall algorithm。\n",  # names, not English sentences
    "```python\nfor weight in the network: update(weight)\n```\n",  # code
])
def test_answer_language_near_misses(body):
    assert found(page(body), "LK305") == []


def test_answer_language_per_quiz_answer():
    quiz = page("1. 什么是动量？\n答案：It keeps a moving average of the past gradients to speed up the training.\n\n"
                "2. 学习率是什么？\n答案：控制每一步更新幅度的参数，是训练中最重要的超参数之一。\n" * 1,
                heading="知识测验", prompt="以中文给我5题X的中等难度问题，并在后面列出答案")
    assert found(quiz, "LK305") == [("LK305", 10, 1, 77)]


@pytest.mark.parametrize("line, columns", [
    ("什么是Docker?\n", [10]), ("答案:是的\n", [3]), ("好的!然后呢?\n", [3, 7]), ("甲,乙;丙\n", [2, 4]),
    ("使用Python, Java和Go\n", []), ("时间是10:30，网址在文中\n", []), ("This is English: yes, really?\n", []),
    ("见图![图](a.png)\n", []), ("`a,b` 和 `c:d` 是代码\n", []),
])
def test_halfwidth_punctuation(line, columns):
    assert [f[2] for f in found(page(line), "LK310")] == columns


def test_halfwidth_punctuation_fix_is_safe_and_idempotent():
    text = page("什么是Docker?答案:容器。\n")
    settings = Settings(cli=Layer(select=("LK310",)))
    fixed = fix_source(source_from_text(text), settings, frozenset({"safe"}))
    assert fixed.final.raw == page("什么是Docker？答案：容器。\n") and fixed.diagnostics == []


def test_cjk_latin_spacing_is_opt_in_and_fixes():
    text = page("使用Python训练模型\n")
    assert not any(d.code == "LK311" for d in lint_source(source_from_text(text), Settings()))
    assert found(text, "LK311") == [("LK311", 9, 2, 4), ("LK311", 9, 8, 10)]
    fixed = fix_source(source_from_text(text), Settings(cli=Layer(select=("LK311",))), frozenset({"safe"}))
    assert fixed.final.raw == page("使用 Python 训练模型\n")


@requires_corpus
def test_gan_page_reports_the_three_discriminator_variants():
    gan = next(CORPUS.glob("zh-cn/**/Generative Adversarial Networks (GANs).md"))
    settings = Settings(cli=Layer(select=("LK302",)))
    variants = {d.message.split("'")[1] for d in lint_source(read_source(gan), settings) if "discriminator" in d.message}
    assert {fold(v) for v in variants} == {"鉴别器", "评估器", "判断器"}


@requires_corpus
def test_zh_cn_tree_reports_each_traditional_page_once():
    from lessonkit.parse.parser import parse_source

    settings = Settings(cli=Layer(select=("LK306",)))
    reported = 0
    for path in sorted((CORPUS / "zh-cn").rglob("*.md")):
        source = read_source(path)
        diagnostics = lint_source(source, settings)
        language = parse_source(source).lesson.language
        assert len(diagnostics) == (1 if language == "zh-Hant" else 0 if language == "zh-Hans" else len(diagnostics)), path
        assert len(diagnostics) <= 1 and all(d.line == 1 for d in diagnostics), path
        reported += len(diagnostics)
    assert reported > 150


def test_site_mode_reports_variants_against_the_site_majority(tmp_path):
    from conftest import run_lessonkit

    for name, body in [("a.md", "判别器判断真假，判别器很重要，判别器。"), ("b.md", "鉴别器判断真假，鉴别器很重要。"),
                       ("c.md", "判别器与生成器对抗，判别器。")]:
        (tmp_path / name).write_text(page(body + "\n"), encoding="utf-8")
    args = ["lint", str(tmp_path), "--select", "LK302", "--output-format", "json"]
    assert json.loads(run_lessonkit(*args).stdout) == []
    site = json.loads(run_lessonkit(*args, "--site").stdout)
    assert [(d["path"], d["line"], d["column"]) for d in site] == [(str(tmp_path / "b.md"), 9, 1), (str(tmp_path / "b.md"), 9, 9)]
    assert site[0]["message"] == "'鉴别器' for discriminator: the site's zh-Hans pages mostly write '判别器' (5×, '鉴别器' 2×)"
    (tmp_path / "lessonkit.toml").write_text("site = true\n", encoding="utf-8")
    assert len(json.loads(run_lessonkit(*args).stdout)) == 2
