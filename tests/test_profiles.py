"""Lesson profiles (LK130-LK134), AI residue (LK401-LK405) and run-level checks (LK601, LK602)."""

import json

import pytest

from conftest import CORPUS, REPO, requires_corpus, run_lessonkit
from lessonkit.config.schema import ConfigFile
from lessonkit.config.selection import Layer
from lessonkit.config.settings import Settings
from lessonkit.lint.linter import fix_source, lint_source
from lessonkit.analysis.profiles import ProfileError, builtin_names, load_profile, profile_toml, read_profile_text
from lessonkit.read.source import source_from_text

FM = '+++\ntitle = "t"\n+++\n'  # lines 1-3
GENERATOR_YAML = """apiProvider: OpenAI
questions:
  - key: preview
    desc: Preview
    template: give me five question about {{ .keyword}}
  - key: review
    desc: Review
    template: Give me 5 medium-difficulty questions with answers about {{ .keyword}}
"""


def section(heading, prompt, body="1. 甲？\n答案：乙\n"):
    return f"## {heading}\n{{{{< ask_chatgpt >}}}}\n{prompt}\n{{{{< /ask_chatgpt >}}}}\n\n{body}\n"


def zh_tw_page(*sections):
    return FM + "".join(sections)


PREVIEW = ("習題預習", "給我5題GAN的中文問題")
EXPLAIN = ("說明知識", "以中文說明GAN並舉例")
KEYPOINT = ("條列重點", "以中文條列GAN的重點")
QUIZ = ("知識測驗", "以中文給我5題GAN的中等難度問題，並在後面列出答案")


def found(text, *codes, profile="learn-with-ai-zh-tw", path=None):
    settings = Settings(config=ConfigFile(profile=profile), cli=Layer(select=codes))
    return [(d.code, d.line, d.column, d.end_column, d.severity) for d in lint_source(source_from_text(text, path), settings)]


def test_builtin_profiles_match_the_generator_configs():
    assert builtin_names() == ["learn-with-ai-en", "learn-with-ai-zh-cn", "learn-with-ai-zh-tw"]
    zh_tw = load_profile("learn-with-ai-zh-tw")
    assert [(s.key, s.kind, s.heading, s.count, s.answers, s.optional) for s in zh_tw.sections] == [
        ("preview", "preview", "習題預習", 5, False, False), ("explain", "explain", "說明知識", None, False, False),
        ("keypoint", "keypoints", "條列重點", None, False, False), ("test", "quiz", "知識測驗", 5, True, False),
        ("links", "links", "網路資料", 5, False, True)]
    assert zh_tw.match("以中文給我5題Generative Adversarial Networks (GANs)的中等難度問題，並在後面列出答案") == (
        zh_tw.sections[3], "Generative Adversarial Networks (GANs)")
    assert zh_tw.match("以中文给我5题GAN的中等难度问题，并在后面列出答案")[1] == "GAN"  # scripts are folded


def test_generator_yaml_and_toml_round_trip(tmp_path):
    yaml_file = tmp_path / "config.yaml"
    yaml_file.write_text(GENERATOR_YAML, encoding="utf-8")
    profile = load_profile(str(yaml_file))
    assert profile.language == "en"
    assert [(s.key, s.kind, s.heading, s.template, s.count, s.answers) for s in profile.sections] == [
        ("preview", "preview", "Preview", "give me five question about {topic}", 5, False),
        ("review", "quiz", "Review", "Give me 5 medium-difficulty questions with answers about {topic}", 5, True)]
    result = run_lessonkit("profile", "import", str(yaml_file), "-o", str(tmp_path / "site.toml"))
    assert result.returncode == 0
    again = load_profile(str(tmp_path / "site.toml"))
    assert again.sections == profile.sections and again.language == profile.language
    assert profile_toml(again) == (tmp_path / "site.toml").read_text(encoding="utf-8").replace("profile config", "profile site")


@requires_corpus
@pytest.mark.parametrize("tree, builtin", [("english", "learn-with-ai-en"), ("zh-tw", "learn-with-ai-zh-tw"), ("zh-cn", "learn-with-ai-zh-cn")])
def test_corpus_generator_configs_load(tree, builtin):
    for config in sorted((CORPUS.parent.parent / "aidocx-profiles" / tree).glob("*/config.yaml")):
        generated = load_profile(str(config))
        shipped = load_profile(builtin)
        assert [s.template for s in generated.sections] == [s.template for s in shipped.sections if s.key != "links"]


@pytest.mark.parametrize("text, name, message", [
    ("questions: [a", "bad.yaml", "bad.yaml:1:14: invalid YAML"),
    ("apiProvider: x\n", "none.yaml", "none.yaml: no 'questions' list"),
    ("questions:\n  - key: a\n", "short.yaml", "short.yaml: questions[1] needs key, desc and template"),
    ("[[sections]]\nkey = 'a'\n", "p.toml", "p.toml: sections.0.kind: Field required"),
])
def test_broken_profiles_name_file_and_place(text, name, message):
    with pytest.raises(ProfileError) as error:
        read_profile_text(text, name)
    assert message in str(error.value)


def test_unknown_profile_is_a_usage_error(tmp_path):
    page = tmp_path / "p.md"
    page.write_text(zh_tw_page(section(*PREVIEW)), encoding="utf-8")
    result = run_lessonkit("lint", str(page), "--profile", "nope")
    assert result.returncode == 2 and "profile 'nope'" in result.stderr.decode() and "learn-with-ai-en" in result.stderr.decode()


def test_complete_page_has_no_profile_findings():
    assert found(zh_tw_page(section(*PREVIEW), section(*EXPLAIN), section(*KEYPOINT), section(*QUIZ)), "LK13") == []


def test_missing_unexpected_and_out_of_order_sections():
    text = zh_tw_page(section(*EXPLAIN), section(*PREVIEW), section("參考資料", "隨便問問"), section(*QUIZ))
    # lines: explain 4, preview 12, extra 20, quiz 28
    assert found(text, "LK130", "LK131", "LK132", "LK134") == [
        ("LK132", 12, 1, 8, "info"), ("LK131", 20, 1, 8, "info"), ("LK134", 22, 1, 5, "warning"), ("LK130", 28, 1, 8, "warning")]


def test_heading_mismatch_and_its_safe_fix():
    text = zh_tw_page(section(*PREVIEW), section(*EXPLAIN), section("彙總重點", KEYPOINT[1]), section(*QUIZ))
    assert found(text, "LK133") == [("LK133", 20, 4, 8, "warning")]
    fixed = fix_source(source_from_text(text), Settings(config=ConfigFile(profile="learn-with-ai-zh-tw"), cli=Layer(select=("LK133",))),
                       frozenset({"safe"}))
    assert fixed.final.raw == text.replace("彙總重點", "條列重點")
    script_only = zh_tw_page(section("习题预习", PREVIEW[1]))
    assert found(script_only, "LK133") == []  # another script is LK303's business


def test_prompt_naming_another_topic():
    text = zh_tw_page(section(*PREVIEW), section("說明知識", "以中文說明gan並舉例"), section("條列重點", "以中文條列RNN的重點"), section(*QUIZ))
    assert found(text, "LK134") == [("LK134", 14, 1, 12, "info"), ("LK134", 22, 1, 12, "warning")]


def test_profile_rules_do_nothing_without_a_profile():
    assert found(zh_tw_page(section("隨便", "隨便問問")), "LK13", profile=None) == []


@pytest.mark.parametrize("body, code, span", [
    ("As an AI language model, I can explain GANs.\n", "LK401", (9, 1, 24)),
    ("好的，作为一个AI语言模型，我来解释。\n", "LK401", (9, 4, 14)),
    ("抱歉，我需要更多的上下文才能回答這個問題。 -- AI助手\n", "LK401", (9, 5, 17)),
    ("以下是GAN的重點：\n1. 甲\n", "LK402", (9, 1, 11)),
    ("1. 甲\n2. 乙\n希望以上內容對你有幫助！\n", "LK402", (11, 1, 13)),
    ("Sure, here are five questions:\n1. A?\n", "LK402", (9, 1, 31)),
    ("生成器的結構如下圖所示。\n", "LK403", (9, 8, 10)),
    ("The figure below shows the generator.\n", "LK403", (9, 1, 17)),
    ("生成器與判別器的訓練過程包括\n", "LK404", (9, 1, 15)),
    ("The training loop updates the generator and\n", "LK404", (9, 1, 44)),
    ("請參考{{ .keyword}}的說明。\n", "LK405", (9, 4, 17)),
    ("TODO: 補上例子\n", "LK405", (9, 1, 5)),
])
def test_residue_rules(body, code, span):
    assert found(zh_tw_page(section("說明知識", "以中文說明GAN並舉例", body)), code, profile=None) == [(code, *span, found_severity(code))]


def found_severity(code):
    return {"LK401": "error", "LK402": "info", "LK403": "warning", "LK404": "warning", "LK405": "error"}[code]


@pytest.mark.parametrize("body, code", [
    ("生成器的結構如下圖所示。\n\n```\nA --- B\n```\n", "LK403"),  # a drawing below counts as the figure
    ("生成器的結構如下圖所示。\n![架構](gan.png)\n", "LK403"),
    ("找到以下圖的最小生成樹。\n", "LK403"),  # 以下 + 圖: "the following graph"
    ("相關連結：https://example.com/gan\n", "LK404"),  # ends in a URL, not mid-sentence
    ("```python\n# TODO: later\n```\n", "LK405"),  # code is not prose
    ("模型的輸出是一個機率。\n", "LK404"),
    ("I am sure the model will converge.\n", "LK401"),
])
def test_residue_near_misses(body, code):
    assert found(zh_tw_page(section("說明知識", "以中文說明GAN並舉例", body)), code, profile=None) == []


@pytest.mark.parametrize("text", [
    "Intro. AS AN AI LANGUAGE MODEL, I cannot. As an Ai Model too.",
    "The Figure Below shows it; THE DIAGRAM ABOVE too.",
    "I am ſorry, but I cannot.",  # ſ matches s case-insensitively but lower() keeps it: the slow path
    "İ do not have access to real-time data. I Do Not Have browsing",  # İ.lower() is two characters
    "I'm sorry, but as it is.\nI hope this helps",
    "Here is the list:\nSure, here you go\n",
])
def test_case_insensitive_patterns_find_what_the_written_pattern_finds(text):
    """Residue patterns written with (?i) are searched lower-case in lower-cased text when that is safe; the
    matches must be exactly those of the pattern as written."""
    from lessonkit.analysis.residue import load_residue

    residue = load_residue()
    for category, patterns in residue.patterns.items():
        expected = sorted({m.span() for p in patterns for m in p.regex.finditer(text)
                           if not p.word_start or m.start() == 0 or not text[m.start() - 1].isalnum()})
        assert residue.matches(category, text) == expected, category
    assert residue.matches("boilerplate", "I am ſorry, but I cannot.") == [(0, 17)]


def test_chatty_line_unsafe_fix_removes_it():
    text = zh_tw_page(section("說明知識", "以中文說明GAN並舉例", "以下是GAN的重點：\n1. 甲\n"))
    settings = Settings(cli=Layer(select=("LK402",)))
    fixed = fix_source(source_from_text(text), settings, frozenset({"safe", "unsafe"}))
    assert fixed.final.raw == text.replace("以下是GAN的重點：\n", "")


def test_user_residue_patterns_extend_the_built_in_ones(tmp_path):
    (tmp_path / "more.toml").write_text("boilerplate = ['本回答由機器人生成']\n", encoding="utf-8")
    settings = Settings(config=ConfigFile(residue=["more.toml"]), path=str(tmp_path / "lessonkit.toml"), cli=Layer(select=("LK401",)))
    text = zh_tw_page(section("說明知識", "以中文說明GAN並舉例", "本回答由機器人生成。\n"))
    assert [(d.line, d.column) for d in lint_source(source_from_text(text), settings)] == [(9, 1)]


def test_duplicate_weight_and_inconsistent_heading_across_pages(tmp_path):
    site = tmp_path / "zh-tw"
    site.mkdir()
    pages = {"A.md": ("2", "條列重點"), "B.md": ("2", "彙總重點"), "C.md": ("3", "條列重點")}
    for name, (weight, heading) in pages.items():
        topic = name[:-3]
        text = f'+++\ntitle = "t"\nweight = "{weight}"\n+++\n' + section(heading, f"以中文條列{topic}的重點")
        (site / name).write_text(text, encoding="utf-8")
    result = run_lessonkit("lint", str(site), "--select", "LK601,LK602", "--output-format", "json")
    diagnostics = [(d["path"].rsplit("/", 1)[1], d["code"], d["line"], d["column"], d["message"]) for d in json.loads(result.stdout)]
    assert diagnostics == [
        ("B.md", "LK601", 3, 1, "weight 2 is also the weight of 'A.md'"),
        ("B.md", "LK602", 5, 1, "heading '彙總重點' for this prompt; 2 other pages use '條列重點'"),
    ]


@requires_corpus
@pytest.mark.parametrize("tree, builtin", [("english", "learn-with-ai-en"), ("zh-tw", "learn-with-ai-zh-tw"), ("zh-cn", "learn-with-ai-zh-cn")])
def test_corpus_trees_with_their_profiles(tree, builtin):
    result = run_lessonkit("lint", str(CORPUS / tree), "--profile", builtin, "--select", "LK13,LK4,LK6", "--statistics")
    assert b"Traceback" not in result.stderr and result.returncode in (0, 1)
    assert result.stdout.decode() in (REPO / "README.md").read_text(encoding="utf-8"), f"update the README's {tree} profile statistics"
