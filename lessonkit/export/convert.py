"""The convert stage: lessons to JSON or JSON Lines, and the lesson model's JSON Schema."""

from __future__ import annotations

import json
from typing import Any

from ..datafiles import json_schema
from ..parse.models import Lesson

SCHEMA_ID = "https://lessonkit.dev/schemas/lesson.schema.json"


def lesson_data(lesson: Lesson) -> dict[str, Any]:
    return lesson.model_dump(mode="json")


def render(lessons: list[Lesson], to: str, single: bool) -> str:
    """`json`: one object when `single`, else an array; `jsonl`: one lesson per line."""
    if to == "jsonl":
        return "".join(json.dumps(lesson_data(lesson), ensure_ascii=False) + "\n" for lesson in lessons)
    if single and len(lessons) == 1:
        return json.dumps(lesson_data(lessons[0]), ensure_ascii=False, indent=2) + "\n"
    return json.dumps([lesson_data(lesson) for lesson in lessons], ensure_ascii=False, indent=2) + "\n"


def lesson_schema() -> dict[str, Any]:
    return json_schema(Lesson, schema_id=SCHEMA_ID)
