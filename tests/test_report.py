"""Streamed reports: a JSON document written item by item is byte for byte the document json.dumps writes."""

import json

import pytest

from lessonkit.report import ITEMS, json_with_items


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
