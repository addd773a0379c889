"""The result cache never returns a stale result: after an edit, a configuration or glossary change, or an
upgrade; and it survives concurrent runs and damaged entries."""

import json
import subprocess
import sys

from conftest import REPO, run_lessonkit

PAGE = '+++\ntitle = "t"\nweight = 1\n+++\n## Review\n{{< ask_chatgpt >}}\nGive me 1 question\n{{< /ask_chatgpt >}}\n\n1. Why?\nAnswer: Because.\n'


def lint_json(folder, cache, *args):
    result = run_lessonkit("lint", str(folder), "--output-format", "json", "--cache-dir", str(cache), *args)
    return result.returncode, [(d["code"], d["line"], d["severity"]) for d in json.loads(result.stdout)]


def entries(cache):
    return sorted(p.name for p in cache.rglob("*.json"))


def test_second_run_is_served_from_the_cache_with_identical_output(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    (site / "a.md").write_text(PAGE.replace("Answer: Because.\n", ""), encoding="utf-8")
    first = lint_json(site, cache)
    assert first == (1, [("LK201", 10, "error")]) and len(entries(cache)) == 1
    stamp = next(cache.rglob("*.json")).stat().st_mtime_ns
    assert lint_json(site, cache) == first
    assert next(cache.rglob("*.json")).stat().st_mtime_ns == stamp  # read, not rewritten
    assert (cache / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_an_edit_is_never_served_stale(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    page = site / "a.md"
    page.write_text(PAGE.replace("Answer: Because.\n", ""), encoding="utf-8")
    assert lint_json(site, cache)[1] == [("LK201", 10, "error")]
    page.write_text(PAGE, encoding="utf-8")
    assert lint_json(site, cache) == (0, [])
    page.write_text(PAGE.replace("Answer: Because.\n", ""), encoding="utf-8")  # back to the first content
    assert lint_json(site, cache)[1] == [("LK201", 10, "error")]


def test_a_configuration_change_is_never_served_stale(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    (site / "a.md").write_text(PAGE.replace("Answer: Because.\n", ""), encoding="utf-8")
    assert lint_json(site, cache)[1] == [("LK201", 10, "error")]
    (site / "lessonkit.toml").write_text('severity = { LK201 = "warning" }\n', encoding="utf-8")
    assert lint_json(site, cache) == (0, [("LK201", 10, "warning")])
    assert lint_json(site, cache, "--ignore", "LK201") == (0, [])
    assert lint_json(site, cache, "--no-config")[1] == [("LK201", 10, "error")]


def test_a_glossary_change_is_never_served_stale(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    glossary = site / "terms.toml"
    glossary.write_text('[[terms]]\nid = "w"\nen = "widget"\nmode = "prefer"\nhans = ["小部件", "微件"]\n', encoding="utf-8")
    (site / "lessonkit.toml").write_text('glossary = ["terms.toml"]\nselect = ["LK301"]\n', encoding="utf-8")
    body = "## 说明知识\n{{< ask_chatgpt >}}\n以中文说明X并举例\n{{< /ask_chatgpt >}}\n\n这个微件很好用，微件也很小。\n"
    (site / "a.md").write_text('+++\ntitle = "t"\n+++\n' + body, encoding="utf-8")
    assert [c for c, _, _ in lint_json(site, cache)[1]] == ["LK301", "LK301"]
    glossary.write_text('[[terms]]\nid = "w"\nen = "widget"\nmode = "prefer"\nhans = ["微件", "小部件"]\n', encoding="utf-8")
    assert lint_json(site, cache) == (0, [])


def test_an_upgrade_changes_every_key(tmp_path, monkeypatch):
    from lessonkit.lint import cache as cache_module
    from lessonkit.config.settings import Settings

    before = cache_module.ResultCache(str(tmp_path)).key("a.md", b"text", Settings())
    cache_module.package_fingerprint.cache_clear()
    monkeypatch.setattr(cache_module, "__version__", "999.0")
    try:
        assert cache_module.ResultCache(str(tmp_path)).key("a.md", b"text", Settings()) != before
    finally:
        cache_module.package_fingerprint.cache_clear()


def test_damaged_entries_are_misses(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    (site / "a.md").write_text(PAGE.replace("Answer: Because.\n", ""), encoding="utf-8")
    first = lint_json(site, cache)
    for entry in cache.rglob("*.json"):
        entry.write_text('{"diagnostics": [', encoding="utf-8")
    assert lint_json(site, cache) == first


def test_concurrent_runs_agree_and_leave_whole_entries(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    for number in range(80):
        (site / f"p{number:02}.md").write_text(PAGE.replace("weight = 1", f"weight = {number}").replace(
            "Answer: Because.\n", "" if number % 3 else "Answer: Because.\n"), encoding="utf-8")
    command = [sys.executable, "-m", "lessonkit", "lint", str(site), "--output-format", "jsonl", "--cache-dir", str(cache)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, cwd=REPO) for _ in range(4)]
    outputs = [run.communicate()[0] for run in runs]
    assert len(set(outputs)) == 1 and outputs[0].count(b"LK201") == 53
    assert all(json.loads(entry.read_text(encoding="utf-8")) for entry in cache.rglob("*.json"))
    assert not list(cache.rglob("*.tmp"))


def lint_text(folder, cache, *args):
    result = run_lessonkit("lint", str(folder), "--cache-dir", str(cache), *args)
    return result.returncode, result.stdout.decode("utf-8")


def test_an_unchanged_run_replays_the_report_it_stored_and_an_edit_ends_the_replay(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    page = site / "a.md"
    page.write_text(PAGE.replace("Answer: Because.\n", ""), encoding="utf-8")
    first = lint_text(site, cache)
    assert first[0] == 1 and "LK201" in first[1]
    (stored,) = cache.glob("runs/*.run")
    header, report = stored.read_bytes().split(b"\n", 1)
    assert report.decode("utf-8") == first[1] and json.loads(header)["exit"] == 1
    marked = report.replace(b"LK201", b"LK999")  # same size: proves the next run shows the stored report
    stored.write_bytes(header + b"\n" + marked)
    assert lint_text(site, cache) == (1, marked.decode("utf-8"))
    page.write_text(PAGE, encoding="utf-8")
    assert lint_text(site, cache) == (0, "All checks passed (1 file).\n")
    page.write_text(PAGE.replace("Answer: Because.\n", ""), encoding="utf-8")  # back: the (marked) replay again
    assert lint_text(site, cache) == (1, marked.decode("utf-8"))


def test_a_replay_is_only_for_the_same_report_options(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    (site / "a.md").write_text(PAGE.replace("Answer: Because.\n", ""), encoding="utf-8")
    text = lint_text(site, cache)
    assert lint_json(site, cache) == (1, [("LK201", 10, "error")])
    assert lint_text(site, cache, "--exit-zero") == (0, text[1])
    assert lint_text(site, cache, "--statistics")[1] == "      1  LK201      missing-answer\n"
    assert lint_text(site, cache, "--quiet")[1] == text[1].split("Found")[0]
    assert len(list(cache.glob("runs/*.run"))) == 5
    assert [lint_text(site, cache, *options) for options in ([], ["--exit-zero"])] == [text, (0, text[1])]


def test_damaged_replays_are_ignored_and_only_recent_runs_are_kept(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    (site / "a.md").write_text(PAGE.replace("Answer: Because.\n", ""), encoding="utf-8")
    first = lint_text(site, cache)
    (stored,) = cache.glob("runs/*.run")
    stored.write_bytes(stored.read_bytes()[:-5])  # cut short
    assert lint_text(site, cache) == first
    stored.write_bytes(b"not a header\n" + first[1].encode("utf-8"))
    assert lint_text(site, cache) == first
    for code in ["LK101", "LK102", "LK103", "LK104", "LK110", "LK111", "LK112", "LK120", "LK121", "LK123"]:
        lint_text(site, cache, "--ignore", code)
    assert len(list(cache.glob("runs/*.run"))) == 8


def test_a_replayed_report_goes_to_the_output_file(tmp_path):
    site, cache, out = tmp_path / "site", tmp_path / "cache", tmp_path / "report.sarif"
    site.mkdir()
    (site / "a.md").write_text(PAGE.replace("Answer: Because.\n", ""), encoding="utf-8")
    runs = []
    for _ in range(2):
        result = run_lessonkit("lint", str(site), "--cache-dir", str(cache), "--output-format", "sarif", "--output-file", str(out))
        runs.append((result.returncode, result.stdout, out.read_bytes()))
        out.unlink()
    assert runs[0] == runs[1] and runs[0][0] == 1 and b'"ruleId": "LK201"' in runs[0][2]
    assert len(list(cache.glob("runs/*.run"))) == 1


def test_site_findings_come_from_cached_pages_and_site_runs_have_their_own_entries(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    for name, body in [("a.md", "判别器判断真假，判别器很重要，判别器。"), ("b.md", "鉴别器判断真假，鉴别器很重要。"),
                       ("c.md", "判别器与生成器对抗，判别器。")]:
        (site / name).write_text(f'+++\ntitle = "t"\n+++\n## 说明\n{{{{< ask_chatgpt >}}}}\n以中文说明\n'
                                 f'{{{{< /ask_chatgpt >}}}}\n\n{body}\n', encoding="utf-8")
    assert lint_json(site, cache, "--select", "LK302") == (0, [])  # pages cached without site-wide data
    expected = (0, [("LK302", 9, "warning"), ("LK302", 9, "warning")])  # b.md: 鉴别器 twice, against the site's 判别器
    assert lint_json(site, cache, "--select", "LK302", "--site") == expected
    written = {entry: entry.stat().st_mtime_ns for entry in cache.rglob("*.json")}
    assert len(written) == 6  # three pages, each with and without site mode
    for run in cache.glob("runs/*.run"):
        run.unlink()  # no replay: the site check runs again, on the summaries of cached pages
    assert lint_json(site, cache, "--select", "LK302", "--site") == expected
    assert {entry: entry.stat().st_mtime_ns for entry in cache.rglob("*.json")} == written  # every page a hit
