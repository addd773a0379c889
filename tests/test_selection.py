"""Which rules run: default selection, selection layers (configuration, then command line), per-file ignores and
severity overrides. Code sets come from the registry, so a new rule changes no test here."""

import pytest

from lessonkit.config.discovery import load_config
from lessonkit.config.schema import ConfigError, ConfigFile
from lessonkit.config.selection import Layer
from lessonkit.config.settings import Settings
from lessonkit.rules import all_rules
from pages import FRONT_MATTER, lines_of, lint, quiz, section

PREVIEW_QUIZ = quiz("1. 什么是GAN？\n", prompt="给我1题X的问题", heading="习题预习") + section("1. 什么是GAN？\n答案：甲\n", "给我1题X的问题")


@pytest.mark.parametrize("text, code", [(PREVIEW_QUIZ, "LK205"), (quiz("1. 为什么？\n因为如此。\n"), "LK207")])
def test_default_disabled_rules_do_not_run(text, code):
    codes = [d.code for d in lint(text)]
    assert code not in codes and codes == [d.code for d in lint(text, Settings(cli=Layer(extend_select=(code,))))
                                           if d.code != code]


DEFAULT = frozenset(code for code, rule in all_rules().items() if rule.default_enabled)
LK2 = frozenset(code for code in all_rules() if code.startswith("LK2"))
OPT_IN = frozenset(all_rules()) - DEFAULT


def test_default_selection_leaves_out_the_opt_in_rules():
    assert OPT_IN and Settings().enabled(None) == DEFAULT


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
    assert {c for c, _ in lines_of(text)} == {"LK201"}  # trailing whitespace is in the opt-in formatting group
    assert {c for c, _ in lines_of(text, Settings(cli=Layer(extend_select=("formatting",))))} == {"LK201", "LK501"}
    assert lines_of(text, Settings(config=ConfigFile(select=["LK2"]))) == [("LK201", 11)]
    # like ruff, a command-line `select` starts over: the file's `ignore` no longer applies
    assert lines_of(text, Settings(config=ConfigFile(ignore=["missing-answer"]), cli=Layer(select=("LK2", "LK5")))) == [
        ("LK501", 10), ("LK201", 11)]
    assert lines_of(text, Settings(config=ConfigFile(ignore=["missing-answer"]), cli=Layer(extend_select=("LK5",)))) == [
        ("LK501", 10)]


def test_a_group_name_selects_its_rules():
    formatting = {code for code, rule in all_rules().items() if rule.group == "formatting"}
    assert formatting and not formatting & DEFAULT
    assert Settings(cli=Layer(extend_select=("formatting",))).enabled(None) == DEFAULT | formatting


def test_unknown_selector_is_an_error():
    with pytest.raises(ConfigError, match="LK9"):
        Settings(config=ConfigFile(select=["LK9"])).enabled(None)


def test_severity_override():
    text = FRONT_MATTER + "## A \n\n\n\nb\n"
    diagnostics = lint(text, Settings(config=ConfigFile(severity={"LK501": "error"}), cli=Layer(select=("LK5",))))
    assert [(d.code, d.name, d.severity) for d in diagnostics] == [
        ("LK501", "trailing-whitespace", "error"), ("LK502", "extra-blank-lines", "info")]


def test_severity_override_by_name(tmp_path):
    (tmp_path / "lessonkit.toml").write_text('[severity]\ntrailing-whitespace = "error"\n', encoding="utf-8")
    settings = Settings(config=load_config(str(tmp_path / "lessonkit.toml")), cli=Layer(select=("LK501",)))
    assert [d.severity for d in lint(FRONT_MATTER + "## A \n", settings)] == ["error"]


def per_file_settings(tmp_path, **layers):
    config = ConfigFile(**{"per-file-ignores": {"drafts/*": ["trailing-whitespace"], "*.txt": ["LK5"]}}, **layers)
    return Settings(config=config, path=str(tmp_path / "lessonkit.toml"))


@pytest.mark.parametrize("page, expected", [
    ("drafts/a.md", []), ("drafts/sub/b.md", []), ("a.md", [("LK501", 4)]), ("other/drafts/a.md", [("LK501", 4)]),
])
def test_per_file_ignores(tmp_path, page, expected):
    settings = per_file_settings(tmp_path, select=["LK501"])
    assert lines_of(FRONT_MATTER + "## A \n", settings, str(tmp_path / page)) == expected


def test_per_file_ignores_survive_command_line_select(tmp_path):
    settings = per_file_settings(tmp_path)
    settings.cli = Layer(select=("LK501",))
    assert lines_of(FRONT_MATTER + "## A \n", settings, str(tmp_path / "drafts/a.md")) == []
