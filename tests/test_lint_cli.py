"""`lessonkit lint` as users run it: outputs, exit codes, configuration, fixes, stdin, errors."""

import json
import re
import shutil
import xml.etree.ElementTree as ElementTree

import pytest

from conftest import CORPUS, REPO, SAMPLES, requires_corpus, run_lessonkit
from lessonkit.rules import all_rules

CLEAN = '+++\ntitle = "t"\nweight = 1\n+++\n## Review\n{{< ask_chatgpt >}}\nGive me 1 question\n{{< /ask_chatgpt >}}\n\n1. Why?\nAnswer: Because.\n'
NO_ANSWER = CLEAN.replace("Answer: Because.\n", "")
WARNING_ONLY = CLEAN.replace("## Review\n{{< ask_chatgpt >}}\nGive me 1 question\n{{< /ask_chatgpt >}}\n", "## Review\n")
FORMATTING = ("--extend-select", "formatting")  # LK103, LK501, LK502: opt-in, and the handiest fixable findings
FIXABLE = CLEAN.replace('weight = 1', 'weight = "1"').replace("Because.", "Because.  ").replace("\n\n1.", "\n\n\n\n1.")


def write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lint(*args, **kwargs):
    result = run_lessonkit("lint", *args, **kwargs)
    assert b"Traceback" not in result.stderr, result.stderr.decode()
    return result


def test_text_output_and_exit_code_on_samples():
    result = lint(str(SAMPLES / "english"))
    lines = result.stdout.decode().splitlines()
    page = SAMPLES / "english" / "Backpropagation.md"
    assert result.returncode == 1
    assert f"{page}:49:1: LK201 [error] question 3 has no answer" in lines
    assert not any(": LK103 " in line for line in lines)  # formatting is opt-in
    assert lines[-1] == "Found 3 problems (2 errors, 1 warning) in 1 file."
    lines = lint(str(SAMPLES / "english"), *FORMATTING).stdout.decode().splitlines()
    assert f'{page}:3:10: LK103 [info] weight "3" is a string; write 3' in lines
    assert lines[-2:] == ["Found 8 problems (2 errors, 1 warning, 5 infos) in 1 file.", "5 fixable with --fix."]
    assert "\x1b[" not in result.stdout.decode()  # no colour when not a terminal


def test_json_and_jsonl_outputs(tmp_path):
    page = write(tmp_path, "p.md", FIXABLE)
    diagnostics = json.loads(lint(str(page), "--output-format", "json", *FORMATTING).stdout)
    weight = next(d for d in diagnostics if d["code"] == "LK103")
    assert weight == {
        "path": str(page), "line": 3, "column": 10, "end_line": 3, "end_column": 13, "code": "LK103",
        "name": "quoted-weight", "severity": "info", "message": 'weight "1" is a string; write 1',
        "fix": {"applicability": "safe", "edits": [{"line": 3, "column": 10, "end_line": 3, "end_column": 13, "content": "1"}]},
    }
    lines = lint(str(page), "--output-format", "jsonl", *FORMATTING).stdout.decode().splitlines()
    assert [json.loads(line) for line in lines] == diagnostics


def test_sarif_output(tmp_path):
    page = write(tmp_path, "p.md", NO_ANSWER)
    log = json.loads(lint(str(page), "--output-format", "sarif").stdout)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["LK201"]["name"] == "missing-answer" and "Why it matters" in rules["LK201"]["help"]["text"]
    [result] = run["results"]
    assert result["ruleId"] == "LK201" and result["level"] == "error"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "LK201"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 10, "startColumn": 1, "endLine": 10, "endColumn": 8}


def test_github_and_junit_outputs(tmp_path):
    page = write(tmp_path, "p.md", NO_ANSWER)
    write(tmp_path, "q.md", CLEAN.replace("weight = 1", "weight = 2"))
    github = lint(str(page), "--output-format", "github").stdout.decode()
    assert github == f"::error file={page},line=10,col=1,endLine=10,endColumn=8,title=LK201 missing-answer::question 1 has no answer\n"
    junit = ElementTree.fromstring(lint(str(tmp_path), "--output-format", "junit").stdout)
    suite = junit.find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    failing = [case.get("name") for case in suite.iter("testcase") if case.find("failure") is not None]
    assert failing == [str(page)]


def test_statistics(tmp_path):
    write(tmp_path, "a.md", FIXABLE)
    write(tmp_path, "b.md", NO_ANSWER)
    output = lint(str(tmp_path), "--statistics", *FORMATTING).stdout.decode().splitlines()
    assert output == ["      1  LK103  [*] quoted-weight", "      1  LK201      missing-answer",
                      "      1  LK501  [*] trailing-whitespace", "      1  LK502  [*] extra-blank-lines",
                      "      1  LK601      duplicate-weight"]  # both pages have weight 1


@pytest.mark.parametrize("page, options, code", [
    (CLEAN, [], 0), (NO_ANSWER, [], 1), (NO_ANSWER, ["--exit-zero"], 0), (WARNING_ONLY, [], 0),
    (WARNING_ONLY, ["--fail-on", "warning"], 1), (FIXABLE, [*FORMATTING], 0), (FIXABLE, ["--fail-on", "info"], 0),
    (FIXABLE, ["--fail-on", "info", *FORMATTING], 1),
])
def test_exit_codes(tmp_path, page, options, code):
    assert lint(str(write(tmp_path, "p.md", page)), *options).returncode == code


def test_unreadable_and_missing_inputs_exit_2_after_linting_the_rest(tmp_path):
    write(tmp_path, "a.md", NO_ANSWER)
    (tmp_path / "b.md").write_bytes(b"\xff\xfe\x00")
    result = lint(str(tmp_path), str(tmp_path / "nope.md"))
    out = result.stdout.decode()
    assert result.returncode == 2
    assert f"{tmp_path / 'a.md'}:10:1: LK201" in out
    assert f"{tmp_path / 'b.md'}:1:1: LK100 [error] file is UTF-16-encoded" in out
    assert f"{tmp_path / 'nope.md'}:1:1: LK100 [error] no such file or directory" in out


def test_selection_options_and_names(tmp_path):
    page = str(write(tmp_path, "p.md", FIXABLE.replace("Answer: Because.  \n", "")))
    codes = lambda *args: sorted({d["code"] for d in json.loads(lint(page, "--output-format", "json", *args).stdout)})
    assert codes() == ["LK201"]
    assert codes(*FORMATTING) == ["LK103", "LK201", "LK502"]
    assert codes("--extend-select", "quoted-weight") == ["LK103", "LK201"]
    assert codes("--select", "LK2") == ["LK201"]
    assert codes("--select", "missing-answer,quoted-weight") == ["LK103", "LK201"]
    assert codes(*FORMATTING, "--ignore", "LK5", "--ignore", "LK103") == ["LK201"]
    assert codes("--select", "LK201", "--extend-select", "LK207") == ["LK201"]
    bad = lint(page, "--select", "LK999")
    assert bad.returncode == 2 and "unknown rule or prefix 'LK999'" in bad.stderr.decode()


def test_config_files_closest_wins_and_cli_overrides(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.lessonkit]\nignore = ["LK201"]\n')
    write(tmp_path, "site/lessonkit.toml", 'select = ["LK201"]\nseverity = { LK201 = "warning" }\n')
    top = write(tmp_path, "top.md", NO_ANSWER)
    nested = write(tmp_path, "site/deep/nested.md", NO_ANSWER)
    result = lint(str(top), str(nested), "--output-format", "json")
    diagnostics = json.loads(result.stdout)
    assert [(d["path"], d["code"], d["severity"]) for d in diagnostics] == [(str(nested), "LK201", "warning")]
    assert result.returncode == 0  # a warning does not fail by default
    assert lint(str(nested), "--no-config", "--select", "LK201").returncode == 1
    assert lint(str(top), "--config", str(tmp_path / "site" / "lessonkit.toml")).returncode == 0


def test_per_file_ignores_and_fail_on_from_config(tmp_path):
    write(tmp_path, "lessonkit.toml", 'fail-on = "warning"\n[per-file-ignores]\n"drafts/*" = ["missing-answer"]\n')
    assert lint(str(write(tmp_path, "drafts/a.md", NO_ANSWER))).returncode == 0
    assert lint(str(write(tmp_path, "final/a.md", WARNING_ONLY))).returncode == 1


@pytest.mark.parametrize("config, message", [
    ('selct = ["LK201"]\n', "lessonkit.toml:1: 'selct': unknown key"),
    ('fail-on = "sometimes"\n', "lessonkit.toml:1: 'fail-on': Input should be 'error', 'warning' or 'info'"),
    ('ignore = ["LK999"]\n', "unknown rule or prefix 'LK999'"),
    ('ignore = [\n', "invalid TOML"),
])
def test_bad_configuration_exits_2_naming_file_and_key(tmp_path, config, message):
    write(tmp_path, "lessonkit.toml", config)
    result = lint(str(write(tmp_path, "p.md", CLEAN)))
    assert result.returncode == 2
    assert message in result.stderr.decode()


def test_fix_is_atomic_idempotent_and_preserves_crlf_and_bom(tmp_path):
    page = tmp_path / "p.md"
    original = b"\xef\xbb\xbf" + FIXABLE.replace("\n", "\r\n").encode("utf-8")
    page.write_bytes(original)
    first = lint(str(page), "--fix", *FORMATTING)
    fixed = page.read_bytes()
    assert first.returncode == 0 and "Fixed 3 problems." in first.stdout.decode()
    assert fixed == b"\xef\xbb\xbf" + CLEAN.replace("\n", "\r\n").encode("utf-8")
    second = lint(str(page), "--fix", *FORMATTING)
    assert page.read_bytes() == fixed and "Fixed" not in second.stdout.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.md"]


def test_diff_writes_nothing_and_unsafe_fixes_need_the_flag(tmp_path):
    page = write(tmp_path, "p.md", CLEAN.replace("Answer: Because.", "Because."))
    before = page.read_bytes()
    safe = lint(str(page), "--diff", "--extend-select", "LK207")
    assert (safe.returncode, safe.stdout) == (0, b"")
    unsafe = lint(str(page), "--diff", "--unsafe-fixes", "--extend-select", "LK207")
    assert unsafe.returncode == 1 and "-Because.\n+Answer: Because.\n" in unsafe.stdout.decode()
    assert page.read_bytes() == before


def test_stdin_lint_and_fix():
    result = lint("-", "--stdin-filename", "page.md", stdin=NO_ANSWER.encode())
    assert result.returncode == 1 and result.stdout.decode().startswith("page.md:10:1: LK201")
    fixed = lint("-", "--fix", "--stdin-filename", "page.md", *FORMATTING, stdin=FIXABLE.encode())
    assert fixed.stdout.decode() == CLEAN
    assert "Fixed 3 problems." in fixed.stderr.decode()


def test_output_file_is_written(tmp_path):
    out = tmp_path / "report.json"
    result = lint(str(write(tmp_path, "p.md", NO_ANSWER)), "--output-format", "json", "--output-file", str(out))
    assert result.stdout == b"" and json.loads(out.read_text())[0]["code"] == "LK201"


def test_rule_documentation_commands():
    page = run_lessonkit("rule", "missing-answer").stdout.decode()
    assert page.startswith("LK201 missing-answer (error, no fix, enabled by default)")
    assert "**Why it matters**" in page
    assert run_lessonkit("rule", "LK999").returncode == 2
    listing = json.loads(run_lessonkit("rules", "--format", "json").stdout)
    assert {r["code"] for r in listing if not r["default_enabled"]} == {
        code for code, rule in all_rules().items() if not rule.default_enabled}
    for rule in listing:
        doc = run_lessonkit("rule", rule["code"]).stdout.decode()
        assert "Why it matters" in doc and "Fix" in doc, rule["code"]


def test_readme_rule_table_is_generated_from_the_rules():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = run_lessonkit("rules", "--format", "markdown").stdout.decode()
    assert table in readme, "update the README's rule table with: lessonkit rules --format markdown"


@pytest.mark.parametrize("which", ["config", "glossary"])
def test_committed_schemas_match(which):
    committed = (REPO / "schemas" / f"{which}.schema.json").read_text(encoding="utf-8")
    assert run_lessonkit("schema", which).stdout.decode() == committed, f"regenerate: lessonkit schema {which}"


@requires_corpus
def test_corpus_statistics_match_readme():
    result = lint(str(CORPUS), "--statistics")
    assert result.returncode == 1
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert result.stdout.decode() in readme, "update the README's corpus statistics"


@requires_corpus
def test_fix_on_a_corpus_copy_changes_only_what_it_reports(tmp_path):
    copy = tmp_path / "corpus"
    shutil.copytree(CORPUS / "zh-tw", copy)
    first = lint(str(copy), "--fix", "--quiet", *FORMATTING)
    assert first.returncode == 1  # unfixable errors remain
    second = lint(str(copy), "--diff", *FORMATTING)
    assert (second.returncode, second.stdout) == (0, b"")

    def without_fixed_issues(text):  # undo what the safe fixes do: weight quotes, whitespace, half-width marks
        text = text.translate(str.maketrans("？！，：；", "?!,:;"))
        text = re.sub(r'(?m)^weight = "(\d+)"$', r"weight = \1", text)
        text = re.sub(r"(?m)[ \t]+$", "", text)
        return re.sub(r"\n{3,}", "\n\n", text)

    for original in sorted((CORPUS / "zh-tw").rglob("*.md")):
        fixed = copy / original.relative_to(CORPUS / "zh-tw")
        before, after = original.read_text(encoding="utf-8"), fixed.read_text(encoding="utf-8")
        assert without_fixed_issues(before) == without_fixed_issues(after), fixed
        assert not re.search(r"[ \t]$", after, re.MULTILINE) or "```" in after, fixed


@requires_corpus
@pytest.mark.parametrize("output", [["--output-format", "jsonl"], ["--diff"]])
def test_parallel_output_is_identical_to_serial(output):
    tree = str(CORPUS / "zh-tw")
    serial = lint(tree, "--jobs", "1", *output)
    parallel = lint(tree, "--jobs", "2", *output)
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout and len(serial.stdout.splitlines()) > 1000


def test_fix_does_not_write_through_a_link_out_of_the_tree(tmp_path):
    outside = write(tmp_path, "outside/page.md", FIXABLE)
    site = tmp_path / "site"
    site.mkdir()
    (site / "linked.md").symlink_to(outside)
    write(site, "own.md", FIXABLE)
    result = lint(str(site), "--fix", *FORMATTING)
    assert result.returncode == 2
    assert outside.read_text(encoding="utf-8") == FIXABLE
    assert (site / "own.md").read_text(encoding="utf-8") == CLEAN
    assert f"{site / 'linked.md'}: not fixed: it links to {outside}" in result.stderr.decode()
    named = lint(str(site / "linked.md"), "--fix", *FORMATTING)  # named on the command line: the user asked for it
    assert named.returncode == 0 and outside.read_text(encoding="utf-8") == CLEAN


@requires_corpus
def test_killing_fix_mid_run_leaves_every_page_old_or_new(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    originals = {p.relative_to(CORPUS / "zh-tw"): p.read_bytes() for p in (CORPUS / "zh-tw").rglob("*.md")}
    finished = tmp_path / "finished"
    shutil.copytree(CORPUS / "zh-tw", finished)
    lint(str(finished), "--fix", "--quiet", *FORMATTING)
    fixed = {p.relative_to(finished): p.read_bytes() for p in finished.rglob("*.md")}
    states = set()
    for delay in (0.4, 0.8, 1.2, 1.6, 2.0, 2.4):
        copy = tmp_path / f"killed-{delay}"
        shutil.copytree(CORPUS / "zh-tw", copy)
        process = subprocess.Popen([sys.executable, "-m", "lessonkit", "lint", str(copy), "--fix", "--quiet", "--jobs", "1",
                                    *FORMATTING],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        for relative, before in originals.items():
            after = (copy / relative).read_bytes()
            assert after in (before, fixed[relative]), relative  # never truncated or half-written
            states.add("new" if after == fixed[relative] != before else "old")
    assert "old" in states


@pytest.mark.skipif(not shutil.which("script"), reason="util-linux `script` (a pseudo-terminal) is not installed")
@pytest.mark.parametrize("no_color, coloured", [(False, True), (True, False)])
def test_colour_only_on_a_terminal_and_never_with_no_color(no_color, coloured):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if no_color:
        env["NO_COLOR"] = "1"
    command = f"{sys.executable} -m lessonkit lint {SAMPLES / 'english'} --no-cache"
    result = subprocess.run(["script", "-qc", command, "/dev/null"], capture_output=True, env=env, cwd=REPO)
    assert ("\x1b[" in result.stdout.decode()) is coloured
    assert "LK201" in result.stdout.decode()
