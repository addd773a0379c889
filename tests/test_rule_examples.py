"""Every rule on its folder of example pages (tests/rules/CODE-name/, see tests/rule_examples.py): the exact
findings of each example, nothing on each near miss, and the page each fix makes. `pytest --update-expected`
rewrites the expectations from what lessonkit reports now."""

import pytest

from lessonkit.rules import all_rules
from rule_examples import FIXED_SUFFIXES, all_examples, examples, fix_cases, fixed, folder_code, reported, rule_folders

EXAMPLES = all_examples()
RULES = all_rules()


def check(expected_file, actual: str, update: bool) -> None:
    if update:
        expected_file.write_bytes(actual.encode("utf-8"))
    assert expected_file.is_file(), f"{expected_file} is missing (pytest --update-expected writes it)"
    assert actual == expected_file.read_bytes().decode("utf-8")


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_findings(example, update_expected):
    actual = reported(example)
    if example.near_miss:
        assert actual == "", f"a near miss must produce no {example.code} finding"
        assert not example.findings_file.exists()
    else:
        assert actual, f"{example} must produce a {example.code} finding (near misses are named ok-*)"
        check(example.findings_file, actual, update_expected)


@pytest.mark.parametrize("example, applicability", fix_cases(), ids=str)
def test_fix(example, applicability, tmp_path, update_expected):
    """A safe rule's `--fix` result; an unsafe rule's page is unchanged by `--fix` and fixed with --unsafe-fixes;
    fixing the fixed page again changes nothing."""
    page = example.path.read_bytes()
    actual = fixed(example, applicability, tmp_path)
    if RULES[example.code].fix == "unsafe" and applicability == "safe":
        assert actual == page, "an unsafe fix applied without --unsafe-fixes"
        return
    assert actual != page, "the fix changed nothing"
    check(example.fixed_file(applicability), actual.decode("utf-8"), update_expected)
    assert fixed(example, applicability, tmp_path, actual) == actual, "a second --fix changed the page again"


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_examples(code):
    rule = RULES[code]
    folders = [folder for folder in rule_folders() if folder_code(folder) == code]
    assert [folder.name for folder in folders] == [f"{code}-{rule.name}"], \
        f"tests/rules/{code}-{rule.name}/ is missing (tools/new_rule.py makes it)"
    kinds = {example.near_miss for example in examples(folders[0])}
    assert kinds == {True, False}, "a rule needs at least one example that fires and one near miss (ok-*)"


def test_no_folder_without_a_rule():
    assert {folder_code(folder) for folder in rule_folders()} <= set(RULES)


def test_no_stray_expectations():
    """Every .findings and fixed page belongs to an example, so a renamed example leaves nothing behind."""
    for folder in rule_folders():
        stems = {example.findings_file.name for example in examples(folder)} | {
            example.fixed_file(kind).name for example in examples(folder) for kind in FIXED_SUFFIXES}
        for path in folder.iterdir():
            if path.name.endswith(".findings") or path.name.endswith(tuple(FIXED_SUFFIXES.values())):
                assert path.name in stems, f"{path} belongs to no example"
