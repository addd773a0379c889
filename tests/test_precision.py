"""The verdicts of blind reviews hold (precision/: samples of default findings on the corpus, each judged real,
wrong or not worth reporting by an editor of the site): every finding judged real is still reported at its
place (or its page is reported once as written in the other script, LK306, which replaces line-by-line
findings by design), and every finding judged wrong is gone, except the open bugs listed in
precision/known-wrong.toml, which must still be there."""

import json
import tomllib

import pytest

from conftest import CORPUS, REPO, requires_corpus, run_lessonkit

PRECISION = REPO / "precision"
REVIEWS = sorted((path, path.with_name(path.name.replace("sample-", "verdicts-")))
                 for path in PRECISION.glob("sample-*.jsonl"))


def judged() -> list[dict]:
    rows = []
    for sample_path, verdicts_path in REVIEWS:
        sample = {row["id"]: row for row in map(json.loads, sample_path.read_text(encoding="utf-8").splitlines())}
        for verdict in map(json.loads, verdicts_path.read_text(encoding="utf-8").splitlines()):
            rows.append({**sample[verdict["id"]], **verdict})
    return rows


@pytest.fixture(scope="module")
def current():
    result = run_lessonkit("lint", "contentOri", "--no-cache", "--output-format", "json", cwd=CORPUS.parent)
    assert result.returncode in (0, 1), result.stderr.decode()
    return json.loads(result.stdout)


def test_every_sample_has_one_verdict_per_finding():
    assert REVIEWS
    for sample_path, verdicts_path in REVIEWS:
        sample = [json.loads(line)["id"] for line in sample_path.read_text(encoding="utf-8").splitlines()]
        verdicts = [json.loads(line) for line in verdicts_path.read_text(encoding="utf-8").splitlines()]
        assert [v["id"] for v in verdicts] == sample and len(sample) >= 200
        assert {v["verdict"] for v in verdicts} <= {"real", "wrong", "not-worth"} and all(v["reason"] for v in verdicts)


@requires_corpus
def test_real_findings_are_still_reported(current):
    places = {(d["path"], d["line"], d["column"]) for d in current}
    other_script = {d["path"] for d in current if d["code"] == "LK306"}
    lost = [(row["code"], row["path"], row["line"]) for row in judged() if row["verdict"] == "real"
            and (row["path"], row["line"], row["column"]) not in places and row["path"] not in other_script]
    assert lost == []


@requires_corpus
def test_wrong_findings_are_gone_but_for_the_open_bugs(current):
    reported = {(d["path"], d["line"], d["column"], d["code"]) for d in current}
    open_bugs = {i for entry in tomllib.loads((PRECISION / "known-wrong.toml").read_text(encoding="utf-8"))["open"]
                 for i in entry["ids"]}
    wrong = {row["id"]: (row["path"], row["line"], row["column"], row["code"]) for row in judged() if row["verdict"] == "wrong"}
    assert open_bugs <= set(wrong)
    still = {i for i, place in wrong.items() if place in reported}
    assert still - open_bugs == set(), "a finding judged wrong is reported (again)"
    assert open_bugs - still == set(), "an open bug is fixed: take it off precision/known-wrong.toml"
