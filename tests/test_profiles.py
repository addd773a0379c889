"""Lesson profiles (built-in, TOML, the generator's YAML; errors) and AI-residue patterns (case folding, user files),
and the profile rules on the corpus. The rules themselves are tested on their example pages in tests/rules/."""


import pytest

from conftest import CORPUS, REPO, requires_corpus, run_lessonkit
from lessonkit.config.schema import ConfigFile
from lessonkit.config.selection import Layer
from lessonkit.config.settings import Settings
from lessonkit.lint.linter import lint_source
from lessonkit.analysis.profiles import ProfileError, builtin_names, load_profile, profile_toml, read_profile_text
from lessonkit.read.source import source_from_text
from pages import page as lesson, section

GENERATOR_YAML = """apiProvider: OpenAI
questions:
  - key: preview
    desc: Preview
    template: give me five question about {{ .keyword}}
  - key: review
    desc: Review
    template: Give me 5 medium-difficulty questions with answers about {{ .keyword}}
"""


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
    ("[[sections]]\nkey = 'a'\n", "p.toml", "p.toml: 'sections.0.kind': Field required"),
])
def test_broken_profiles_name_file_and_place(text, name, message):
    with pytest.raises(ProfileError) as error:
        read_profile_text(text, name)
    assert message in str(error.value)


def test_unknown_profile_is_a_usage_error(tmp_path):
    page = tmp_path / "p.md"
    page.write_text(lesson(section("1. 甲？\n答案：乙\n", "給我5題GAN的中文問題", "習題預習")), encoding="utf-8")
    result = run_lessonkit("lint", str(page), "--profile", "nope")
    assert result.returncode == 2 and "profile 'nope'" in result.stderr.decode() and "learn-with-ai-en" in result.stderr.decode()


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


def test_user_residue_patterns_extend_the_built_in_ones(tmp_path):
    (tmp_path / "more.toml").write_text("boilerplate = ['本回答由機器人生成']\n", encoding="utf-8")
    settings = Settings(config=ConfigFile(residue=["more.toml"]), path=str(tmp_path / "lessonkit.toml"), cli=Layer(select=("LK401",)))
    text = lesson(section("本回答由機器人生成。\n", "以中文說明GAN並舉例", "說明知識"))
    assert [(d.line, d.column) for d in lint_source(source_from_text(text), settings)] == [(9, 1)]


@requires_corpus
@pytest.mark.parametrize("tree, builtin", [("english", "learn-with-ai-en"), ("zh-tw", "learn-with-ai-zh-tw"), ("zh-cn", "learn-with-ai-zh-cn")])
def test_corpus_trees_with_their_profiles(tree, builtin):
    result = run_lessonkit("lint", str(CORPUS / tree), "--profile", builtin, "--select", "LK13,LK4,LK6", "--statistics")
    assert b"Traceback" not in result.stderr and result.returncode in (0, 1)
    assert result.stdout.decode() in (REPO / "README.md").read_text(encoding="utf-8"), f"update the README's {tree} profile statistics"
