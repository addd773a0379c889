"""Streamed reports: a JSON document written item by item is byte for byte the document json.dumps writes."""

import json

import pytest

from lessonkit.report.formats import ITEMS, json_with_items


@pytest.mark.parametrize("document, items", [
    ([ITEMS], []),
    ([ITEMS], [{"a": [1, {"b": "x\ny"}]}, 2, "s", [], {}]),
    ({"x": 1, "runs": [{"results": [ITEMS], "after": []}]}, [{"k": "中文"}, {"k": [1, 2]}]),
    ({"x": 1, "runs": [{"results": [ITEMS]}]}, []),
])
def test_streamed_json_is_json_dumps(document, items):
    whole = json.loads(json.dumps(document).replace(json.dumps([ITEMS]), json.dumps(items)))
    expected = json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
    chunks = list(json_with_items(document, iter(items)))
    assert "".join(chunks) == expected
    assert len(chunks) == max(1, len(items)) + (1 if items else 0)  # one chunk per item, plus the end


def test_junit_cases_spilled_to_disk_come_back_whole(monkeypatch):
    from xml.etree import ElementTree

    from lessonkit.report import formats as report
    from lessonkit.diagnostics import Diagnostic
    from lessonkit.lint.linter import FileResult

    pages = [(FileResult(f"p{n}.md"), [Diagnostic(f"p{n}.md", k, 1, k, 2, "LK501", "trailing-whitespace", "info",
                                                  f"<{k}> & 中文") for k in range(1, n % 4)]) for n in range(300)]
    in_memory = "".join(report.as_junit(pages))
    monkeypatch.setattr(report, "SPOOL_SIZE", 1_000)  # most cases go through a temporary file on disk
    assert "".join(report.as_junit(pages)) == in_memory
    suite = ElementTree.fromstring(in_memory).find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("300", "150")
    assert [case.get("name") for case in suite] == [f"p{n}.md" for n in range(300)]
    assert suite[3].find("failure").text == "1:1: LK501 [info] <1> & 中文\n2:1: LK501 [info] <2> & 中文"
