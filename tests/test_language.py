"""The glossary (loading, self-tests, matching, user files), script runs, and the language rules on real corpus pages.
The rules themselves are tested on their example pages in tests/rules/."""

import json

import pytest

from conftest import CORPUS, requires_corpus
from lessonkit.config.schema import ConfigFile
from lessonkit.config.selection import Layer
from lessonkit.config.settings import Settings
from lessonkit.analysis.glossary import GlossaryError, build_glossary, compile_glossary, default_terms, fold, read_glossary_file, run_self_tests
from lessonkit.lint.linter import lint_source
from lessonkit.read.source import read_source, source_from_text
from pages import quiz


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
    ('[[terms]]\nid = "Bad Id"\nen = "x"\n', "'terms.0.id' (id 'Bad Id'): String should match pattern"),
    ('[[terms]]\nid = "x"\nen = "x"\nhans = ["数据"]\nregions = { "资料" = "taiwan" }\n', "region tag for '资料'"),
    ('[[terms]]\nid = "x"\nen = "x"\nwat = 1\n', "'terms.0.wat' (id 'x'): unknown key"),
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
    text = quiz("这个微件很好用，这个微件也是。\n", prompt="以中文说明X并举例", heading="说明知识")

    def lint_with(**config):
        settings = Settings(config=ConfigFile(glossary=["g.toml"], **config), path=str(tmp_path / "lessonkit.toml"),
                            cli=Layer(select=("LK301",)))
        return [(d.line, d.column, d.message) for d in lint_source(source_from_text(text), settings)]

    assert lint_with() == [(9, 3, "'微件' (widget): write '小部件'"), (9, 11, "'微件' (widget): write '小部件'")]
    assert lint_with(disable_terms=["widget-x"]) == []


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




@requires_corpus
def test_inconsistent_term_fix_never_changes_a_characters_script(tmp_path):
    """LK302's unsafe fix writes the page's word in the script of its line: after fixing the Chinese trees with
    it, no line has more characters of the script its line is not written in than before."""
    import shutil

    from conftest import run_lessonkit
    from lessonkit.analysis.script import count_script

    copy = tmp_path / "corpus"
    for tree in ("zh-cn", "zh-tw"):
        shutil.copytree(CORPUS / tree, copy / tree)
    fixed = run_lessonkit("lint", str(copy), "--no-cache", "--select", "LK302", "--fix", "--unsafe-fixes", "--quiet")
    assert fixed.returncode in (0, 1) and b"Traceback" not in fixed.stderr
    changed_lines = 0
    for path in copy.rglob("*.md"):
        before = (CORPUS / path.relative_to(copy)).read_text(encoding="utf-8").split("\n")
        after = path.read_text(encoding="utf-8").split("\n")
        assert len(before) == len(after), path
        for old, new in zip(before, after):
            if old != new:
                changed_lines += 1
                counts = count_script(old)
                minority = min(counts.simplified, counts.traditional)
                new_counts = count_script(new)
                other = new_counts.traditional if counts.simplified >= counts.traditional else new_counts.simplified
                assert other <= minority, (path, old, new)
    assert changed_lines > 20  # the fix did run
